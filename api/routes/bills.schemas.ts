import { z } from 'zod';
import { rule } from '../../x12/837p/rules';
import { billStatus, cents, dateOfServiceDate, id, pageQuery, queryBoolean, rank, ruled } from './common.schemas';

// The 837P writer's own rules: a bill it would refuse is refused here, with the same words.
const procedureCode = ruled(rule.procedureCode);
const modifier = ruled(rule.modifier);
const icd10 = ruled(rule.icd10);
const placeOfService = ruled(rule.placeOfService);

export const serviceLineIn = z
  .object({
    procedureCode,
    modifiers: z.array(modifier).max(4).optional(),
    diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
    units: z.number().int().min(1).max(9999).optional(),
    chargeCents: cents.refine((v) => v > 0, { message: 'must be more than 0' }),
    dateOfService: dateOfServiceDate,
    placeOfService: placeOfService.optional(),
  })
  .strict();

export const createBillBody = z
  .object({
    practiceId: id,
    clientId: id,
    renderingProviderId: id.optional(),
    diagnosisCodes: z.array(icd10).min(1).max(12),
    placeOfService: placeOfService.optional(),
    serviceLines: z.array(serviceLineIn).min(1).max(50),
    submit: z.boolean().optional().describe('Submit the bill at once (Draft -> Ready to Batch); default false'),
  })
  .strict()
  .superRefine((bill, ctx) => {
    bill.serviceLines.forEach((line, i) =>
      line.diagnosisPointers.forEach((p, j) => {
        if (p > bill.diagnosisCodes.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['serviceLines', i, 'diagnosisPointers', j],
            message: `points at diagnosis ${p}; the bill has ${bill.diagnosisCodes.length}`,
          });
        }
      }),
    );
  });

export const correctBillBody = z
  .object({
    diagnosisCodes: z.array(icd10).min(1).max(12).optional(),
    placeOfService: placeOfService.optional(),
    renderingProviderId: id.nullable().optional(),
    serviceLines: z
      .array(
        z
          .object({
            lineNumber: z.number().int().min(1),
            procedureCode: procedureCode.optional(),
            modifiers: z.array(modifier).max(4).optional(),
            diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4).optional(),
            units: z.number().int().min(1).max(9999).optional(),
            chargeCents: cents.refine((v) => v > 0, { message: 'must be more than 0' }).optional(),
            dateOfService: dateOfServiceDate.optional(),
            placeOfService: placeOfService.nullable().optional(),
          })
          .strict(),
      )
      .max(50)
      .optional()
      .describe('Changes to existing lines, by line number; lines are neither added nor removed'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'say what to correct' });

export const billParams = z.object({ billId: id }).strict();

export const listBillsQuery = z
  .object({
    ...pageQuery,
    status: billStatus.optional(),
    practiceId: id.optional(),
    clientId: id.optional(),
    needsAttention: queryBoolean.optional(),
  })
  .strict();

export const attentionQuery = z.object({ ...pageQuery, practiceId: id.optional() }).strict();
export const timelineQuery = z.object({ ...pageQuery }).strict();

export const billListItem = z.object({
  id: z.string(),
  practiceId: z.string(),
  client: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  status: billStatus,
  rank,
  statusSince: z.string(),
  needsAttention: z.boolean(),
  attentionReason: z.string().nullable(),
  attentionSince: z.string().nullable(),
  totalChargeCents: z.number().int(),
  firstDateOfService: z.string().nullable(),
  workflowId: z.string().nullable(),
});

const lineOut = z.object({
  id: z.string(),
  lineNumber: z.number().int(),
  procedureCode: z.string(),
  modifiers: z.array(z.string()),
  diagnosisPointers: z.array(z.number().int()),
  units: z.number().int(),
  chargeCents: z.number().int(),
  dateOfService: z.string(),
  placeOfService: z.string().nullable(),
});

const claimOut = z.object({
  id: z.string(),
  rank,
  payerId: z.string(),
  frequency: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  patientControlNumber: z.string(),
  payerClaimControlNumber: z.string().nullable(),
  totalChargeCents: z.number().int(),
  batchId: z.string().nullable(),
  manualUpload: z.boolean(),
  submittedAt: z.string().nullable(),
  payments: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      claimStatusCode: z.string(),
      paidCents: z.number().int(),
      patientResponsibilityCents: z.number().int(),
      adjudicationDate: z.string(),
      remittanceId: z.string().nullable(),
      postedBy: z.string(),
      postedAt: z.string(),
      standing: z
        .enum(['STANDING', 'CONFIRMING', 'PENDING_REVIEW', 'SET_ASIDE'])
        .describe(
          'STANDING counts (reversals too); CONFIRMING: an ERA that agreed with the payment posted (relatedPaymentId), not counted twice; PENDING_REVIEW: an ERA that differs, held for staff; SET_ASIDE: the adjudication staff did not keep',
        ),
      relatedPaymentId: z.string().nullable().describe('The payment this one confirms or disputes'),
      reversesPaymentId: z.string().nullable().describe('For a reversal entry: the payment it takes back'),
      reversalReason: z.string().nullable(),
      adjustments: z.array(
        z.object({ group: z.string(), reason: z.string(), amountCents: z.number().int(), lineNumber: z.number().int().nullable() }),
      ),
    }),
  ),
});

export const flagOut = z.object({
  reason: z.string().describe('Why (a code: LATE_REMITTANCE, OVERPAID, REMITTANCE_DISCREPANCY, NO_PAYER_RESPONSE, ...)'),
  since: z.string(),
  detail: z.string().describe('What it is about: ids, amounts and codes'),
  sticky: z.boolean().describe('A money flag: it stays until staff acknowledge or resolve it'),
});

export const balancesOut = z
  .object({
    chargeCents: z.number().int(),
    paidByRank: z.object({ PRIMARY: z.number().int(), SECONDARY: z.number().int(), TERTIARY: z.number().int() }),
    paidCents: z.number().int(),
    adjustmentsCents: z.number().int().describe('Written off by the payers'),
    patientResponsibilityCents: z.number().int().describe('What the last payer that answered left to the client'),
    balanceCents: z.number().int().describe('Still to collect: from the next payer while one is left, then from the client'),
    creditCents: z.number().int().describe('Paid beyond the charge, or beyond what was left after the earlier payers'),
    owedBy: z.enum(['PAYER', 'CLIENT', 'NOBODY']),
  })
  .describe('charge = paid + adjustments + balance - credit');

export const billOut = billListItem.extend({
  renderingProviderId: z.string().nullable(),
  diagnosisCodes: z.array(z.string()),
  placeOfService: z.string(),
  serviceLines: z.array(lineOut),
  claims: z.array(claimOut),
  balances: balancesOut,
  flags: z.array(flagOut).describe('Every flag open on the bill'),
  workflow: z
    .object({
      waitingFor: z.string(),
      waitingSince: z.string(),
      claimId: z.string().nullable(),
      payerCode: z.string().nullable(),
      manualUpload: z.boolean(),
    })
    .nullable()
    .describe("What the bill's workflow says it waits for; null when the workflow cannot be asked"),
});

export const attentionItem = z.object({
  id: z.string(),
  practiceId: z.string(),
  client: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  status: billStatus,
  rank,
  reason: z.string().nullable().describe('Why the bill needs attention (escalation reason code)'),
  since: z.string().nullable().describe('Since when it needs attention'),
  statusSince: z.string(),
  flags: z.array(flagOut).describe('Every flag open on the bill'),
});

export const timelineItem = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  details: z.unknown(),
});
