/**
 * The bill workflow's contract: its input, the machine events it hears (signals), the
 * staff actions it answers (updates) and what it tells (query). Everything here carries
 * ids, amounts, dates of adjudication and codes, never patient names, member ids, dates
 * of birth or diagnoses: Temporal's history must hold no protected health information.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Rank } from '../../domain/rank';
import type { Adjustment } from '../../x12/common/adjustment';

export type { Rank } from '../../domain/rank';
export { RANKS } from '../../domain/rank';

/** The statuses staff see (the database's BillStatus enum). */
export type BillStatus =
  | 'DRAFT'
  | 'READY_TO_BATCH'
  | 'BATCHED'
  | 'SUBMITTED'
  | 'AWAITING_PRIMARY'
  | 'AWAITING_SECONDARY'
  | 'AWAITING_TERTIARY'
  | 'AWAITING_CLAIM_FIX'
  | 'PROCESSED'
  | 'CLOSED'
  | 'REJECTED'
  | 'CROSSOVER'
  | 'VOIDED';

export function billWorkflowId(billId: string): string {
  return `bill-${billId}`;
}

export interface BillWorkflowInput {
  billId: string;
  practiceId: string;
}

/** One payer the bill goes to, in rank order (from the client's policies). */
export interface PayerStep {
  rank: Rank;
  policyId: string;
  payerId: string;
  payerCode: string;
  /** Escalate when this payer has not answered after so many days. */
  responseDays: number;
  /** Timely filing limit of this payer, in days. */
  timelyFilingDays: number;
}

export interface BillPlan {
  billId: string;
  practiceId: string;
  payers: PayerStep[];
  autoBatchSecondary: boolean;
  submitsManually: boolean;
  /** Earliest date of service, YYYY-MM-DD: timely filing counts from it. */
  firstDateOfService: string;
  totalChargeCents: number;
  /**
   * How much faster relative escalation timers run than real time (ESCALATION_TIME_SCALE; demo
   * stacks only). Absent: 1. Timely filing deadlines are dates and never scale.
   */
  escalationTimeScale?: number;
  /** Line numbers and charges: enough to check that a posted payment balances. */
  lines: { lineNumber: number; chargeCents: number }[];
}

// ------------------------------------------------------------------ machine events

export interface ClaimBatchedEvent {
  claimId: string;
  batchId: string;
}
export interface BatchSentEvent {
  claimId: string;
  batchId: string;
  fileId: string;
}
export interface AckEvent {
  claimId: string;
  /** The 999 or 277CA file it came from: a file seen twice is heard once. */
  fileId: string;
  source: '999' | '277CA';
  accepted: boolean;
  /** Codes and their meaning, e.g. "A7:21 Missing or invalid information". */
  reason?: string;
  payerClaimControlNumber?: string;
}
export interface EraPostedEvent {
  claimId: string;
  paymentId: string;
  /** CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19-21 processed and forwarded, 22 reversal. */
  claimStatusCode: string;
  paidCents: number;
  patientResponsibilityCents: number;
  /** The payer forwarded the claim to the next payer itself (NM1*TT / CLP02 19-21). */
  crossover: boolean;
  reversal: boolean;
}

/** The batch could not carry the claim: the bill's data fails a rule of the 837P (named, with no patient data). */
export interface ClaimRefusedEvent {
  claimId: string;
  batchId: string;
  /** e.g. "serviceLines[0].diagnosisPointers[0]: pointer-range". */
  problems: string[];
}

export const claimBatchedSignal = defineSignal<[ClaimBatchedEvent]>('claimBatched');
export const claimRefusedSignal = defineSignal<[ClaimRefusedEvent]>('claimRefused');
export const batchSentSignal = defineSignal<[BatchSentEvent]>('batchSent');
export const ackReceivedSignal = defineSignal<[AckEvent]>('ackReceived');
export const eraPostedSignal = defineSignal<[EraPostedEvent]>('eraPosted');

// ------------------------------------------------------------------ staff actions

export interface Actor {
  /** Who did it: an API key's id and name, never a patient's. */
  actor: string;
}

export interface EobLine {
  lineNumber: number;
  paidCents: number;
  adjustments: Adjustment[];
}

/**
 * A payment posted by hand from a paper EOB or a denial letter. A denial is a $0 payment
 * whose adjustments carry the whole charge. Amounts in cents; the adjudication date is a date.
 */
