/** The rules a bill can break; each issue names one. */
export type ValidationRule =
  | 'required'
  | 'format'
  | 'length'
  | 'unsafe-characters'
  | 'npi-format'
  | 'npi-check-digit'
  | 'icd10-format'
  | 'procedure-code-format'
  | 'modifier-format'
  | 'diagnosis-pointer'
  | 'no-ascii-form'
  | 'date'
  | 'future-date'
  | 'date-order'
  | 'not-applicable'
  | 'amount'
  | 'count'
  | 'duplicate'
  | 'missing-policy'
  | 'missing-prior-adjudication'
  | 'line-adjudication'
  | 'line-balance'
  | 'payer-balance'
  | 'frequency-reference';

/** One thing wrong with one bill: which bill, which field (a JSON Pointer into the Bill), which rule. */
export interface ValidationIssue {
  billId: string;
  /** JSON Pointer (RFC 6901) into the bill, e.g. `/serviceLines/2/diagnosisPointers/0`; "" is the bill itself. */
  pointer: string;
  rule: ValidationRule;
  message: string;
}

/** Thrown by the writer when any bill is invalid: nothing is written, every issue is listed. */
export class ClaimValidationError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    const first = issues[0];
    const summary = first ? `${first.billId} ${first.pointer || '(bill)'}: ${first.message}` : 'no issue';
    super(`${issues.length} validation issue(s); first: ${summary}`);
    this.name = 'ClaimValidationError';
    this.issues = issues;
  }
}
