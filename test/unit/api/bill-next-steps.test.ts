/** When a bill escalates and what staff may do now (api/bill-next-steps.ts): pure code over the workflow's own rules. */
import { allowedActions, nextEscalation } from '../../../api/bill-next-steps';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const since = new Date('2026-11-10T12:00:00Z');
const payer = { responseDays: 30, timelyFilingDays: 90 };

describe('nextEscalation', () => {
  it('reminds about Claim Fix 3 hours after the 837P was downloaded, then every day', () => {
    const input = { status: 'AWAITING_CLAIM_FIX' as const, statusSince: since, waitingFor: null, firstDateOfService: '2026-11-02', payer };
    expect(nextEscalation(input, new Date(since.getTime() + HOUR))).toMatchObject({
      reason: 'CLAIM_FIX_NOT_CONFIRMED',
      at: '2026-11-10T15:00:00.000Z',
    });
    expect(nextEscalation(input, new Date(since.getTime() + 5 * HOUR))?.at).toBe('2026-11-11T15:00:00.000Z');
  });

  it("escalates a claim the payer has not answered after the payer's response days", () => {
    const at = nextEscalation(
      { status: 'AWAITING_PRIMARY', statusSince: since, waitingFor: null, firstDateOfService: '2026-11-02', payer },
      since,
    );
    expect(at).toMatchObject({ reason: 'NO_PAYER_RESPONSE', at: new Date(since.getTime() + 30 * DAY).toISOString() });
  });

  it('warns 14 days before the timely filing deadline of a claim not yet sent', () => {
    const at = nextEscalation(
      { status: 'READY_TO_BATCH', statusSince: since, waitingFor: null, firstDateOfService: '2026-11-02', payer },
      since,
    );
    expect(at).toMatchObject({ reason: 'TIMELY_FILING_NEAR', at: '2027-01-17T00:00:00.000Z' });
  });

  it('runs no timer for a closed or voided bill, or a processed one the engine moves on by itself', () => {
    for (const status of ['CLOSED', 'VOIDED', 'PROCESSED'] as const)
      expect(
        nextEscalation({ status, statusSince: since, waitingFor: 'the next claim', firstDateOfService: '2026-11-02', payer }),
      ).toBeNull();
    expect(
      nextEscalation({
        status: 'PROCESSED',
        statusSince: since,
        waitingFor: 'staff to set the secondary claim Ready to Batch',
        firstDateOfService: '2026-11-02',
        payer,
      }),
    ).toMatchObject({ reason: 'STAFF_CONFIRMATION_PENDING' });
  });
});

describe('allowedActions', () => {
  const base = { waitingFor: null, submitsManually: false, anyClaimBatched: false, anyPaymentPosted: false };
  it.each([
    ['DRAFT', base, ['submit', 'correct', 'void']],
    ['READY_TO_BATCH', base, ['batch', 'manual-upload', 'correct', 'void']],
    ['READY_TO_BATCH', { ...base, submitsManually: true }, ['manual-upload', 'correct', 'void']],
    ['AWAITING_CLAIM_FIX', base, ['claim-fix-cleared', 'manual-upload', 'void']],
    ['AWAITING_SECONDARY', { ...base, anyPaymentPosted: true }, ['post-payment', 'attach-remittance']],
    ['REJECTED', base, ['correct', 'resubmit', 'void']],
    ['PROCESSED', { ...base, waitingFor: 'staff to set the secondary claim Ready to Batch', anyPaymentPosted: true }, ['ready-to-batch']],
    ['BATCHED', base, []],
    ['CLOSED', { ...base, anyPaymentPosted: true }, []],
  ] as const)('%s %o -> %o', (status, input, expected) => {
    expect(allowedActions({ status, ...input })).toEqual(expected);
  });
});
