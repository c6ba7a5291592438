/**
 * Voiding a bill. A claim no batch has taken is voided here; one on its way to (or at) the
 * payer is voided at the payer with a void claim (frequency 8), which needs the payer's own
 * claim number from its acknowledgment. A bill with a payment posted is never voided (the
 * validator refuses it).
 */
import { patched } from '@temporalio/workflow';
import type { OpenedClaim } from '../activity-contract';
import type { VoidInput } from './definitions';
import type { BillFlow } from './flow';
import type { BillState } from './state';
import { voidBillBeforePatch } from './void-before-patch';

/** Sends the void claim for `current` and waits until a batch or a manual upload carries it. */
async function voidAtPayer(state: BillState, flow: BillFlow, current: OpenedClaim, request: VoidInput): Promise<void> {
  const { inbox } = state;
  await state.waitIgnoringVoid(() => inbox.payerNumbers.has(current.claimId), 'VOID_WAITING_FOR_PAYER');
  const voiding = await flow.openClaim('VOID', { replaces: current.claimId });
  await state.record('void-requested', `void claim ${voiding.claimId} for claim ${current.claimId}: ${request.reason}`, request.actor);
  await state.waitIgnoringVoid(() => inbox.sentClaims.has(voiding.claimId) || inbox.manualFiles.has(voiding.claimId), 'BATCH_NOT_SENT');
  await state.acts.setClaimStatus({ claimId: current.claimId, status: 'VOIDED', reason: request.reason });
}

export async function voidBill(state: BillState, flow: BillFlow, request: VoidInput): Promise<void> {
  // Bills that began their void before this version keep the flow they started with.
  if (!patched('void-only-unsent-claims-here')) return voidBillBeforePatch(state, flow, request);
  const { inbox } = state;
  inbox.voidRequested = undefined;
  const current = inbox.claim;
  // Payer answers still queued are kept in the database; a person must see them.
  for (const left of inbox.answers.splice(0)) {
    if (left.kind === 'payment') await state.escalate('LATE_REMITTANCE', `payment ${left.event.paymentId} arrived as the bill was voided`);
  }
  // A claim no batch has taken is voided here; one a batch took is on its way to the payer.
  const taken = current !== undefined && inbox.taken(current.claimId);
  const voidedHere =
    current !== undefined && !taken && (await state.acts.voidUnsentClaim({ claimId: current.claimId, reason: request.reason })).voided;
  if (current && !voidedHere) {
    await state.setStatus(
      'READY_TO_BATCH',
      "the payer's claim number, then the next batch, to carry the void claim",
      `void requested: ${request.reason}`,
      request.actor,
    );
    inbox.voidAccepted = true;
    await voidAtPayer(state, flow, current, request);
  }
  const uploadedByHand = current !== undefined && inbox.manualFiles.has(current.claimId) && !inbox.claimFixConfirmed.has(current.claimId);
  const note = uploadedByHand
    ? `voided: ${request.reason}; delete the claim from Office Ally's Claim Fix if it was uploaded`
    : `voided: ${request.reason}`;
  await state.setStatus('VOIDED', 'nothing', note, request.actor);
  inbox.voidAccepted = true;
}
