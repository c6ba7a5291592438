/**
 * What the workflows ask of the outside world. The activities in activities/ implement
 * this; workflows only see these types, so no I/O code reaches the workflow sandbox.
 * Every activity is idempotent: a retry after a crash changes nothing twice.
 */
import type { Adjustment } from '../x12/common/adjustment';
import type { BillBalances } from '../domain/balances';
import type { BillPlan, BillStatus, EobLine, EraPostedEvent, Flag, Rank, RefusedField } from './bill/definitions';

export type ClaimFrequency = 'ORIGINAL' | 'REPLACEMENT' | 'VOID';

export interface OpenClaimInput {
  billId: string;
  rank: Rank;
  frequency: ClaimFrequency;
  /** The claim this one replaces or voids. */
  replacesClaimId?: string;
  /** The payer already has the claim through crossover: it will not be sent. */
  crossover?: boolean;
  /** Deterministic key from the workflow, so a retry finds the claim it made. */
  requestKey: string;
}
export interface OpenedClaim {
  claimId: string;
  patientControlNumber: string;
  payerCode: string;
}

export interface RecordBillStateInput {
  billId: string;
  status: BillStatus;
  rank: Rank;
  needsAttention: boolean;
  attentionReason?: string;
  attentionSince?: string;
  statusSince: string;
  /** A step for the timeline: what happened and who did it. Ids and codes only. */
  step: { action: string; note: string; actor: string; at: string; claimId?: string };
  /** Workflow id + run id + step number: the audit event is written once. */
  dedupeKey: string;
  /** The workflow's step number, rising: the bill's row keeps the newest step's state. */
  stepNumber: number;
  /** Every flag open (absent from older callers: then only needsAttention is kept). */
  flags?: Flag[];
  /** The claim's outcome that goes with this step, written in the same transaction (the lean path). */
  claim?: ClaimOutcomeInput;
}

export interface PostEobPaymentInput {
  billId: string;
  claimId: string;
  idempotencyKey: string;
  actor: string;
  claimStatusCode: string;
  paidCents: number;
  patientResponsibilityCents: number;
  adjudicationDate: string;
  payerClaimControlNumber?: string;
  adjustments: Adjustment[];
  lines?: EobLine[];
  remittanceId?: string;
}

export interface ClaimOutcomeInput {
  claimId: string;
  status: 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'PROCESSED' | 'CROSSOVER' | 'VOIDED';
  reason?: string;
}

export interface BillActivities {
  loadBillPlan(billId: string): Promise<BillPlan>;
  recordBillState(input: RecordBillStateInput): Promise<void>;
  openClaim(input: OpenClaimInput): Promise<OpenedClaim>;
  setClaimStatus(input: ClaimOutcomeInput): Promise<void>;
  /** Voids a claim no batch or manual upload has taken; `voided` false when one has (it is on its way). */
  voidUnsentClaim(input: { claimId: string; reason: string }): Promise<{ voided: boolean }>;
  /** Writes the 837P of one claim for manual upload and keeps it; refuses a claim already batched. */
  writeManualClaimFile(input: { claimId: string; actor: string }): Promise<{ fileId: string }>;
  /**
   * Posts a paper EOB. If the claim has an answer standing already (an ERA posted while the bill
   * had not heard of it yet), the EOB is reconciled with it instead: linked when it agrees, held
   * for review when it differs; never counted beside it.
   */
  postEobPayment(input: PostEobPaymentInput): Promise<EobPosted>;
  attachRemittance(input: { billId: string; claimId: string; remittanceId: string; actor: string }): Promise<void>;
  /**
   * Applies a correction staff asked for (kept in the database as PENDING) once the bill has
   * agreed to it, in one transaction, after checking it against the bill as it is now. Run
   * again it changes nothing. Refused (a payment settled a charge it changes, a pointer it
   * breaks): marked REFUSED and failed with a typed refusal (WrongState, InvalidInput).
   */
  applyBillCorrection(input: { billId: string; correctionId: string; actor: string }): Promise<void>;

  // ---- money: matching by hand, reversals, discrepancies, balances (activities/money.ts)
  /** What does not fit between a queued ERA claim and the claim chosen (named, no patient data), and the queue row's state. */
  checkEraMatch(input: {
    unmatchedId: string;
    claimId: string;
    billId: string;
  }): Promise<{ state: EraQueueState; problems: RefusedField[] }>;
  /** Posts a queued ERA claim to the claim, reconciled with any payment standing; marks the row MATCHED. */
  postMatchedEra(input: {
    unmatchedId: string;
    claimId: string;
    billId: string;
    actor: string;
    override?: string;
  }): Promise<{ event: EraPostedEvent }>;
  /** Undoes a match by hand: the payment reversed by an entry, the row open again. */
  undoEraMatch(input: { unmatchedId: string; billId: string; actor: string; reason: string }): Promise<StaffReversal>;
  /** Takes back a payment posted by mistake with a reversal entry (key: the request). */
  reversePayment(input: { paymentId: string; billId: string; actor: string; reason: string; requestKey: string }): Promise<StaffReversal>;
  /** Staff chose which adjudication stands: the posted one or the ERA that differs from it. */
  resolveDiscrepancy(input: { paymentId: string; billId: string; actor: string; stands: 'POSTED' | 'ERA' }): Promise<DiscrepancyResolution>;
  /** The bill's money: charge, paid per payer, write-offs, client's part, balance, credit. */
  billBalances(input: { billId: string; finished: boolean }): Promise<BillBalances>;
  /** Where a bill stands in the database, for a run that starts watching a finished bill. */
  loadBillSnapshot(billId: string): Promise<{ practiceId: string; status: BillStatus; rank: Rank; flags: Flag[]; stateStep: number }>;
}

