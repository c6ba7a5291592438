/**
 * How the bill hears about money after the fact: an ERA that confirms or disputes the payment
 * posted, a late payment, a payment taken back or replaced by another adjudication; what it
 * does at the close (a credit balance is flagged); and how a finished bill watches while a flag
 * is open. Deterministic code.
 */
import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { StaffReversal } from '../activity-contract';
import type { AckEvent, EraPostedEvent } from './definitions';
import type { ClaimAnswer } from './inbox';
import { dollars, type BillState } from './state';

/** How long a watching run stays after its last flag cleared, for what follows at once. */
export const WATCH_GRACE_MS = 60_000;

export const discrepancyKey = (paymentId: string): string => `discrepancy:${paymentId}`;
export const lateKey = (paymentId: string): string => `late:${paymentId}`;

/**
 * An ERA event, from the sync's signal or a match by hand: an answer for the claim the bill
 * waits on, a copy that confirms the payment posted, one that disputes it, or a late payment.
 */
export function hearEra(state: BillState, e: EraPostedEvent, options: { watching: boolean; actor?: string }): 'answer' | 'other' {
  const { inbox } = state;
  if (e.outcome === 'confirmed') {
    inbox.pendingSteps.push({
      action: 'era-confirmed',
      note: `ERA payment ${e.paymentId} confirms payment ${e.relatedPaymentId ?? '?'} for claim ${e.claimId}`,
    });
    return 'other';
  }
  if (e.outcome === 'discrepancy') {
    inbox.discrepancies.set(e.paymentId, {
      claimId: e.claimId,
      relatedPaymentId: e.relatedPaymentId ?? '',
      differences: e.differences ?? '',
    });
    inbox.pendingEscalations.push({
      reason: 'REMITTANCE_DISCREPANCY',
      detail: `ERA payment ${e.paymentId} differs from payment ${e.relatedPaymentId ?? '?'} for claim ${e.claimId}: ${e.differences ?? 'see the payments'}`,
      key: discrepancyKey(e.paymentId),
    });
    return 'other';
  }
  if (!options.watching && e.claimId === inbox.claim?.claimId) {
    inbox.answers.push({ kind: 'payment', event: e, ...(options.actor ? { actor: options.actor } : {}) });
    return 'answer';
  }
  inbox.pendingEscalations.push({
    reason: 'LATE_REMITTANCE',
    detail: `payment ${e.paymentId} (CLP02 ${e.claimStatusCode}, paid ${dollars(e.paidCents)}) for claim ${e.claimId}`,
    key: lateKey(e.paymentId),
  });
  return 'other';
}

/** A rejection (999/277CA) of a claim of a finished bill: a person looks at it. */
export function hearLateRejection(state: BillState, e: AckEvent): void {
  state.inbox.pendingEscalations.push({
    reason: 'LATE_REJECTION',
    detail: `a ${e.source} rejected claim ${e.claimId} after the bill finished: ${e.reason ?? 'no reason given'}`,
    key: `late-rejection:${e.fileId}/${e.claimId}`,
  });
}

function answerOf(claimId: string, promoted: NonNullable<StaffReversal['promoted']>): ClaimAnswer {
  return {
    kind: 'payment',
    event: {
      claimId,
      paymentId: promoted.paymentId,
      claimStatusCode: promoted.claimStatusCode,
      paidCents: promoted.paidCents,
      patientResponsibilityCents: promoted.patientResponsibilityCents,
      crossover: ['19', '20', '21', '23'].includes(promoted.claimStatusCode),
      reversal: false,
    },
  };
}

/**
 * The answer a claim was given changed: its payment was taken back (with a copy standing in its
 * place, or none), or staff chose the ERA over the posted payment. While the bill waits on that
 * claim, the old answer is dropped and the new one, if any, taken. If the bill moved on from it
 * but its next claim has not left, that claim is voided and the bill goes back to the claim's
 * payer. Otherwise (the next claim has left, the bill has finished) a person is asked.
 */
