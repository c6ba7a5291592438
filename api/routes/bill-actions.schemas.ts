import { VOID_REASONS } from '../../workflows/bill/definitions';
import { z } from 'zod';
import { CLAIM_STATUS } from '../../x12/835/codes';
import { ADJUSTMENT_GROUPS } from '../../x12/common/adjustment';
import { adjudicationDate, rule } from '../../x12/837p/rules';
import { cents, checkedDate, id, isoDate, rank, ruled, signedCents } from './common.schemas';

export const adjustmentIn = z
  .object({
    group: z.enum(ADJUSTMENT_GROUPS).describe('Claim adjustment group code'),
    reason: ruled(rule.reasonCode),
    amountCents: signedCents,
    quantity: z.number().int().optional(),
  })
  .strict();

export const postPaymentBody = z
  .object({
    rank: rank.optional().describe("Which payer's answer this is; defaults to the payer the bill waits on"),
    claimStatusCode: z
      .string()
      .refine((code) => CLAIM_STATUS[code] !== undefined, {
        message: `is not a claim status code of the 835 (CLP02: ${Object.keys(CLAIM_STATUS).join(', ')})`,
      })
      .optional(),
    paidCents: cents,
    patientResponsibilityCents: cents,
    // Not in the future here; not before the date of service where the bill is read (the writer's rule, both).
    adjudicationDate: checkedDate((v, t) => adjudicationDate(v, t)),
    payerClaimControlNumber: z.string().min(1).max(50).optional(),
    adjustments: z
      .array(adjustmentIn)
      .max(99)
      .describe('Claim-level adjustments; a denial is paidCents 0 with adjustments for the whole charge'),
    lines: z
      .array(z.object({ lineNumber: z.number().int().min(1), paidCents: cents, adjustments: z.array(adjustmentIn).max(99) }).strict())
      .optional()
      .describe("Line-level adjudication by the bill's line numbers; when given, every line is listed"),
    remittanceId: id.optional().describe('A paper remittance stored with POST /bills/{billId}/remittances'),
  })
  .strict();

export const voidBody = z
  .object({
    reason: z.enum(VOID_REASONS).describe('Why, as a code (the workflow keeps no free text: it could name the patient)'),
    note: z.string().trim().max(500).optional().describe("Staff's own words; kept in the audit trail only"),
  })
  .strict();
export const resubmitBody = z
  .object({ note: z.string().trim().max(500).optional().describe("What was corrected, in staff's words; kept in the audit trail only") })
  .strict()
  .optional();
export const emptyBody = z.object({}).strict().optional();

export const remittanceQuery = z
  .object({
    kind: z.enum(['PAPER_EOB', 'DENIAL_LETTER']),
    name: z
      .string()
      .regex(/^[A-Za-z0-9._ -]{1,120}$/, { message: 'must be a file name of letters, digits, dot, dash, underscore or space' }),
    paymentDate: isoDate.optional(),
    traceNumber: z.string().max(50).optional().describe('Check or EFT number'),
    totalPaidCents: z.coerce.number().int().min(0).optional(),
  })
  .strict();

export const remittanceOut = z.object({
  remittanceId: z.string(),
  billId: z.string(),
  kind: z.string(),
  sizeBytes: z.number().int(),
  status: z.string(),
});
export const paymentOut = z.object({ billId: z.string(), paymentId: z.string(), status: z.string() });
