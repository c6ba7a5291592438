import { z } from 'zod';
import { id, isoDate, pageQuery, postalCode, rank, sex, usState } from './common.schemas';

export const relationshipCode = z
  .enum(['18', '01', '19', '20', '21', '39', '40', '53', 'G8'])
  .describe('Patient to subscriber: 18 self, 01 spouse, 19 child, G8 other');

export const policyFields = {
  payerId: id,
  rank,
  memberId: z.string().regex(/^[A-Za-z0-9-]{2,80}$/, { message: 'must be letters, digits or dashes' }),
  groupNumber: z.string().max(50).nullable().optional(),
  relationshipCode: relationshipCode.optional(),
  subscriberFirstName: z.string().min(1).max(35).nullable().optional(),
  subscriberLastName: z.string().min(1).max(60).nullable().optional(),
  subscriberDateOfBirth: isoDate.nullable().optional(),
  subscriberSex: sex.nullable().optional(),
  subscriberAddressLine1: z.string().max(55).nullable().optional(),
  subscriberCity: z.string().max(30).nullable().optional(),
  subscriberState: usState.nullable().optional(),
  subscriberPostalCode: postalCode.nullable().optional(),
  effectiveFrom: isoDate.nullable().optional(),
  effectiveTo: isoDate.nullable().optional(),
  active: z.boolean().optional(),
};

function subscriberNamed<T extends { relationshipCode?: string; subscriberLastName?: string | null }>(p: T, ctx: z.RefinementCtx): void {
  if (p.relationshipCode && p.relationshipCode !== '18' && !p.subscriberLastName) {
    ctx.addIssue({ code: 'custom', path: ['subscriberLastName'], message: 'is required when the patient is not the subscriber' });
  }
}

export const createPolicyBody = z.object(policyFields).strict().superRefine(subscriberNamed);
export const updatePolicyBody = z.object(policyFields).omit({ payerId: true }).partial().strict();

const clientFields = {
  practiceId: id,
  firstName: z.string().min(1).max(35),
  lastName: z.string().min(1).max(60),
  dateOfBirth: isoDate,
  sex,
  addressLine1: z.string().min(1).max(55),
  addressLine2: z.string().max(55).nullable().optional(),
  city: z.string().min(1).max(30),
  state: usState,
  postalCode,
};

export const createClientBody = z.object({ ...clientFields, policies: z.array(createPolicyBody).max(3).optional() }).strict();
export const updateClientBody = z.object(clientFields).omit({ practiceId: true }).partial().strict();
export const clientParams = z.object({ clientId: id }).strict();
export const policyParams = z.object({ policyId: id }).strict();
export const listClientsQuery = z
  .object({
    ...pageQuery,
    practiceId: id.optional(),
    lastName: z.string().min(1).max(60).optional().describe('Starts with, any case'),
  })
  .strict();

export const policyOut = z.object({
  id: z.string(),
  clientId: z.string(),
  payerId: z.string(),
  payerCode: z.string(),
  rank,
  memberId: z.string(),
  groupNumber: z.string().nullable(),
  relationshipCode: z.string(),
  subscriberFirstName: z.string().nullable(),
  subscriberLastName: z.string().nullable(),
  subscriberDateOfBirth: z.string().nullable(),
  subscriberSex: z.string().nullable(),
  subscriberAddressLine1: z.string().nullable(),
  subscriberCity: z.string().nullable(),
  subscriberState: z.string().nullable(),
  subscriberPostalCode: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  active: z.boolean(),
});

export const clientOut = z.object({
  id: z.string(),
  practiceId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  policies: z.array(policyOut),
});

export const clientListItem = z.object({
  id: z.string(),
  practiceId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  policies: z.array(
    z.object({ id: z.string(), rank, payerId: z.string(), payerCode: z.string(), memberIdMasked: z.string(), active: z.boolean() }),
  ),
});
