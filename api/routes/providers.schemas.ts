import { z } from 'zod';
import { id, npi, pageQuery, taxonomyCode, text } from './common.schemas';

/** A rendering provider (837P 2310B): the writer's rules for it. */
const providerFields = {
  npi,
  firstName: text(35).nullable().optional(),
  lastName: text(60),
  taxonomyCode: taxonomyCode.nullable().optional(),
};
export const createProviderBody = z.object(providerFields).strict();
export const updateProviderBody = z.object(providerFields).partial().strict();
export const practiceProvidersParams = z.object({ practiceId: id }).strict();
export const providerParams = z.object({ providerId: id }).strict();
export const listProvidersQuery = z.object({ ...pageQuery }).strict();
export const providerOut = z.object({
  id: z.string(),
  practiceId: z.string(),
  npi: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string(),
  taxonomyCode: z.string().nullable(),
  createdAt: z.string(),
});
