import { z } from 'zod';
import { ACKNOWLEDGE_CODES, REVERSAL_REASONS } from '../../workflows/bill/definitions';
import { id } from './common.schemas';

const note = z.string().trim().min(1).max(500).optional().describe('Kept in the audit trail only (never in the workflow)');

export const reversalBody = z.object({ reason: z.enum(REVERSAL_REASONS).describe('Why the payment is taken back'), note }).strict();
export const reversalOut = z.object({
  billId: z.string(),
  status: z.string(),
  reversedPaymentId: z.string(),
  reversalPaymentId: z.string(),
});
export const paymentParams = z.object({ billId: id, paymentId: id }).strict();
export const resolveBody = z
  .object({
    stands: z.enum(['POSTED', 'ERA']).describe('Which adjudication stands: the payment posted before, or the ERA that differs from it'),
    note,
  })
  .strict();
export const acknowledgeBody = z
  .object({
    reason: z
      .string()
      .regex(/^[A-Z_]{3,40}$/, { message: 'must be a flag reason, e.g. LATE_REMITTANCE' })
      .describe('The flag to acknowledge'),
    code: z.enum(ACKNOWLEDGE_CODES).describe('How it was dealt with'),
    note,
  })
  .strict();
