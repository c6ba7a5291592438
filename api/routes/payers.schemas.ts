import { z } from 'zod';
import { id, pageQuery, postalCode, usState } from './common.schemas';

const payerFields = {
  name: z.string().min(1).max(60),
  payerCode: z.string().regex(/^[A-Za-z0-9]{2,80}$/, { message: 'must be the Office Ally payer id: letters and digits' }),
  claimFilingIndicator: z
    .enum([
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      'AM',
      'BL',
      'CH',
      'CI',
      'DS',
      'FI',
      'HM',
      'LM',
      'MA',
      'MB',
      'MC',
      'OF',
      'TV',
      'VA',
      'WC',
      'ZZ',
    ])
    .optional()
    .describe('837P SBR09 claim filing indicator'),
  responseDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe('Escalate when the payer has not answered a claim after this many days'),
  timelyFilingDays: z.number().int().min(1).max(1095).optional().describe('Timely filing limit in days'),
  addressLine1: z.string().max(55).nullable().optional(),
  city: z.string().max(30).nullable().optional(),
  state: usState.nullable().optional(),
  postalCode: postalCode.nullable().optional(),
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
  createdAt: z.string(),
});
