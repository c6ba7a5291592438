import { z } from 'zod';
import { rule } from '../../x12/837p/rules';
import { id, npi, pageQuery, ruled, taxonomyCode, text, usState } from './common.schemas';

const cron = z.string().regex(/^((\S+\s+){4}\S+|@every \d+[smh])$/, {
  message: 'must be a cron expression of 5 fields, e.g. "0 18 * * 1-5", or "@every <n>s|m|h"',
});

/** The practice is the 837P billing provider (2010AA): its fields follow the writer's rules for it. */
export const practiceFields = {
  name: text(60).describe('The billing provider name (2010AA NM103), at most 60 characters'),
  npi,
  taxId: ruled(rule.taxId).describe('Federal tax id (EIN), 9 digits'),
  taxonomyCode: taxonomyCode.nullable().optional(),
  addressLine1: ruled(rule.billingStreet).describe('A street address: never a P.O. box'),
  addressLine2: text(55).nullable().optional(),
  city: text(30),
  state: usState,
  postalCode: ruled(rule.billingPostalCode).describe('ZIP+4: all 9 digits (the 837P billing provider address needs them)'),
  phone: ruled(rule.phone).nullable().optional(),
  submitterId: z.string().min(1).max(80).nullable().optional(),
  autoBatchSecondary: z
    .boolean()
    .optional()
    .describe('Batch the secondary claim by itself once the primary is processed (else wait for staff)'),
  batchCron: cron
    .nullable()
    .optional()
    .describe(
      "Cron of the practice's batch Schedule; null = batches by hand only; left out at creation = the service's default (on `npm start`, DEFAULT_BATCH_CRON, every 3 minutes unless set)",
    ),
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
