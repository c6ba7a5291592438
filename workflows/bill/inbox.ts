/**
 * What the bill's signals and updates have told, waiting for the main flow to act on it.
 * The handlers write here; the main flow reads and clears. Pure data, no Temporal calls.
 */
import type { OpenedClaim } from '../activity-contract';
import type { AckEvent, EraPostedEvent, VoidInput } from './definitions';
import type { EscalationReason } from './escalation';

/** A payment or rejection the current claim is waiting for. */
export type ClaimAnswer =
  | { kind: 'payment'; event: EraPostedEvent; /** Staff who posted it (an EOB); none for an ERA. */ actor?: string }
  | { kind: 'rejection'; event: AckEvent }
  | { kind: 'resubmit' };

/** A staff request the main flow acts on, with who asked. */
export interface StaffRequest {
  actor: string;
}

export class Inbox {
  /** Staff submitted the draft. */
  submitted?: StaffRequest;
  /** Staff set the bill Ready to Batch (a draft, or the next payer's claim). */
  readyRequested?: StaffRequest;
  /** Staff corrected the bill and asked to send it again; `token` names the request. */
  resubmitRequested?: StaffRequest & { token: string };
  /** What became of each resubmission request: done, or overtaken by a payer's answer. */
  readonly resubmitOutcomes = new Map<string, 'done' | 'overtaken'>();
  /** A staff payment is being posted (between the update's start and its activity's end). */
  postingPayment = false;
  voidRequested?: VoidInput;
  voidAccepted = false;
  /** A void asked for as the last payer's answer was posted: the payment stood. */
  voidOvertaken = false;
  /** The claim the bill is on now: answers about other claims are late. */
  claim?: OpenedClaim;
  /** Every claim this run opened, by id. */
  readonly openedClaims = new Map<string, OpenedClaim>();
  /** The payer's own claim numbers, as its 277CA gave them: a replacement or a void needs one. */
  readonly payerNumbers = new Map<string, string>();
  /** Claim id -> batch id. */
  readonly batchedClaims = new Map<string, string>();
  readonly sentClaims = new Set<string>();
  /** Claim id -> the 837P file written for manual upload. */
  readonly manualFiles = new Map<string, string>();
  /** Who downloaded the 837P for manual upload. */
  manualUploadBy?: StaffRequest;
  /** Claims staff confirmed cleared Office Ally's Claim Fix, with who confirmed. */
  readonly claimFixConfirmed = new Map<string, StaffRequest>();
  readonly heardAcks = new Set<string>();
  readonly heardPayments = new Set<string>();
  readonly answers: ClaimAnswer[] = [];
  readonly handledPayments = new Set<string>();
  readonly pendingEscalations: { reason: EscalationReason; detail: string; key?: string }[] = [];
  /** Steps for the timeline the handlers heard of (an ERA that confirmed a posted EOB). */
  readonly pendingSteps: { action: string; note: string }[] = [];
  /** ERA payments held for review because they differ from the payment standing (payment id -> what). */
  readonly discrepancies = new Map<string, { claimId: string; relatedPaymentId: string; differences: string }>();
  /** The payments the flow took as a claim's answer: payment id -> the claim and rank it answered. */
  readonly answered = new Map<string, { claimId: string; rank: string }>();
  /**
   * A payment the flow had moved on from was taken back while the next claim had not left: the
   * flow goes back to waiting for that payer, on that claim (with its new answer, if one stands).
   */
  rewind?: { claimId: string; rankIndex: number; answer?: ClaimAnswer };
  /** The next claim waits for staff to choose which adjudication stands. */
  held = false;
  /** A staff money action (match, undo, reversal, resolution) is under way: one at a time. */
  moneyAction = false;

  /** A payment is posted, being posted, or waiting to be handled. */
  hasPayment(): boolean {
    return this.handledPayments.size > 0 || this.postingPayment || this.answers.some((a) => a.kind === 'payment');
  }

  /** A batch or a manual upload has taken the claim: it is on its way to the payer. */
  taken(claimId: string): boolean {
    return this.sentClaims.has(claimId) || this.batchedClaims.has(claimId) || this.claimFixConfirmed.has(claimId);
  }
}
