/**
 * The bill JSON format as a zod schema: it parses JSON input (the CLI) and is the source
 * of `schemas/bill.schema.json` (`npx tsx scripts/bill-schema.ts > schemas/bill.schema.json`).
 * It checks shapes and types only (unknown keys are refused, so a misspelt field is not
 * silently dropped); `validateBill` checks the rules.
 */
import { z } from 'zod';
import { ADJUSTMENT_GROUPS, type Adjustment } from '../common/adjustment';
import { isIsoDate } from '../common/dates';
import { RELATIONSHIP_CODE } from './cob';
import { CLAIM_FILING_INDICATORS, INSURANCE_TYPE_CODES } from './codes';
import type { SubmitterConfig } from './config';
import type { Bill, Relationship } from './model';
import { jsonPointer, valueAt } from './rules';

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'is not a calendar date as YYYY-MM-DD' })
  .meta({ description: 'Calendar date, YYYY-MM-DD' });
const cents = z.number().int().meta({ description: 'Money in integer cents' });

const address = z
  .strictObject({
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    state: z.string().meta({ description: 'Two-letter US state or territory code' }),
    postalCode: z.string().meta({ description: 'ZIP code, 5 or 9 digits (hyphen allowed); 9 for the billing provider' }),
  })
  .meta({ id: 'Address', description: 'US postal address' });

const person = z
  .strictObject({
    lastName: z.string(),
    firstName: z.string().optional(),
    middleName: z.string().optional(),
    suffix: z.string().optional(),
    birthDate: isoDate.optional(),
    gender: z.enum(['M', 'F', 'U']).optional(),
    address: address.optional(),
  })
  .meta({ id: 'Person', description: 'A person; the patient needs birthDate, gender and address' });

