import { z } from 'zod';
import { RELATIONSHIP_CODE } from '../../x12/837p/cob';
import { INSURANCE_TYPE_CODES } from '../../x12/837p/codes';
import { rule } from '../../x12/837p/rules';
import { birthDateDate, id, isoDate, pageQuery, postalCode, rank, ruled, sex, text, usState } from './common.schemas';

const RELATIONSHIP_CODES = Object.values(RELATIONSHIP_CODE) as [string, ...string[]];

export const relationshipCode = z
  .enum(RELATIONSHIP_CODES)
  .describe(
    'Patient to subscriber (837P SBR02 / PAT01): 18 self, 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other',
  );

export const policyFields = {
  payerId: id,
  rank,
  memberId: z.string().regex(/^[A-Za-z0-9-]{2,80}$/, { message: 'must be letters, digits or dashes' }),
  groupNumber: ruled(rule.identifier(50)).nullable().optional(),
  relationshipCode: relationshipCode.optional(),
  insuranceTypeCode: z
    .enum(INSURANCE_TYPE_CODES, { message: rule.CODE_LIST_MESSAGES.insuranceTypeCode })
    .nullable()
    .optional()
    .describe(
      '837P SBR05: why Medicare is not primary. Required when the payer is Medicare (MA, MB) and the policy is not primary; refused otherwise',
    ),
  subscriberFirstName: text(35).nullable().optional(),
  subscriberLastName: text(60).nullable().optional(),
  subscriberDateOfBirth: birthDateDate.nullable().optional(),
  subscriberSex: sex.nullable().optional(),
  subscriberAddressLine1: text(55).nullable().optional(),
  subscriberCity: text(30).nullable().optional(),
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
  firstName: text(35),
  lastName: text(60),
  dateOfBirth: birthDateDate,
  sex,
  addressLine1: text(55),
  addressLine2: text(55).nullable().optional(),
  city: text(30),
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
  insuranceTypeCode: z.string().nullable(),
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
