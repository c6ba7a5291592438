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
  /**
   * Start watching a bill whose lifecycle has finished (a late remittance, a flag to acknowledge,
   * a match by hand): the run loads the bill's status and flags, hears what it is told, raises
   * and clears flags, and ends once no flag is open. Absent: the whole lifecycle from Draft.
   */
  watch?: boolean;
  /** For a watching run: the late ERA events it was started for. */
  events?: EraPostedEvent[];
  /** For a watching run: the late rejections (999/277CA) it was started for. */
  rejections?: AckEvent[];
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
  /**
   * What posting made of it: a new answer (`posted`, also when absent), an electronic copy that
   * agreed with the payment standing already (`confirmed`: linked, not counted), or one that
   * differs from it (`discrepancy`: held for staff to choose which stands).
   */
  outcome?: 'posted' | 'confirmed' | 'discrepancy';
  /** The payment standing already that this one confirms or disputes. */
  relatedPaymentId?: string;
  /** For a discrepancy: what differs (fields, amounts and codes only). */
  differences?: string;
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
// ------------------------------------------------------------------ money: matching, reversal, reconciliation, flags

/** Why staff matched an ERA claim that does not fit the claim (codes only: no free text reaches history). */
export const OVERRIDE_REASONS = [
  'VERIFIED_WITH_PAYER',
  'DEMOGRAPHICS_CHANGED',
  'CHARGE_CORRECTED',
  'LATE_REMITTANCE_EXPECTED',
  'OTHER',
] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];
/** Why staff take back a payment posted by mistake. */
export const REVERSAL_REASONS = ['WRONG_MATCH', 'KEYED_IN_ERROR', 'WRONG_CLAIM', 'DUPLICATE', 'OTHER'] as const;
export type ReversalReason = (typeof REVERSAL_REASONS)[number];
/** How staff dealt with a flag. */
export const ACKNOWLEDGE_CODES = ['REVIEWED', 'REFUND_ISSUED', 'RECOUPMENT_EXPECTED', 'WRITTEN_OFF', 'POSTED_ELSEWHERE', 'OTHER'] as const;
export type AcknowledgeCode = (typeof ACKNOWLEDGE_CODES)[number];

export interface MatchEraInput extends Actor {
  /** The unmatched ERA claim (the queue row). */
  unmatchedId: string;
  /** The claim of this bill it answers. */
  claimId: string;
  /** Match although it does not fit, for this reason. */
  override?: OverrideReason;
}
export interface MatchEraResult {
  paymentId: string;
  status: BillStatus;
  /** What posting made of it: posted, or linked to / held against the payment standing already. */
  outcome: 'posted' | 'confirmed' | 'discrepancy';
}
export interface UndoMatchInput extends Actor {
  unmatchedId: string;
  reason: ReversalReason;
}
export interface ReversePaymentInput extends Actor {
  paymentId: string;
  reason: ReversalReason;
}
export interface ReversalResult {
  status: BillStatus;
  reversedPaymentId: string;
  /** None when the payment never counted (a copy that confirmed or disputed another): it was set aside. */
  reversalPaymentId: string | null;
}
export interface ResolveDiscrepancyInput extends Actor {
  /** The ERA payment held for review. */
  paymentId: string;
  /** Which adjudication stands: the one posted before (`POSTED`) or the ERA's. */
  stands: 'POSTED' | 'ERA';
}
export interface AcknowledgeFlagInput extends Actor {
  reason: string;
  code: AcknowledgeCode;
}

/** Match an unmatched ERA claim to a claim of this bill: checked, posted, heard as the payer's answer. */
export const matchEraUpdate = defineUpdate<MatchEraResult, [MatchEraInput]>('matchEra');
/** Undo a match by hand: the payment it posted is reversed (never deleted) and the ERA claim goes back to the queue. */
export const undoEraMatchUpdate = defineUpdate<ReversalResult, [UndoMatchInput]>('undoEraMatch');
/** Take back a payment posted by mistake (a wrongly keyed EOB): a reversal entry. */
export const reversePaymentUpdate = defineUpdate<ReversalResult, [ReversePaymentInput]>('reversePayment');
/** Choose which adjudication stands when an ERA differs from the payment posted. */
export const resolveDiscrepancyUpdate = defineUpdate<ActionResult, [ResolveDiscrepancyInput]>('resolveDiscrepancy');
/** Staff dealt with a flag: it clears everywhere. */
export const acknowledgeFlagUpdate = defineUpdate<ActionResult, [AcknowledgeFlagInput]>('acknowledgeFlag');

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

/** Something about the bill a person must look at, with why and since when. */
export interface Flag {
  reason: string;
  since: string;
  /** What it is about, in words (ids, amounts and codes only). */
  detail: string;
  /** Money flags stay until staff acknowledge or resolve them; the others clear as the bill moves on. */
  sticky: boolean;
  /** One flag per key: the same late payment told twice raises one flag. */
  key: string;
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
  /** Every flag open now (needsAttention is true when there is one; attentionReason names the first). */
  flags: Flag[];
  /** The escalation the bill's current wait will raise next, if nothing happens: why, and when. */
  nextEscalation?: { reason: string; at: string };
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
