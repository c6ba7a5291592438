/**
 * The void flow of bills already voiding when `void-only-unsent-claims-here` came in. Kept
 * apart so that it can be deleted once no bill that started on it is running (check with
 * `temporal workflow list --query 'BillStatus = "READY_TO_BATCH"'` and the void step).
 */
import { acts } from './proxies';
import type { VoidInput } from './definitions';
import type { BillFlow } from './flow';
import type { BillState } from './state';

export async function voidBillBeforePatch(state: BillState, flow: BillFlow, request: VoidInput): Promise<void> {
  const { inbox, view } = state;
  inbox.voidRequested = undefined;
  const current = inbox.claim;
  const atPayer =
    current !== undefined &&
    (inbox.sentClaims.has(current.claimId) || inbox.claimFixConfirmed.has(current.claimId)) &&
    view.status !== 'PROCESSED';
  if (current && atPayer) {
    const voiding = await flow.openClaim('VOID', { replaces: current.claimId });
    await state.record('void-requested', `void claim ${voiding.claimId} for claim ${current.claimId}: ${request.reason}`, request.actor);
    await state.setStatus('READY_TO_BATCH', 'the next batch, to carry the void claim', `void claim ${voiding.claimId} is Ready to Batch`);
    inbox.voidAccepted = true;
    await state.waitIgnoringVoid(() => inbox.sentClaims.has(voiding.claimId) || inbox.manualFiles.has(voiding.claimId), 'BATCH_NOT_SENT');
    await acts.setClaimStatus({ claimId: current.claimId, status: 'VOIDED', reason: request.reason });
  } else if (current) {
    await acts.setClaimStatus({ claimId: current.claimId, status: 'VOIDED', reason: request.reason });
  }
  await state.setStatus('VOIDED', 'nothing', `voided: ${request.reason}`, request.actor);
  inbox.voidAccepted = true;
}
