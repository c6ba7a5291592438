import { z } from 'zod';
import { id, npi, pageQuery, postalCode, usState } from './common.schemas';

const cron = z.string().regex(/^((\S+\s+){4}\S+|@every \d+[smh])$/, {
  message: 'must be a cron expression of 5 fields, e.g. "0 18 * * 1-5", or "@every <n>s|m|h"',
});

export const practiceFields = {
  name: z.string().min(1).max(200),
  npi,
  taxId: z.string().regex(/^\d{9}$/, { message: 'must be a 9-digit tax id' }),
  taxonomyCode: z
    .string()
    .regex(/^[0-9A-Z]{10}$/, { message: 'must be a 10-character taxonomy code' })
    .nullable()
    .optional(),
  addressLine1: z.string().min(1).max(55),
  addressLine2: z.string().max(55).nullable().optional(),
  city: z.string().min(1).max(30),
  state: usState,
  postalCode,
  phone: z
    .string()
    .regex(/^\d{10}$/, { message: 'must be 10 digits' })
    .nullable()
    .optional(),
  submitterId: z.string().min(1).max(80).nullable().optional(),
  autoBatchSecondary: z
    .boolean()
    .optional()
    .describe('Batch the secondary claim by itself once the primary is processed (else wait for staff)'),
  batchCron: cron.nullable().optional().describe("Cron of the practice's batch Schedule; null = batches by hand only"),
  submitsManually: z.boolean().optional().describe('The practice downloads the 837P and uploads it to Office Ally by hand'),
};

export const createPracticeBody = z.object(practiceFields).strict();
export const updatePracticeBody = z.object(practiceFields).partial().strict();
export const practiceParams = z.object({ practiceId: id }).strict();
export const listPracticesQuery = z.object({ ...pageQuery }).strict();

export const practiceOut = z.object({
  id: z.string(),
  name: z.string(),
  npi: z.string(),
  taxId: z.string(),
  taxonomyCode: z.string().nullable(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  phone: z.string().nullable(),
  submitterId: z.string().nullable(),
  autoBatchSecondary: z.boolean(),
  batchCron: z.string().nullable(),
  submitsManually: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
