/**
 * The rules of single fields the 837P writer enforces, each once: the writer's validator and
 * the API's request schemas both call these, so a value is refused at the door with the same
 * message the writer would give days later. Messages name the rule, never the value (they end
 * up in audit records and workflow history, where patient data must not go).
 */
import type { ValidationRule } from '../errors';
import {
  CLAIM_FILING_INDICATORS,
  INSURANCE_TYPE_CODES,
  isIcd10Code,
  isModifier,
  isPlaceOfService,
  isProcedureCode,
  isReasonCode,
  isTaxonomyCode,
  US_STATES,
} from '../codes';
import { digitsOnly, isSafeIdentifier, textOf } from '../escape';
import { isTenDigits, isValidNpi } from '../npi';

/** Why a value is refused: the rule it breaks and what to tell the person who typed it. */
export interface RuleFailure {
  rule: ValidationRule;
  message: string;
}

export type FieldRule = (value: string) => RuleFailure | undefined;

const fail = (rule: ValidationRule, message: string): RuleFailure => ({ rule, message });

export const REQUIRED: RuleFailure = fail('required', 'is required');

const NO_ASCII_FORM = fail(
  'no-ascii-form',
  'holds letters with no Latin (ASCII) form; spell it in Latin letters, as on the insurance card',
);
const NOTHING_LEFT = fail('format', 'has no letter or digit X12 can carry once delimiters and symbols are removed');

const TEXT_RULES = new Map<number, FieldRule>();

/** Free text of at most maxLength characters once cleaned (see transliterate.ts). */
export function text(maxLength: number): FieldRule {
  const known = TEXT_RULES.get(maxLength);
  if (known) return known;
  const textRule: FieldRule = (value) => {
    const { cleaned, noAsciiForm } = textOf(value);
    if (noAsciiForm) return NO_ASCII_FORM;
    if (cleaned === '') return NOTHING_LEFT;
    if (cleaned.length > maxLength) return fail('length', `is longer than ${maxLength} characters`);
    return undefined;
  };
  TEXT_RULES.set(maxLength, textRule);
  return textRule;
}

/** An identifier (member id, claim number, ...): never altered, so a delimiter or odd character in it is refused. */
const IDENTIFIER_RULES = new Map<number, FieldRule>();

export function identifier(maxLength: number): FieldRule {
  const known = IDENTIFIER_RULES.get(maxLength);
  if (known) return known;
  const identifierRule: FieldRule = (value) => {
    if (!isSafeIdentifier(value)) {
      return fail(
        'unsafe-characters',
        'holds characters that cannot go into an X12 element (delimiters ~ * : ^, control or non-ASCII characters)',
      );
    }
    if (value.length > maxLength && value.trim().length > maxLength) return fail('length', `is longer than ${maxLength} characters`);
    return undefined;
  };
  IDENTIFIER_RULES.set(maxLength, identifierRule);
  return identifierRule;
}

const CLAIM_ID = /^[A-Za-z0-9\-./]{1,20}$/;

/** Patient control number (CLM01): it comes back in the 835 CLP01, so it must survive the trip unchanged. */
export const claimId: FieldRule = (value) =>
  CLAIM_ID.test(value) ? undefined : fail('format', 'must be 1 to 20 letters, digits, "-", "." or "/" (the patient control number)');

export const npi: FieldRule = (value) => {
  if (!isTenDigits(value)) return fail('npi-format', 'must be a 10-digit NPI');
  if (!isValidNpi(value)) return fail('npi-check-digit', 'fails the NPI check digit (Luhn formula with prefix 80840)');
  return undefined;
};

export const taxonomy: FieldRule = (value) =>
  isTaxonomyCode(value) ? undefined : fail('format', 'is not a provider taxonomy code (10 characters: 3 digits, 6 letters or digits, X)');

export const usState: FieldRule = (value) =>
  US_STATES.has(value) ? undefined : fail('format', 'is not a two-letter US state or territory code (upper case)');

const ZIP = /^\d{5}(?:-?\d{4})?$/;

/** A ZIP code of 5 or 9 digits (ZIP+4, with or without the hyphen). */
export const postalCode: FieldRule = (value) => (ZIP.test(value) ? undefined : fail('format', 'is not a 5 or 9 digit ZIP code'));

/** The billing provider's ZIP code: 005010X222A1 wants all 9 digits (ZIP+4). */
export const billingPostalCode: FieldRule = (value) =>
  postalCode(value) ??
  (digitsOnly(value).length === 9 ? undefined : fail('format', 'must have 9 digits (ZIP+4): the billing provider address needs them'));

const PO_BOX = /\bP\.?\s*O\.?\s*BOX\b/i;

/** The billing provider's street line: a street address, never a P.O. box. */
export const billingStreet: FieldRule = (value) =>
  text(55)(value) ??
  (PO_BOX.test(value) ? fail('format', 'must be a street address, not a P.O. box (the billing provider address)') : undefined);

const TAX_ID = /^\d{2}-?\d{7}$|^\d{3}-?\d{2}-?\d{4}$/;

/** A federal tax id: 9 digits, as an EIN (12-3456789) or an SSN (123-45-6789), hyphens optional. */
export const taxId: FieldRule = (value) => (TAX_ID.test(value) ? undefined : fail('format', 'must be a 9-digit tax id (EIN or SSN)'));

/** A US telephone number: 10 digits once punctuation is removed. */
export const phone: FieldRule = (value) =>
  digitsOnly(value).length === 10 && isSafeIdentifier(value) ? undefined : fail('format', 'must be a telephone number of 10 digits');

const email256 = identifier(256);
export const email: FieldRule = (value) => email256(value);

export const procedureCode: FieldRule = (value) =>
  isProcedureCode(value) ? undefined : fail('procedure-code-format', 'is not a CPT or HCPCS code (5 characters, e.g. 90837 or G0108)');

export const modifier: FieldRule = (value) =>
  isModifier(value) ? undefined : fail('modifier-format', 'is not a procedure modifier (2 letters or digits)');

export const icd10: FieldRule = (value) =>
  isIcd10Code(value) ? undefined : fail('icd10-format', 'is not an ICD-10-CM code (e.g. F41.1, dot optional, upper case)');

export const placeOfService: FieldRule = (value) =>
  isPlaceOfService(value) ? undefined : fail('format', 'is not a place of service code (2 digits, e.g. 11 or 10)');

export const reasonCode: FieldRule = (value) =>
  isReasonCode(value) ? undefined : fail('format', 'is not a claim adjustment reason code (1 to 5 letters or digits, e.g. 45)');

/** What the code-list rules say, for schemas that enumerate the codes themselves (same words). */
export const CODE_LIST_MESSAGES = {
  claimFilingIndicator: `is not a claim filing indicator code (${CLAIM_FILING_INDICATORS.join(', ')})`,
  insuranceTypeCode: `is not an insurance type code (${INSURANCE_TYPE_CODES.join(', ')})`,
} as const;

function codeList(list: readonly string[], message: string): FieldRule {
  const known = new Set(list);
  return (value) => (known.has(value) ? undefined : fail('format', message));
}

export const claimFilingIndicator = codeList(CLAIM_FILING_INDICATORS, CODE_LIST_MESSAGES.claimFilingIndicator);
export const insuranceTypeCode = codeList(INSURANCE_TYPE_CODES, CODE_LIST_MESSAGES.insuranceTypeCode);
