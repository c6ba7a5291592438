/**
 * Machine events the bill hears as signals: its claim batched, sent, acknowledged (999/277CA),
 * paid (ERA), or refused by a batch. Each handler only notes what it heard in the inbox; the
 * main flow acts on it. An event heard twice is heard once.
 */
import { setHandler } from '@temporalio/workflow';
import { ackReceivedSignal, batchSentSignal, claimBatchedSignal, claimRefusedSignal, eraPostedSignal } from './definitions';
import { hearEra, hearLateRejection } from './money';
import type { BillState } from './state';

export function registerMachineEvents(state: BillState, options: { watching: boolean }): void {
  const inbox = state.inbox;
  setHandler(claimBatchedSignal, (e) => {
    inbox.batchedClaims.set(e.claimId, e.batchId);
  });
  setHandler(batchSentSignal, (e) => {
    inbox.sentClaims.add(e.claimId);
  });
  setHandler(ackReceivedSignal, (e) => {
    const key = `${e.fileId}/${e.claimId}`;
    if (inbox.heardAcks.has(key)) return;
    inbox.heardAcks.add(key);
    if (e.accepted && e.payerClaimControlNumber) inbox.payerNumbers.set(e.claimId, e.payerClaimControlNumber);
    if (!e.accepted && !options.watching && e.claimId === inbox.claim?.claimId) inbox.answers.push({ kind: 'rejection', event: e });
    else if (!e.accepted && options.watching) hearLateRejection(state, e);
  });
  setHandler(eraPostedSignal, (e) => {
    if (inbox.heardPayments.has(e.paymentId)) return;
    inbox.heardPayments.add(e.paymentId);
    hearEra(state, e, options);
  });
  setHandler(claimRefusedSignal, (e) => {
    if (e.claimId !== inbox.claim?.claimId) return;
    inbox.pendingEscalations.push({
      reason: 'CLAIM_INVALID',
      detail: `batch ${e.batchId} could not carry the claim: ${e.problems.join('; ')}`,
    });
  });
}
