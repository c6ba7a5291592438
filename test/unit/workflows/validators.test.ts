/**
 * The bill's validators (workflows/bill/validators.ts) over its state: each refusal is typed
 * (WrongState, InvalidInput) and names its fields, so the API never reads a message to decide.
 */
import { ApplicationFailure } from '@temporalio/common';
import { RefusalType, type InvalidInputDetails, type PostPaymentInput } from '../../../workflows/bill/definitions';
import { BillState } from '../../../workflows/bill/state';
import {
  validateClaimFix,
  validateCorrection,
  validatePayment,
  validateReadyToBatch,
  validateResubmit,
  validateSubmit,
  validateVoid,
} from '../../../workflows/bill/validators';

function state(over: Partial<BillState['view']> = {}): BillState {
  const s = new BillState({ billId: 'b1', practiceId: 'p1' });
  Object.assign(s.view, over);
  s.plan = {
    billId: 'b1',
    practiceId: 'p1',
    payers: [],
    autoBatchSecondary: true,
    submitsManually: false,
    firstDateOfService: '2026-11-01',
    totalChargeCents: 10000,
    lines: [{ lineNumber: 1, chargeCents: 10000 }],
  };
  return s;
}

function refusal(run: () => void): ApplicationFailure {
  try {
    run();
  } catch (err) {
    if (err instanceof ApplicationFailure) return err;
    throw err;
  }
  throw new Error('not refused');
}

const denial: PostPaymentInput = {
  actor: 'key:t',
  paidCents: 0,
  patientResponsibilityCents: 0,
  adjudicationDate: '2026-11-20',
  adjustments: [{ group: 'CO', reason: '50', amountCents: 10000 }],
};

it('submit: a draft once, then WrongState', () => {
  const s = state();
  expect(() => validateSubmit(s)).not.toThrow();
  s.inbox.submitted = { actor: 'key:t' };
  expect(refusal(() => validateSubmit(s)).type).toBe(RefusalType.wrongState);
});

it('ready to batch: a draft or a processed bill; anything else is WrongState', () => {
  expect(() => validateReadyToBatch(state())).not.toThrow();
  expect(() => validateReadyToBatch(state({ status: 'PROCESSED' }))).not.toThrow();
  expect(() => validateReadyToBatch(state({ status: 'READY_TO_BATCH' }))).not.toThrow();
  expect(refusal(() => validateReadyToBatch(state({ status: 'SUBMITTED' }))).type).toBe(RefusalType.wrongState);
});

it('payment: WrongState unless the bill waits for its payer; InvalidInput with fields for a bad payment', () => {
  expect(refusal(() => validatePayment(state(), denial)).type).toBe(RefusalType.wrongState);
  const waiting = state({ status: 'AWAITING_PRIMARY' });
  expect(() => validatePayment(waiting, denial)).not.toThrow();
  const bad = refusal(() => validatePayment(waiting, { ...denial, lines: [{ lineNumber: 7, paidCents: 0, adjustments: [] }] }));
  expect(bad.type).toBe(RefusalType.invalidInput);
  const details = bad.details?.[0] as InvalidInputDetails;
  expect(details.fields.map((f) => f.path)).toContainEqual(['lines', 0, 'lineNumber']);
  const wrongRank = refusal(() => validatePayment(waiting, { ...denial, rank: 'SECONDARY' }));
  expect(wrongRank.type).toBe(RefusalType.invalidInput);
  expect((wrongRank.details?.[0] as InvalidInputDetails).fields[0]!.path).toEqual(['rank']);
});

it('payment: one at a time', () => {
  const s = state({ status: 'AWAITING_PRIMARY' });
  s.inbox.postingPayment = true;
  expect(refusal(() => validatePayment(s, denial)).type).toBe(RefusalType.wrongState);
});

it('void: refused once a payment is posted, while batched, for a closed bill; a reason outside the codes is InvalidInput', () => {
  const s = state({ status: 'AWAITING_PRIMARY' });
  expect(() => validateVoid(s, { actor: 'k', reason: 'DUPLICATE' })).not.toThrow();
  expect(refusal(() => validateVoid(s, { actor: 'k', reason: 'because' as never })).type).toBe(RefusalType.invalidInput);
  s.inbox.handledPayments.add('pay-1');
  expect(refusal(() => validateVoid(s, { actor: 'k', reason: 'DUPLICATE' })).message).toMatch(/payment is posted/);
  expect(refusal(() => validateVoid(state({ status: 'BATCHED' }), { actor: 'k', reason: 'DUPLICATE' })).type).toBe(RefusalType.wrongState);
  expect(refusal(() => validateVoid(state({ status: 'CLOSED' }), { actor: 'k', reason: 'DUPLICATE' })).type).toBe(RefusalType.wrongState);
});

it('resubmit: a rejected claim, or one at the payer once the payer gave its claim number', () => {
  expect(() => validateResubmit(state({ status: 'REJECTED' }))).not.toThrow();
  const waiting = state({ status: 'AWAITING_PRIMARY' });
  waiting.inbox.claim = { claimId: 'c1', patientControlNumber: 'P1', payerCode: 'X' };
  expect(refusal(() => validateResubmit(waiting)).message).toMatch(/claim number/);
  waiting.inbox.payerNumbers.set('c1', 'PAYER-1');
  expect(() => validateResubmit(waiting)).not.toThrow();
});

it('correction: a draft, Ready to Batch not yet batched, or Rejected', () => {
  expect(() => validateCorrection(state())).not.toThrow();
  expect(refusal(() => validateCorrection(state({ status: 'SUBMITTED' }))).type).toBe(RefusalType.wrongState);
  const batched = state({ status: 'READY_TO_BATCH' });
  batched.inbox.claim = { claimId: 'c1', patientControlNumber: 'P1', payerCode: 'X' };
  batched.inbox.batchedClaims.set('c1', 'batch-1');
  expect(refusal(() => validateCorrection(batched)).message).toMatch(/in a batch/);
});

it('claim fix: only while Awaiting Claim Fix', () => {
  expect(() => validateClaimFix(state({ status: 'AWAITING_CLAIM_FIX' }))).not.toThrow();
  expect(refusal(() => validateClaimFix(state({ status: 'READY_TO_BATCH' }))).type).toBe(RefusalType.wrongState);
});
