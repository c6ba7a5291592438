/**
 * The one rule set of the 837P: what the writer refuses, the API refuses at the door with the
 * same message. Pure code (no Temporal, no database). See the README's "Validation rules".
 */
export * as rule from './fields';
export type { FieldRule, RuleFailure } from './fields';
export {
  adjudicationDate,
  birthDate,
  dateOfService,
  dateOfServiceAfterBirth,
  firstDate,
  insuranceTypeCodeFor,
  isMedicare,
} from './relations';
export { jsonPointer, valueAt } from './pointer';
