import { z } from 'zod';
import { id, npi, pageQuery } from './common.schemas';

const providerFields = {
  npi,
  firstName: z.string().min(1).max(35).nullable().optional(),
  lastName: z.string().min(1).max(60),
  taxonomyCode: z
    .string()
    .regex(/^[0-9A-Z]{10}$/, { message: 'must be a 10-character taxonomy code' })
    .nullable()
    .optional(),
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