export async function answerChanged(
  state: BillState,
  change: { claimId: string; oldPaymentId: string; replacement?: StaffReversal['promoted'] },
  options: { watching: boolean },
): Promise<'waiting' | 'rewound' | 'flagged' | 'nothing'> {
  const { inbox } = state;
  const replacement = change.replacement ? answerOf(change.claimId, change.replacement) : undefined;
  const queued = inbox.answers.findIndex((a) => a.kind === 'payment' && a.event.paymentId === change.oldPaymentId);
  if (queued >= 0) {
    inbox.answers.splice(queued, 1, ...(replacement ? [replacement] : []));
    return 'waiting';
  }
  const answered = inbox.answered.get(change.oldPaymentId);
  if (!answered) {
    // Not an answer the bill took (a late payment): its flag has nothing left to say.
    if (state.hasFlag(lateKey(change.oldPaymentId))) {
      await state.clearFlags(
        { key: lateKey(change.oldPaymentId) },
        'late-payment-reversed',
        `payment ${change.oldPaymentId} was taken back`,
        'system',
      );
    }
    return 'nothing';
  }
  const rankIndex = state.plan?.payers.findIndex((p) => p.rank === answered.rank) ?? -1;
  const current = inbox.claim;
  const movedOneOn = state.rankIndex() === rankIndex + 1 || state.rankIndex() === rankIndex;
  if (!options.watching && !state.closed() && rankIndex >= 0 && movedOneOn) {
    let canRewind: boolean;
    if (current === undefined || current.claimId === answered.claimId) canRewind = true;
    else if (inbox.taken(current.claimId) || inbox.manualFiles.has(current.claimId)) canRewind = false;
    else canRewind = (await state.acts.voidUnsentClaim({ claimId: current.claimId, reason: 'ADJUDICATION_CHANGED' })).voided;
    if (canRewind) {
      inbox.rewind = { claimId: answered.claimId, rankIndex, ...(replacement ? { answer: replacement } : {}) };
      return 'rewound';
    }
  }
  inbox.pendingEscalations.push({
    reason: 'ADJUDICATION_CHANGED',
    detail: `the answer of claim ${change.claimId} changed (payment ${change.oldPaymentId}${change.replacement ? ` replaced by ${change.replacement.paymentId}` : ' taken back'}) after the bill moved on from it`,
    key: `changed:${change.oldPaymentId}`,
  });
  return 'flagged';
}

/** At the close: a credit balance (payers paid more than the charge, or than was left) is flagged, never closed silently. */
export async function checkCreditAtClose(state: BillState): Promise<void> {
  const balances = await state.acts.billBalances({ billId: state.billId, finished: true });
  if (balances.creditCents > 0) {
    await state.escalate(
      'OVERPAID',
      `the payers paid ${dollars(balances.paidCents)} on a charge of ${dollars(balances.chargeCents)}: a credit of ${dollars(balances.creditCents)} to refund or to expect taken back`,
      'overpaid',
    );
  }
}

function pending(state: BillState): boolean {
  const { inbox } = state;
  return inbox.pendingEscalations.length > 0 || inbox.pendingSteps.length > 0;
}

/**
 * A finished bill stays while a flag is open: it hears late remittances, staff acknowledge flags
 * and resolve discrepancies, and it ends once nothing is open (after a short grace). A late
 * event after that starts a new watching run.
 */
export async function watchWhileFlagged(state: BillState, graceMs = 0): Promise<void> {
  for (;;) {
    await state.raisePendingEscalations();
    if (state.view.flags.length === 0 && allHandlersFinished()) {
      if (graceMs <= 0 || !(await condition(() => pending(state) || state.view.flags.length > 0, graceMs))) return;
      continue;
    }
    await condition(() => pending(state) || (state.view.flags.length === 0 && allHandlersFinished()));
  }
}
