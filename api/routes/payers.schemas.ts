import { z } from 'zod';
import { checkScenario, SCENARIO_KINDS } from '../../clearinghouse/simulator/scenarios';
import { CLAIM_FILING_INDICATORS } from '../../x12/837p/codes';
import { rule } from '../../x12/837p/rules';
import { id, pageQuery, postalCode, text, usState } from './common.schemas';

const payerFields = {
  name: text(60),
  payerCode: z.string().regex(/^[A-Za-z0-9]{2,80}$/, { message: 'must be the Office Ally payer id: letters and digits' }),
  claimFilingIndicator: z
    .enum(CLAIM_FILING_INDICATORS, { message: rule.CODE_LIST_MESSAGES.claimFilingIndicator })
    .describe(
      '837P SBR09 claim filing indicator: required, never assumed (CI commercial, MB Medicare Part B, MC Medicaid, BL Blue Cross, ...)',
    ),
  responseDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe('Escalate when the payer has not answered a claim after this many days'),
  timelyFilingDays: z.number().int().min(1).max(1095).optional().describe('Timely filing limit in days'),
  addressLine1: text(55).nullable().optional(),
  city: text(30).nullable().optional(),
  state: usState.nullable().optional(),
  postalCode: postalCode.nullable().optional(),
  simulatorScenario: z
    .record(z.string(), z.unknown())
    .superRefine((value, ctx) => {
      for (const p of checkScenario(value))
        ctx.addIssue({
          code: 'custom',
          message: p.message,
          path: p.pointer
            .split('/')
            .slice(1)
            .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
        });
    })
    .nullable()
    .optional()
    .describe(
      `Only with the local clearinghouse (refused with Office Ally): how the payer SIMULATOR answers this payer's claims. kind: ${SCENARIO_KINDS.join(', ')}; shareBasisPoints (pays-share on a later payer), reasons ["CO-50"] and remarks ["N115"] (denies), codes (rejects-999: IK4 codes; rejects-277ca: STC status codes), days (pays-late, reverses), withholdCents (PLB). Null = the default (a primary pays a share, a later payer what is still owed).`,
    ),
};
export const createPayerBody = z.object(payerFields).strict();
export const updatePayerBody = z.object(payerFields).partial().strict();
export const payerParams = z.object({ payerId: id }).strict();
export const listPayersQuery = z.object({ ...pageQuery, payerCode: z.string().max(80).optional() }).strict();
export const payerOut = z.object({
  id: z.string(),
  name: z.string(),
  payerCode: z.string(),
  claimFilingIndicator: z.string(),
  responseDays: z.number().int(),
  timelyFilingDays: z.number().int(),
  addressLine1: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  simulatorScenario: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