const contact = z
  .strictObject({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
  .meta({ id: 'Contact', description: 'EDI contact: a phone or an email' });

const providerShape = {
  entity: z.enum(['person', 'organization']).optional().meta({ description: 'Default person' }),
  lastOrOrganizationName: z.string(),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  suffix: z.string().optional(),
  npi: z.string().meta({ description: '10-digit NPI (Luhn check digit with prefix 80840)' }),
  taxonomy: z.string().optional().meta({ description: 'Provider taxonomy code, e.g. 101YM0800X' }),
};

const provider = z
  .strictObject(providerShape)
  .meta({ id: 'Provider', description: 'Rendering provider (2310B), sent when its NPI differs from the billing provider' });

const billingProvider = z
  .strictObject({
    ...providerShape,
    taxId: z.string().meta({ description: '9-digit EIN (or SSN with taxIdType SSN)' }),
    taxIdType: z.enum(['EIN', 'SSN']).optional(),
    address,
    contact: contact.optional(),
  })
  .meta({ id: 'BillingProvider', description: 'Billing provider (2010AA)' });

const adjustment: z.ZodType<Adjustment> = z
  .strictObject({
    group: z.enum(ADJUSTMENT_GROUPS),
    reason: z.string().meta({ description: 'Claim adjustment reason code (CARC)' }),
    amountCents: cents,
    quantity: z.number().optional(),
  })
  .meta({ id: 'Adjustment', description: 'One adjustment copied verbatim from the remittance (CAS triple)' });

const lineAdjudication = z
  .strictObject({
    line: z.number().int().min(1).meta({ description: '1-based service line number' }),
    paidCents: cents,
    adjustments: z.array(adjustment).optional(),
    procedureCode: z.string().optional(),
    modifiers: z.array(z.string()).optional(),
    paidUnits: z.number().optional(),
    adjudicationDate: isoDate.optional(),
  })
  .meta({ id: 'LineAdjudication', description: 'One payer adjudication of one service line (2430)' });

const adjudication = z
  .strictObject({
    adjudicationDate: isoDate,
    paidCents: cents.meta({ description: 'What the payer paid for the claim (AMT*D); 0 for a denial' }),
    claimAdjustments: z.array(adjustment).optional(),
    remainingPatientLiabilityCents: cents.optional(),
    payerClaimControlNumber: z.string().optional(),
    lines: z.array(lineAdjudication).optional(),
  })
  .meta({ id: 'Adjudication', description: 'What an earlier payer answered; must balance' });

const rank = z.enum(['primary', 'secondary', 'tertiary']);

const policy = z
  .strictObject({
    rank,
    payer: z.strictObject({ name: z.string(), payerId: z.string(), address: address.optional() }),
    memberId: z.string(),
    groupNumber: z.string().optional(),
    groupName: z.string().optional(),
    claimFilingIndicator: z.enum(CLAIM_FILING_INDICATORS).meta({ description: "SBR09, from the payer's settings; required" }),
    insuranceTypeCode: z
      .enum(INSURANCE_TYPE_CODES)
      .optional()
      .meta({ description: 'SBR05: only, and always, when Medicare (MA, MB) is a secondary or tertiary payer' }),
    relationship: z.enum(Object.keys(RELATIONSHIP_CODE) as [Relationship, ...Relationship[]]),
    subscriber: person.optional(),
    adjudication: adjudication.optional(),
  })
  .meta({ id: 'Policy', description: 'An insurance policy of the patient' });

const serviceLine = z
  .strictObject({
    procedureCode: z.string(),
    modifiers: z.array(z.string()).optional(),
    chargeCents: cents,
    units: z.number(),
    placeOfService: z.string().optional(),
    diagnosisPointers: z.array(z.number().int()),
    serviceDate: isoDate,
    lineControlNumber: z.string().optional(),
  })
  .meta({ id: 'ServiceLine', description: 'A service line (2400)' });

export const BillSchema = z
  .strictObject({
    billId: z.string(),
    claimId: z.string().meta({ description: 'Patient control number (CLM01), unique, at most 20 characters' }),
    submitTo: rank,
    frequency: z.enum(['1', '7', '8']).optional(),
    payerClaimControlNumber: z.string().optional(),
    billingProvider,
    renderingProvider: provider.optional(),
    patient: person,
    policies: z.array(policy),
    placeOfService: z.string(),
    diagnoses: z.array(z.string()),
    serviceLines: z.array(serviceLine),
    priorAuthorization: z.string().optional(),
    providerSignatureOnFile: z.boolean().optional(),
    assignment: z.enum(['A', 'B', 'C']).optional(),
    benefitsAssigned: z.boolean().optional(),
    releaseOfInformation: z.enum(['Y', 'I']).optional(),
  })
  .meta({ id: 'Bill', title: 'Bill', description: 'One bill sent to one payer, as the 837P writer takes it' });

export const SubmitterSchema = z
  .strictObject({
    name: z.string(),
    id: z.string().meta({ description: 'Office Ally submitter id' }),
    contact,
    entity: z.enum(['person', 'organization']).optional(),
  })
  .meta({ id: 'Submitter', description: 'The submitter (1000A); default: the first bill billing provider' });

/** A bill file: one bill, an array of bills, or { bills, submitter? }. */
const BillBatchSchema = z.strictObject({ bills: z.array(BillSchema), submitter: SubmitterSchema.optional() });

export const BillFileSchema = z
  .union([BillSchema, z.array(BillSchema), BillBatchSchema])
  .meta({ title: 'Bill file', description: 'One bill, an array of bills, or an object with bills and an optional submitter' });

// Compile-time proof that the schema and the TypeScript model agree.
const _billMatches: z.ZodType<Bill> = BillSchema;
const _submitterMatches: z.ZodType<SubmitterConfig> = SubmitterSchema;
void _billMatches;
void _submitterMatches;

export interface BillFile {
  bills: Bill[];
  submitter?: SubmitterConfig;
}

/** The same JSON without object properties whose value is "": an empty optional string is absent, not a value. */
export function withoutEmptyStrings(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withoutEmptyStrings);
  if (json === null || typeof json !== 'object') return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) if (value !== '') out[key] = withoutEmptyStrings(value);
  return out;
}

/**
 * Parses the JSON of a bill file; throws a readable error naming each path (a JSON Pointer) that
 * does not fit. An empty string stands for an absent value: optional, it is dropped; required, it is missing.
 */
export function parseBillFile(input: unknown): BillFile {
  const json = withoutEmptyStrings(input);
  // Pick the shape first, so that errors name the path inside it rather than "no union member matched".
  const schema = Array.isArray(json)
    ? z.array(BillSchema)
    : json && typeof json === 'object' && 'bills' in json
      ? BillBatchSchema
      : BillSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `${jsonPointer(i.path) || '(the file)'}: ${messageOf(i, json)}`);
    throw new Error(`the bill file does not match the bill schema:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  if (Array.isArray(data)) return { bills: data };
  if ('bills' in data) return { bills: data.bills, submitter: data.submitter };
  return { bills: [data] };
}

/** Zod's words, except for a field that is not there: it "is required". */
function messageOf(issue: z.core.$ZodIssue, json: unknown): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && valueAt(json, issue.path) === undefined) return 'is required';
  return issue.message;
}

/** The JSON Schema of a bill file. */
export function billFileJsonSchema(): unknown {
  return z.toJSONSchema(BillFileSchema, { target: 'draft-2020-12' });
}