export interface EobPosted {
  paymentId: string;
  outcome?: 'posted' | 'confirmed' | 'discrepancy';
  relatedPaymentId?: string;
  differences?: string;
}

export type EraQueueState = 'OPEN' | 'MATCHED_HERE' | 'MATCHED_ELSEWHERE' | 'DISMISSED' | 'UNKNOWN';

export interface StaffReversal {
  claimId: string;
  reversedPaymentId: string;
  /** The reversal entry; none when the payment never counted (a copy that confirmed or disputed another): it is set aside. */
  reversalPaymentId: string | null;
  /** A copy that confirmed or disputed the reversed payment and stands in its place now. */
  promoted?: { paymentId: string; claimStatusCode: string; paidCents: number; patientResponsibilityCents: number };
}

export interface DiscrepancyResolution {
  claimId: string;
  standingPaymentId: string;
  stands: 'POSTED' | 'ERA';
  /** The ERA's numbers, when it stands: the claim's answer now. */
  answer?: { paymentId: string; claimStatusCode: string; paidCents: number; patientResponsibilityCents: number };
}

export interface BatchActivities {
  /**
   * Collects the claims that are Ready to Batch, writes their 837P file; null when none.
   * `countOnly`: the claims are not listed (`claims` empty, `claimCount` says how many).
   */
  createBatch(input: { practiceId: string; batchKey: string; actor: string; countOnly?: boolean }): Promise<CreatedBatch | null>;
  /**
   * Tells the batch's bills, through the client and a bounded number at a time: `refused` the
   * claims it set aside (with why), `batched` the claims it carries, `sent` once the file is sent.
   * Run again it tells only what was not told. Heartbeats.
   */
  tellBatchBills(input: {
    batchId: string;
    kind: 'refused' | 'batched' | 'sent';
  }): Promise<{ told: number; gone: number; notices?: number }>;
  /** Claims the batch set aside because their bill fails an 837P rule, with the problems (field paths and rules, no patient data). */
  refusedClaims(input: { batchId: string }): Promise<{ claimId: string; billId: string; problems: string[] }[]>;
  /** A batch as created: its file and the claims it carries. */
  describeBatch(input: { batchId: string; countOnly?: boolean }): Promise<CreatedBatch>;
  /** Hands the batch file to the clearinghouse; a retried send never sends twice. */
  sendBatch(input: { batchId: string }): Promise<{ fileId: string; remoteName: string }>;
}
export interface CreatedBatch {
  batchId: string;
  /** None when every reserved claim was refused. */
  fileId: string | null;
  claims: { claimId: string; billId: string }[];
  /** How many claims it carries (set when asked with `countOnly`, where `claims` is empty). */
  claimCount?: number;
}

/** A machine event for one bill, produced by reading a file that came back. */
export type BillEvent =
  | { billId: string; kind: 'era'; event: import('./bill/definitions').EraPostedEvent }
  | { billId: string; kind: 'ack'; event: import('./bill/definitions').AckEvent };

export interface ClearinghouseActivities {
  /**
   * Downloads each new response file once and keeps it; returns the ids of every kept file
   * not yet done (new ones and any a crash left half-way).
   */
  pollClearinghouse(): Promise<{ fileIds: string[] }>;
  /**
   * Reads one kept file (835, 999, 277CA), posts it, and returns what each bill must hear, and
   * whether the file is complete (false while some of its ERA claims wait for their crossover
   * claim). Run again on the same file it posts nothing twice and returns the same events.
   */
  processInboundFile(input: { fileId: string; notices?: boolean }): Promise<{ events: BillEvent[]; complete?: boolean; notices?: number }>;
  /**
   * Tells each bill what a source (a file's id) left for it as notices: through the client, a
   * bounded number of bills at a time, each bill in order; a finished bill is watched for a late
   * ERA or rejection. Run again it tells only what was not told. Heartbeats.
   */
  tellBills(input: { source: string }): Promise<{ told: number; gone: number }>;
  /**
   * Marks a file done once every bill was told; `complete` false leaves it RECEIVED for the
   * next poll (absent: the file is read again to find out).
   */
  markInboundFileDone(input: { fileId: string; complete?: boolean }): Promise<void>;
  /**
   * For a bill whose workflow has finished (closed, voided) and so cannot hear: marks it as
   * needing attention in the database, with why, so that a late payment or recoupment is seen.
   */
  flagFinishedBill(input: { billId: string; kind: 'era' | 'ack'; detail: string; dedupeKey: string }): Promise<void>;
}
