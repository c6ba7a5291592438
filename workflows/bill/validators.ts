/**
 * The bill's validators: whether a staff action may happen now, and whether its input is
 * right. A validator that throws refuses the update before it is written to history, so
 * refused actions leave no trace. Each throws a typed refusal (refusals.ts). Pure code over
 * the bill's state.
 */
import { paymentProblems } from './balance';
import { CORRECTABLE_STATUSES, VOID_REASONS, type PostPaymentInput, type VoidInput } from './definitions';
import { invalidInput, wrongState } from './refusals';
import { awaitingStatus, type BillState } from './state';

export function validateSubmit(state: BillState): void {
  const { view, inbox } = state;
  if (view.status !== 'DRAFT' || inbox.submitted) throw wrongState(`the bill is ${view.status}, not a draft: it was submitted already`);
}

export function validateReadyToBatch(state: BillState): void {
  const status = state.view.status;
  if (status === 'READY_TO_BATCH') return;
  if (status !== 'DRAFT' && status !== 'PROCESSED') {
    throw wrongState(`the bill is ${status}: only a draft or a processed bill waiting for its next claim can be set Ready to Batch`);
  }
}

export function validatePayment(state: BillState, payment: PostPaymentInput): void {
  const { view, inbox } = state;
  const awaiting = awaitingStatus(view.rank);
  if (view.status !== awaiting && view.status !== 'CROSSOVER') {
    throw wrongState(`the bill is ${view.status}: a payment can be posted only while it waits for its payer (${awaiting})`);
  }
  if (inbox.postingPayment || inbox.answers.some((a) => a.kind === 'payment')) {
    throw wrongState('a payment for this claim is being posted already: wait for it before posting another');
  }
  if (inbox.voidRequested) throw wrongState('the bill is being voided');
  if (payment.rank && payment.rank !== view.rank) {
    throw invalidInput([{ path: ['rank'], message: `the bill waits for its ${view.rank} payer, not ${payment.rank}` }]);
  }
  const charges = new Map((state.plan?.lines ?? []).map((l) => [l.lineNumber, l.chargeCents]));
  const problems = paymentProblems(payment, charges);
  if (problems.length > 0) throw invalidInput(problems);
}

export function validateHasClaim(state: BillState): void {
  if (!state.inbox.claim) throw wrongState('the bill has no claim yet: submit it first');
}

export function validateManualUpload(state: BillState): void {
  const status = state.view.status;
  if (status !== 'READY_TO_BATCH' && status !== 'AWAITING_CLAIM_FIX') {
    throw wrongState(`the bill is ${status}: its 837P can be downloaded for manual upload only when it is Ready to Batch`);
  }
  if (state.inbox.discrepancies.size > 0) {
    throw wrongState('an ERA differs from the payment posted: choose which adjudication stands before the next claim goes out');
  }
}

export function validateClaimFix(state: BillState): void {
  if (state.view.status !== 'AWAITING_CLAIM_FIX') throw wrongState(`the bill is ${state.view.status}, not Awaiting Claim Fix`);
}

export function validateVoid(state: BillState, request: VoidInput): void {
  const { view, inbox } = state;
  if (state.closed()) throw wrongState(`the bill is ${view.status}: it cannot be voided`);
  if (inbox.voidRequested) throw wrongState('the bill is being voided already');
  if (inbox.hasPayment()) {
    throw wrongState('a payment is posted on the bill: it cannot be voided (correct and resubmit it, or settle a refund with the payer)');
  }
  if (view.status === 'BATCHED') throw wrongState('the claim is being sent right now: void it once the payer has acknowledged it');
  if (!(VOID_REASONS as readonly string[]).includes(request.reason)) {
    throw invalidInput([{ path: ['reason'], message: `must be one of ${VOID_REASONS.join(', ')}` }]);
  }
}

export function validateResubmit(state: BillState): void {
  const { view, inbox } = state;
  const awaiting = awaitingStatus(view.rank);
  if (view.status !== 'REJECTED' && view.status !== awaiting) {
    throw wrongState(`the bill is ${view.status}: only a rejected claim, or one waiting for its payer, can be corrected and resubmitted`);
  }
  if (inbox.resubmitRequested) throw wrongState('a resubmission is under way already');
  if (view.status === awaiting && inbox.claim && !inbox.payerNumbers.has(inbox.claim.claimId)) {
    throw wrongState(
      'the payer has not given its claim number yet (in its 277CA or ERA): a replacement claim needs it; resubmit once it is acknowledged',
    );
  }
}

export function validateCorrection(state: BillState): void {
  const { view, inbox } = state;
  const batched = view.status === 'READY_TO_BATCH' && inbox.claim !== undefined && inbox.batchedClaims.has(inbox.claim.claimId);
  if (!CORRECTABLE_STATUSES.includes(view.status) || batched) {
    throw wrongState(
      `the bill is ${view.status}${batched ? ' and its claim is in a batch' : ''}: its data can be corrected only while it is a draft, Ready to Batch (not yet batched) or Rejected`,
    );
  }
}
