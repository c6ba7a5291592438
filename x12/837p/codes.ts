/** Shapes of the medical codes a professional claim carries. Format checks only, not code-set membership. */

/**
 * ICD-10-CM: a letter, two characters (digit, then digit or letter), then up to four more
 * letters or digits after an optional dot; "U" codes included. Written without the dot.
 */
const ICD10 = /^[A-TV-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$/;
const ICD10_U = /^U[0-9]{2}(?:\.?[0-9A-Z]{1,4})?$/;

export function isIcd10Code(code: string): boolean {
  return ICD10.test(code) || ICD10_U.test(code);
}

/** ICD-10 code as X12 carries it: upper case, no dot. */
export function normalizeIcd10(code: string): string {
  return code.replace('.', '').toUpperCase();
}

/**
 * CPT (five digits; Category II ends in F, Category III in T, PLA codes in U) or HCPCS
 * Level II (a letter A-V then four digits).
 */
export function isProcedureCode(code: string): boolean {
  return /^(?:\d{4}[0-9FTU]|[A-V]\d{4})$/.test(code);
}

/** Procedure modifier: two letters or digits. */
export function isModifier(code: string): boolean {
  return /^[A-Z0-9]{2}$/.test(code);
}

/** CMS place of service code: two digits. */
export function isPlaceOfService(code: string): boolean {
  return /^\d{2}$/.test(code);
}

/** Health Care Provider Taxonomy code: 10 characters ending in X. */
export function isTaxonomyCode(code: string): boolean {
  return /^[0-9]{3}[0-9A-Z]{6}X$/.test(code);
}

/** Claim Adjustment Reason Code: 1 to 5 letters or digits (e.g. "1", "45", "B7", "P12"). */
export { isReasonCode } from '../common/adjustment';

/** Claim filing indicator codes of 005010X222A1 SBR09 (X12 element 1032). */
export const CLAIM_FILING_INDICATORS = [
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
] as const;

/** The claim filing indicators that say the payer is Medicare (Part A, Part B). */
export const MEDICARE_INDICATORS: ReadonlySet<string> = new Set(['MA', 'MB']);

/**
 * Insurance type codes of SBR05 (X12 element 1336) as 005010X222A1 allows them: why Medicare
 * is not the primary payer. 12 working aged (employer group health plan), 13 end-stage renal
 * disease, 14 no-fault, 15 workers' compensation, 16 Public Health Service, 41 black lung,
 * 42 Veterans Administration, 43 disabled under a large group health plan, 47 other liability.
 */
export const INSURANCE_TYPE_CODES = ['12', '13', '14', '15', '16', '41', '42', '43', '47'] as const;

/** United States postal state and territory codes accepted in N402. */
export const US_STATES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY ' +
    'NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI FM MH PW AA AE AP'
  ).split(' '),
);
