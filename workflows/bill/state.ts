/**
 * The bill's state as its workflow keeps it: the view staff and ops read, the plan loaded
 * from the database, what messages have told (the inbox), and the few ways the state moves:
 * record a step, set a status, escalate, wait. Deterministic code only.
 */
import { condition, log, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  AttentionReasonKey,
  BillIdKey,
  BillStatusKey,
  NeedsAttentionKey,
  PayerCodeKey,
  PracticeIdKey,
  WaitingSinceKey,
} from '../search-attributes';
import { acts } from './proxies';
import type { BillPlan, BillStatus, BillView, BillWorkflowInput, Rank, Step } from './definitions';
import { batchNotSentRule, ESCALATION_TEXT, type EscalationReason, type EscalationRule } from './escalation';
import { Inbox } from './inbox';

const MAX_STEPS_KEPT = 50;
export const SYSTEM = 'system';

/** Thrown inside the main flow when staff void the bill; unwinds to the void handling. */
export class VoidRequested extends Error {}

export function awaitingStatus(rank: Rank): BillStatus {
  return rank === 'PRIMARY' ? 'AWAITING_PRIMARY' : rank === 'SECONDARY' ? 'AWAITING_SECONDARY' : 'AWAITING_TERTIARY';
}

export function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

export class BillState {
  readonly billId: string;
  readonly practiceId: string;
  readonly view: BillView;
  readonly inbox = new Inbox();
  /** Set by the first activity (and again when staff correct the bill); handlers registered before it see it when it comes. */
  plan?: BillPlan;
  private stepNumber = 0;
  /** Steps whose database record is still being written. */
  private recording = 0;

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
      steps: [],
    };
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

  /** A step for the timeline: kept in the view, the search attributes and the database. */
  async record(action: string, note: string, actor: string): Promise<void> {
    this.stepNumber += 1;
    const stepNumber = this.stepNumber;
    const view = this.view;
    const at = new Date().toISOString();
    const step: Step = { at, status: view.status, rank: view.rank, note, actor };
    view.steps.push(step);
    if (view.steps.length > MAX_STEPS_KEPT) view.steps.shift();
    this.searchAttributes();
    const info = workflowInfo();
    this.recording += 1;
    try {
      await acts.recordBillState({
        billId: this.billId,
        status: view.status,
        rank: view.rank,
        needsAttention: view.needsAttention,
        attentionReason: view.attentionReason,
        attentionSince: view.attentionSince,
        statusSince: view.waitingSince,
        step: { action, note, actor, at, claimId: this.inbox.claim?.claimId },
        dedupeKey: `${info.workflowId}/${info.firstExecutionRunId}/${stepNumber}`,
        stepNumber,
      });
    } finally {
      this.recording -= 1;
    }
  }

  /** Moves the bill to a status; the attention flag clears, since what it flagged is over. */
  async setStatus(status: BillStatus, waitingFor: string, note: string, actor = SYSTEM): Promise<void> {
    const view = this.view;
    view.status = status;
    view.waitingFor = waitingFor;
    view.waitingSince = new Date().toISOString();
    view.needsAttention = false;
    view.attentionReason = undefined;
    view.attentionSince = undefined;
    await this.record(`status:${status}`, note, actor);
  }

  async escalate(reason: EscalationReason, detail?: string): Promise<void> {
    const view = this.view;
    const first = !view.needsAttention;
    view.needsAttention = true;
    view.attentionReason = reason;
    if (first) view.attentionSince = new Date().toISOString();
    log.info('bill escalated', { billId: this.billId, reason });
    await this.record(`escalated:${reason}`, detail ?? ESCALATION_TEXT[reason], SYSTEM);
  }

  /** Escalations the handlers queued, raised now, in order. */
  async raisePendingEscalations(): Promise<void> {
    for (let next = this.inbox.pendingEscalations.shift(); next; next = this.inbox.pendingEscalations.shift()) {
      await this.escalate(next.reason, next.detail);
    }
  }

  /**
   * Waits until `ready()`, escalating by each rule while nothing happens; unwinds on a void.
   * Each rule's next escalation is due at an absolute time, so that waking for something
   * else does not restart it.
   */
  async waitFor(ready: () => boolean, ...rules: EscalationRule[]): Promise<void> {
    const inbox = this.inbox;
    const woken = () => ready() || inbox.voidRequested !== undefined || inbox.pendingEscalations.length > 0;
    const due = rules.map((rule) => ({ rule, at: Date.now() + rule.firstAfterMs }));
    for (;;) {
      const next = due.length === 0 ? undefined : Math.min(...due.map((d) => d.at));
      const done = next === undefined ? (await condition(woken), true) : await condition(woken, Math.max(1, next - Date.now()));
      await this.raisePendingEscalations();
      if (inbox.voidRequested) throw new VoidRequested();
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
    while (!(await condition(ready, wait))) {
      await this.escalate(reason);
      wait = batchNotSentRule.repeatAfterMs;
    }
  }
}
