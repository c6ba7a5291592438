/**
 * The bill's state as its workflow keeps it: the view staff and ops read, the plan loaded
 * from the database, what messages have told (the inbox), and the few ways the state moves:
 * record a step, set a status, escalate, wait. Deterministic code only.
 */
import { condition, log, setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { billCurrentDetails, escalationTimerSummary, type NextEscalation } from '../ops-summary';
import {
  AttentionReasonKey,
  BillIdKey,
  BillStatusKey,
  NeedsAttentionKey,
  PayerCodeKey,
  PracticeIdKey,
  WaitingSinceKey,
} from '../search-attributes';
import type { ClaimOutcomeInput } from '../activity-contract';
import { acts, leanActs } from './proxies';
import type { BillPlan, BillStatus, BillView, BillWorkflowInput, Flag, Rank, Step } from './definitions';
import { batchNotSentRule, ESCALATION_TEXT, STICKY_REASONS, type EscalationReason, type EscalationRule } from './escalation';
import { Inbox } from './inbox';

const MAX_STEPS_KEPT = 50;
export const SYSTEM = 'system';

/** Thrown inside the main flow when staff void the bill; unwinds to the void handling. */
export class VoidRequested extends Error {}
/** Thrown inside the main flow when a payment it moved on from was taken back; unwinds to that payer. */
export class RewindRequested extends Error {}

export function awaitingStatus(rank: Rank): BillStatus {
  return rank === 'PRIMARY' ? 'AWAITING_PRIMARY' : rank === 'SECONDARY' ? 'AWAITING_SECONDARY' : 'AWAITING_TERTIARY';
}

export function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

export class BillState {
  readonly billId: string;
  /** Read from the database by a watching run started without it. */
  practiceId: string;
  readonly view: BillView;
  readonly inbox = new Inbox();
  /** Set by the first activity (and again when staff correct the bill); handlers registered before it see it when it comes. */
  plan?: BillPlan;
  /**
   * Started on the lean path (decided once, at the start, behind a patch): the bill's short
   * database steps run as local activities, and a claim's outcome is written with the step
   * that goes with it. Bills started before keep their activities as they were.
   */
  lean = false;
  private stepNumber = 0;
  /** Steps whose database record is still being written. */
  private recording = 0;
  /** The escalation the current wait will raise next, for ops (the workflow's current details). */
  private next?: NextEscalation;

  constructor(input: BillWorkflowInput) {
    this.billId = input.billId;
    this.practiceId = input.practiceId;
    this.view = {
      billId: input.billId,
      status: 'DRAFT',
      rank: 'PRIMARY',
      needsAttention: false,
      waitingSince: new Date().toISOString(),
      waitingFor: 'staff to submit the bill',
      manualUpload: false,
      flags: [],
      steps: [],
    };
  }

  /** The bill's activities as this run calls them (see `lean`). */
  get acts(): typeof acts {
    return this.lean ? leanActs : acts;
  }

  /** A number that changes with every step: keys made from it are new for each step. */
  get steps(): number {
    return this.stepNumber;
  }

  /** Every step so far is in the database (the API reads the bill's status there). */
  get recorded(): boolean {
    return this.recording === 0;
  }

  closed(): boolean {
    return this.view.status === 'CLOSED' || this.view.status === 'VOIDED';
  }

  /** The index of the payer the bill is on, in the plan's order. */
  rankIndex(): number {
    return this.plan ? this.plan.payers.findIndex((p) => p.rank === this.view.rank) : 0;
  }

  /** What ops read in the Temporal UI: where the bill is, what it waits for, when it escalates next. */
  private showDetails(): void {
    this.view.nextEscalation = this.next ? { ...this.next } : undefined;
    setCurrentDetails(billCurrentDetails(this.view, this.next));
  }

  private searchAttributes(): void {
    const view = this.view;
    upsertSearchAttributes([
      { key: BillIdKey, value: this.billId },
      { key: PracticeIdKey, value: this.practiceId },
      { key: BillStatusKey, value: view.status },
      { key: NeedsAttentionKey, value: view.needsAttention },
      { key: AttentionReasonKey, value: view.attentionReason ?? '' },
      { key: WaitingSinceKey, value: new Date(view.waitingSince) },
      ...(view.payerCode ? [{ key: PayerCodeKey, value: view.payerCode }] : []),
    ]);
  }

  /**
   * A claim's outcome, for the step that goes with it: written now by an activity of its own
   * (bills started before the lean path), or handed back to ride in that step's transaction.
   * Called as an argument of `record` or `setStatus`, so that it comes first either way.
   */
  async claimOutcome(claim: ClaimOutcomeInput): Promise<ClaimOutcomeInput | undefined> {
    if (this.lean) return claim;
    await acts.setClaimStatus(claim);
    return undefined;
  }

  /** A step for the timeline: kept in the view, the search attributes and the database (with a claim's outcome on the lean path). */
  async record(action: string, note: string, actor: string, claim?: ClaimOutcomeInput): Promise<void> {
    this.stepNumber += 1;
    const stepNumber = this.stepNumber;
    const view = this.view;
    const at = new Date().toISOString();
    const step: Step = { at, status: view.status, rank: view.rank, note, actor };
    view.steps.push(step);
    if (view.steps.length > MAX_STEPS_KEPT) view.steps.shift();
    this.searchAttributes();
    this.showDetails();
    const info = workflowInfo();
    this.recording += 1;
    try {
      await this.acts.recordBillState({
        billId: this.billId,
        status: view.status,
        rank: view.rank,
        needsAttention: view.needsAttention,
        attentionReason: view.attentionReason,
        attentionSince: view.attentionSince,
        statusSince: view.waitingSince,
        flags: view.flags,
        step: { action, note, actor, at, claimId: this.inbox.claim?.claimId },
        dedupeKey: `${info.workflowId}/${info.firstExecutionRunId}/${stepNumber}`,
        stepNumber,
        ...(claim ? { claim } : {}),
      });
    } finally {
      this.recording -= 1;
    }
  }

  /**
   * The attention fields follow the open flags: needs attention while one is open, for the
   * reason of the first money flag (else the latest other one), since the oldest open flag.
   */
  private syncAttention(): void {
    const { view } = this;
    const flags = view.flags;
    const lead = flags.find((f) => f.sticky) ?? flags.at(-1);
    view.needsAttention = flags.length > 0;
    view.attentionReason = lead?.reason;
    view.attentionSince = flags.length > 0 ? flags.map((f) => f.since).reduce((a, b) => (b < a ? b : a)) : undefined;
  }

  /** Moves the bill to a status; flags that are not about money clear, since what they flagged is over. */
  async setStatus(status: BillStatus, waitingFor: string, note: string, actor = SYSTEM, claim?: ClaimOutcomeInput): Promise<void> {
    const view = this.view;
    view.status = status;
    view.waitingFor = waitingFor;
    view.waitingSince = new Date().toISOString();
    view.flags = view.flags.filter((f) => f.sticky);
    this.syncAttention();
    await this.record(`status:${status}`, note, actor, claim);
  }

  /**
   * Raises a flag (or renews it: one flag per key). Money flags stay until staff acknowledge or
   * resolve them; the others until the bill moves on.
   */
  async escalate(reason: EscalationReason, detail?: string, key: string = reason): Promise<void> {
    const view = this.view;
    const text = detail ?? ESCALATION_TEXT[reason];
    const existing = view.flags.find((f) => f.key === key);
    if (existing) existing.detail = text;
    else view.flags.push({ reason, since: new Date().toISOString(), detail: text, sticky: STICKY_REASONS.includes(reason), key });
    this.syncAttention();
    log.info('bill escalated', { billId: this.billId, reason });
    await this.record(`escalated:${reason}`, text, SYSTEM);
  }

  /** True when a flag with this key is open (a late payment told twice is flagged once). */
  hasFlag(key: string): boolean {
    return this.view.flags.some((f) => f.key === key);
  }

  /** Clears the open flags of `reason` (or with `key`), staff having dealt with them; records why. */
  async clearFlags(match: { reason?: string; key?: string }, action: string, note: string, actor: string): Promise<void> {
    const view = this.view;
    view.flags = view.flags.filter((f) => !((match.reason && f.reason === match.reason) || (match.key && f.key === match.key)));
    this.syncAttention();
    await this.record(action, note, actor);
  }

  /** A watching run goes on from the steps the bill's row has seen, so that its own are newer. */
  continueStepsFrom(stepNumber: number): void {
    this.stepNumber = Math.max(this.stepNumber, stepNumber);
  }

  /** Takes over flags kept in the database (a watching run starting on a finished bill). */
  adoptFlags(flags: readonly Flag[]): void {
    this.view.flags = flags.map((f) => ({ ...f }));
    this.syncAttention();
  }

  /** Escalations and steps the handlers queued, raised and recorded now, in order. */
  async raisePendingEscalations(): Promise<void> {
    const inbox = this.inbox;
    for (let next = inbox.pendingEscalations.shift(); next; next = inbox.pendingEscalations.shift()) {
      if (next.key && this.hasFlag(next.key)) continue;
      await this.escalate(next.reason, next.detail, next.key);
    }
    for (let next = inbox.pendingSteps.shift(); next; next = inbox.pendingSteps.shift()) {
      await this.record(next.action, next.note, SYSTEM);
    }
  }

  /**
   * Waits until `ready()`, escalating by each rule while nothing happens; unwinds on a void.
   * Each rule's next escalation is due at an absolute time, so that waking for something
   * else does not restart it.
   */
  async waitFor(ready: () => boolean, ...rules: EscalationRule[]): Promise<void> {
    const inbox = this.inbox;
    const woken = () =>
      ready() ||
      inbox.voidRequested !== undefined ||
      inbox.rewind !== undefined ||
      inbox.pendingEscalations.length > 0 ||
      inbox.pendingSteps.length > 0;
    const due = rules.map((rule) => ({ rule, at: Date.now() + rule.firstAfterMs }));
    for (;;) {
      const first = due.length === 0 ? undefined : due.reduce((a, b) => (b.at < a.at ? b : a));
      this.next = first ? { reason: first.rule.reason, at: new Date(first.at).toISOString() } : undefined;
      this.showDetails();
      const done = first
        ? await condition(woken, Math.max(1, first.at - Date.now()), { summary: escalationTimerSummary(first.rule.reason, this.view.rank) })
        : (await condition(woken), true);
      this.next = undefined;
      await this.raisePendingEscalations();
      if (inbox.voidRequested) throw new VoidRequested();
      if (inbox.rewind) throw new RewindRequested();
      if (done && ready()) return;
      if (!done) {
        const now = Date.now();
        const earliest = due.reduce((a, b) => (b.at < a.at ? b : a));
        for (const d of due.filter((x) => x.at <= now || x === earliest)) {
          await this.escalate(d.rule.reason);
          d.at = now + d.rule.repeatAfterMs;
        }
      }
    }
  }

  /** Waits for `ready()` whatever else is asked (a void is under way), escalating daily. */
  async waitIgnoringVoid(ready: () => boolean, reason: EscalationReason): Promise<void> {
    let wait = batchNotSentRule.firstAfterMs;
    const summary = escalationTimerSummary(reason, this.view.rank);
    for (;;) {
      this.next = { reason, at: new Date(Date.now() + wait).toISOString() };
      this.showDetails();
      const done = await condition(ready, wait, { summary });
      this.next = undefined;
      if (done) return;
      await this.escalate(reason);
      wait = batchNotSentRule.repeatAfterMs;
    }
  }
}
