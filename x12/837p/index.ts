/**
 * X12 005010X222A1 837P writer: primary, secondary and tertiary professional claims with
 * coordination of benefits, batched into one interchange for Office Ally. Pure functions.
 */
export type {
  Address,
  Adjudication,
  Bill,
  BillingProvider,
  ClaimFilingIndicator,
  ClaimFrequency,
  InsuranceTypeCode,
  Contact,
  ControlNumbers,
  CreatedAt,
  LineAdjudication,
  Payer,
  PayerRank,
  Person,
  Policy,
  Provider,
  Relationship,
  ServiceLine,
} from './model';
export type { Adjustment, AdjustmentGroup } from '../common/adjustment';
export { officeAllyConfig, OFFICE_ALLY_DEFAULTS, type ClearinghouseConfig, type SubmitterConfig } from './config';
export {
  buildBatch837P,
  writeBatch837P,
  assertBatchValid,
  type Batch837PInput,
  type Batch837POptions,
  type Batch837PResult,
  type TransactionSetReport,
} from './batch';
export { validateBill, validateBatch, LIMITS, type ValidateOptions } from './validate';
export { ClaimValidationError, type ValidationIssue, type ValidationRule } from './errors';
export { isValidNpi } from './npi';
export { cleanText } from './escape';
export { transliterate } from './transliterate';
export { VERSION } from './envelope';
export { check837P, type CheckReport } from './check';