export interface PostPaymentInput extends Actor {
  /** Which payer's answer this is; defaults to the payer the bill waits on. */
  rank?: Rank;
  claimStatusCode?: string;
  paidCents: number;
  patientResponsibilityCents: number;
  adjudicationDate: string;
  payerClaimControlNumber?: string;
  /** Claim-level adjustments. */
  adjustments: Adjustment[];
  /** Line-level adjudication, by the bill's line numbers; when given, every line is listed. */
  lines?: EobLine[];
  /** A paper remittance the API has already stored. */
  remittanceId?: string;
}
export interface PostPaymentResult {
  paymentId: string;
  status: BillStatus;
}

export interface AttachRemittanceInput extends Actor {
  remittanceId: string;
}
/**
 * Why a bill is voided, as a code: free text a person types could name the patient, so it stays
 * in the database's audit trail (the API keeps the staff's note there), never in the workflow.
 */
export const VOID_REASONS = ['DUPLICATE', 'WRONG_PATIENT', 'WRONG_PAYER', 'NOT_BILLABLE', 'ENTERED_IN_ERROR', 'OTHER'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

export interface VoidInput extends Actor {
  reason: VoidReason;
}
/** Staff corrected the bill (its data, in the database) and send it again. */
export type ResubmitInput = Actor;

export interface ActionResult {
  status: BillStatus;
}
export interface ManualUploadResult {
  status: BillStatus;
  claimId: string;
  fileId: string;
}

/** Draft -> Ready to Batch: the bill goes to its primary payer. */
export const submitUpdate = defineUpdate<ActionResult, [Actor]>('submit');
export const postPaymentUpdate = defineUpdate<PostPaymentResult, [PostPaymentInput]>('postPayment');
export const attachRemittanceUpdate = defineUpdate<ActionResult, [AttachRemittanceInput]>('attachRemittance');
export const setReadyToBatchUpdate = defineUpdate<ActionResult, [Actor]>('setReadyToBatch');
/** The claim will be uploaded by hand: writes its 837P file, which staff then download. */
export const prepareManualUploadUpdate = defineUpdate<ManualUploadResult, [Actor]>('prepareManualUpload');
export const confirmClaimFixUpdate = defineUpdate<ActionResult, [Actor]>('confirmClaimFix');
export const voidUpdate = defineUpdate<ActionResult, [VoidInput]>('void');
export const resubmitUpdate = defineUpdate<ActionResult, [ResubmitInput]>('correctAndResubmit');
/**
 * Staff corrected the bill's data in the database (codes, lines, dates: none of it passes
 * through here); the workflow reloads what it keeps of the bill (payers, line charges).
 */
export const billCorrectedUpdate = defineUpdate<ActionResult, [BillCorrectedInput]>('billCorrected');
export interface BillCorrectedInput extends Actor {
  /**
   * The correction staff asked for, kept in the database (its values may be patient data, so
   * they never pass through here); the bill applies it once it agrees. Absent in the older
   * form, where the API had changed the data already.
   */
  correctionId?: string;
}
/** The statuses in which a bill's data may be corrected: no claim of it is on its way. */
export const CORRECTABLE_STATUSES: readonly BillStatus[] = ['DRAFT', 'READY_TO_BATCH', 'REJECTED'];

// ------------------------------------------------------------------ what it tells

export interface Step {
  at: string;
  status: BillStatus;
  rank: Rank;
  note: string;
  actor: string;
}

export interface BillView {
  billId: string;
  status: BillStatus;
  rank: Rank;
  claimId?: string;
  payerCode?: string;
  needsAttention: boolean;
  attentionReason?: string;
  attentionSince?: string;
  waitingSince: string;
  /** What the bill waits for, in staff's words. */
  waitingFor: string;
  manualUpload: boolean;
  /** The most recent steps (the whole timeline is in the database). */
  steps: Step[];
}

export const billViewQuery = defineQuery<BillView>('view');

// ------------------------------------------------------------------ refusals

/**
 * How the bill refuses a staff action: an ApplicationFailure whose type says why and whose
 * details name the fields. The API maps the type to its answer (409 or 422); it never reads
 * the message to decide.
 */
export const RefusalType = {
  /** The bill is not in a state for the action (409). */
  wrongState: 'WrongState',
  /** The action's input is wrong (422, with the fields named). */
  invalidInput: 'InvalidInput',
  /** Something else happened first (a payment before a void or a resubmission took effect) (409). */
  overtaken: 'Overtaken',
} as const;
export type RefusalTypeName = (typeof RefusalType)[keyof typeof RefusalType];

/** One field of a refused input: where it is (a path into the input) and what is wrong. */
export interface RefusedField {
  path: (string | number)[];
  message: string;
}

/** The details of an InvalidInput refusal. */
export interface InvalidInputDetails {
  fields: RefusedField[];
}
