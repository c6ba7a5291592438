/**
 * When a waiting bill needs a person. Each rule fires after `firstAfterMs` of waiting and
 * again every `repeatAfterMs` while nothing happens; escalation marks the bill, it never
 * blocks it. Pure code, safe in the workflow sandbox.
 */
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface EscalationRule {
  reason: EscalationReason;
  firstAfterMs: number;
  repeatAfterMs: number;
}

export type EscalationReason =
  | 'DRAFT_NOT_SUBMITTED'
  | 'NO_PAYER_RESPONSE'
  | 'TIMELY_FILING_NEAR'
  | 'CLAIM_FIX_NOT_CONFIRMED'
  | 'REJECTION_NOT_CORRECTED'
  | 'BATCH_NOT_SENT'
  | 'STAFF_CONFIRMATION_PENDING'
  | 'LATE_REMITTANCE'
  | 'CLAIM_INVALID'
  | 'VOID_WAITING_FOR_PAYER'
  | 'MANUAL_UPLOAD_PENDING'
  | 'REMITTANCE_DISCREPANCY'
  | 'OVERPAID'
  | 'ADJUDICATION_CHANGED'
  | 'LATE_REJECTION';

/**
 * Flags about money stay until staff acknowledge or resolve them; the others (timers, a claim
 * a batch refused) clear when the bill moves on, since what they flagged is over.
 */
export const STICKY_REASONS: readonly EscalationReason[] = [
  'LATE_REMITTANCE',
  'REMITTANCE_DISCREPANCY',
  'OVERPAID',
  'ADJUDICATION_CHANGED',
  'LATE_REJECTION',
];

export const ESCALATION_TEXT: Record<EscalationReason, string> = {
  DRAFT_NOT_SUBMITTED: 'the bill is still a draft',
  NO_PAYER_RESPONSE: 'the payer has not answered the claim',
  TIMELY_FILING_NEAR: "the claim is not sent and the payer's timely filing deadline is near",
  CLAIM_FIX_NOT_CONFIRMED: "nobody confirmed that the claim cleared Office Ally's Claim Fix",
  REJECTION_NOT_CORRECTED: 'the claim was rejected and has not been corrected',
  BATCH_NOT_SENT: 'the claim is batched but the batch was not sent',
  STAFF_CONFIRMATION_PENDING: 'the secondary claim waits for staff to set Ready to Batch',
  LATE_REMITTANCE: 'a remittance arrived for a claim the bill has moved past: review it',
  CLAIM_INVALID: 'the claim fails a rule of the 837P and was left out of the batch: correct the bill',
  VOID_WAITING_FOR_PAYER:
    'the bill is voided but the payer has not acknowledged the claim with its claim number, which the void claim needs',
  MANUAL_UPLOAD_PENDING: "the practice submits by hand and nobody has downloaded the claim's 837P to upload it to Office Ally",
  REMITTANCE_DISCREPANCY: 'an ERA differs from the payment posted for the claim: choose which adjudication stands',
  OVERPAID: 'the payers paid more than the charge, or more than was left: a credit balance to refund or to expect taken back',
  ADJUDICATION_CHANGED:
    'the adjudication a payer stands by changed after the bill moved on from it: check the claims sent since, and the balance',
  LATE_REJECTION: 'a rejection arrived for a claim of a bill that has finished: review it',
};

export const draftRule: EscalationRule = { reason: 'DRAFT_NOT_SUBMITTED', firstAfterMs: 14 * DAY, repeatAfterMs: 14 * DAY };

export function noResponseRule(responseDays: number): EscalationRule {
  return { reason: 'NO_PAYER_RESPONSE', firstAfterMs: responseDays * DAY, repeatAfterMs: 7 * DAY };
}

/** Office Ally shows an uploaded claim in Claim Fix within 3 hours. */
export const claimFixRule: EscalationRule = { reason: 'CLAIM_FIX_NOT_CONFIRMED', firstAfterMs: 3 * HOUR, repeatAfterMs: DAY };
export const rejectionRule: EscalationRule = { reason: 'REJECTION_NOT_CORRECTED', firstAfterMs: 3 * DAY, repeatAfterMs: 7 * DAY };
/** A practice that uploads by hand: the claim's 837P not downloaded a day after it was ready. */
export const manualUploadRule: EscalationRule = { reason: 'MANUAL_UPLOAD_PENDING', firstAfterMs: DAY, repeatAfterMs: DAY };
export const batchNotSentRule: EscalationRule = { reason: 'BATCH_NOT_SENT', firstAfterMs: DAY, repeatAfterMs: DAY };

/** Warn this long before the timely filing deadline. */
export const TIMELY_FILING_WARNING_DAYS = 14;

/**
 * The timely filing rule for a claim not yet sent: fires `TIMELY_FILING_WARNING_DAYS` before
 * the deadline (date of service + the payer's limit), at once when that is past, then every 2 days.
 */
export function timelyFilingRule(
  firstDateOfService: string,
  timelyFilingDays: number,
  nowMs: number,
  reason: EscalationReason = 'TIMELY_FILING_NEAR',
): EscalationRule {
  const serviceMs = Date.parse(`${firstDateOfService}T00:00:00Z`);
  const warnAtMs = serviceMs + (timelyFilingDays - TIMELY_FILING_WARNING_DAYS) * DAY;
  return { reason, firstAfterMs: Math.max(1, warnAtMs - nowMs), repeatAfterMs: 2 * DAY };
}

/**
 * A relative rule at another pace: `scale` 1440 makes a day pass in a minute (demo stacks,
 * ESCALATION_TIME_SCALE). Absent, 1 or not a positive number: the rule as it is.
 */
export function scaleRule(rule: EscalationRule, scale: number | undefined): EscalationRule {
  if (scale === undefined || !(scale > 0) || scale === 1) return rule;
  return {
    ...rule,
    firstAfterMs: Math.max(1, Math.round(rule.firstAfterMs / scale)),
    repeatAfterMs: Math.max(1, Math.round(rule.repeatAfterMs / scale)),
  };
}
