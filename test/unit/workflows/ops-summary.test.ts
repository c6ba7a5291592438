/** What ops read in the Temporal UI: rendered from the bill's plan and view, no patient data, the same every time. */
import fc from 'fast-check';
import type { BillPlan, BillView } from '../../../workflows/bill/definitions';
import {
  BILL_ACTIVITY_SUMMARIES,
  batchSummary,
  billCurrentDetails,
  billHeadlineFromPlan,
  billStaticDetails,
  billStaticSummary,
  dollars,
  escalationTimerSummary,
  syncCurrentDetails,
  when,
} from '../../../workflows/ops-summary';

const plan: BillPlan = {
  billId: '3f2a9c1e-0b7d-4c55-9e21-6d1f0a2b3c4d',
  practiceId: '9a8b7c6d-1111-4222-8333-944455556666',
  payers: [
    { rank: 'PRIMARY', policyId: 'pol-1', payerId: 'pay-1', payerCode: 'ACME1', responseDays: 30, timelyFilingDays: 180 },
    { rank: 'SECONDARY', policyId: 'pol-2', payerId: 'pay-2', payerCode: 'BCN1', responseDays: 45, timelyFilingDays: 365 },
  ],
  autoBatchSecondary: true,
  submitsManually: false,
  firstDateOfService: '2026-11-02',
  totalChargeCents: 2_000_050,
  lines: [
    { lineNumber: 1, chargeCents: 1_500_000 },
    { lineNumber: 2, chargeCents: 500_050 },
  ],
};

const view: BillView = {
  billId: plan.billId,
  status: 'AWAITING_PRIMARY',
  rank: 'PRIMARY',
  claimId: 'c0ffee00-aaaa-4bbb-8ccc-dddddddddddd',
  payerCode: 'ACME1',
  needsAttention: true,
  attentionReason: 'NO_PAYER_RESPONSE',
  attentionSince: '2026-12-02T10:00:00.000Z',
  waitingSince: '2026-11-02T09:15:42.123Z',
  waitingFor: "the primary payer's ERA or EOB",
  manualUpload: false,
  flags: [
    {
      reason: 'NO_PAYER_RESPONSE',
      since: '2026-12-02T10:00:00.000Z',
      detail: 'the payer has not answered',
      sticky: false,
      key: 'NO_PAYER_RESPONSE',
    },
  ],
  steps: [
    {
      at: '2026-12-02T10:00:00.000Z',
      status: 'AWAITING_PRIMARY',
      rank: 'PRIMARY',
      note: 'the payer has not answered the claim',
      actor: 'system',
    },
  ],
};

it('writes money and times as staff read them', () => {
  expect(dollars(2_000_050)).toBe('$20,000.50');
  expect(dollars(5)).toBe('$0.05');
  expect(dollars(-1234)).toBe('-$12.34');
  expect(when('2026-11-02T09:15:42.123Z')).toBe('2026-11-02 09:15 UTC');
  expect(when('2026-11-02T09:15:42.123Z', true)).toBe('2026-11-02 09:15:42 UTC');
});

it('sums a bill up in one line: number, practice, payer chain, total charge', () => {
  const headline = billHeadlineFromPlan(plan, { practiceName: 'Harbor Counseling' });
  expect(billStaticSummary(headline)).toBe('Bill 3f2a9c1e · Harbor Counseling · ACME1 → BCN1 · $20,000.50');
  expect(billStaticSummary(billHeadlineFromPlan(plan))).toBe('Bill 3f2a9c1e · practice 9a8b7c6d · ACME1 → BCN1 · $20,000.50');
  expect(billStaticSummary({ ...headline, payers: [] })).toContain('no payer');
});

it("details the bill's fixed facts in markdown, without its date of service", () => {
  const details = billStaticDetails(
    billHeadlineFromPlan(plan, { practiceName: 'Harbor *Counseling*', payerNames: { ACME1: 'Acme Health' } }),
  );
  expect(details).toContain(`**Bill** \`${plan.billId}\``);
  expect(details).toContain('**Practice** Harbor \\*Counseling\\*');
  expect(details).toContain('**Total charge** $20,000.50 on 2 lines');
  expect(details).toContain('1. primary: `ACME1` Acme Health (answer expected within 30 days, timely filing 180 days)');
  expect(details).toContain('2. secondary: `BCN1` (answer expected within 45 days, timely filing 365 days)');
  expect(details).not.toContain(plan.firstDateOfService);
});

it('tells what the bill waits for, since when, why it needs attention, and when it escalates next', () => {
  const details = billCurrentDetails(view, { reason: 'NO_PAYER_RESPONSE', at: '2026-12-09T10:00:00.000Z' });
  expect(details.split('\n').filter((l) => l !== '')).toEqual([
    "**Awaiting primary**: waiting for the primary payer's ERA or EOB since 2026-11-02 09:15 UTC",
    '**Claim** `c0ffee00-aaaa-4bbb-8ccc-dddddddddddd` (primary, payer `ACME1`)',
    '**Needs attention** since 2026-12-02 10:00 UTC: the payer has not answered the claim',
    '**Escalates** 2026-12-09 10:00 UTC, if nothing happens: the payer has not answered the claim (`NO_PAYER_RESPONSE`)',
    '**Last step** 2026-12-02 10:00 UTC: the payer has not answered the claim (by `system`)',
  ]);
  expect(billCurrentDetails({ ...view, needsAttention: false, status: 'CLOSED', waitingFor: 'nothing', steps: [] })).toBe(
    '**Closed**: waiting for nothing since 2026-11-02 09:15 UTC\n\n**Claim** `c0ffee00-aaaa-4bbb-8ccc-dddddddddddd` (primary, payer `ACME1`)',
  );
  expect(billCurrentDetails({ ...view, needsAttention: false })).toContain('No escalation timer runs now.');
});

it('renders the same text for the same input, and never more than the view holds (property)', () => {
  const iso = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  fc.assert(
    fc.property(fc.string(), iso, fc.boolean(), (note, at, attention) => {
      const v: BillView = { ...view, needsAttention: attention, steps: [{ ...view.steps[0]!, note, at }] };
      const once = billCurrentDetails(v, { reason: 'TIMELY_FILING_NEAR', at });
      expect(billCurrentDetails(v, { reason: 'TIMELY_FILING_NEAR', at })).toBe(once);
      expect(once).toContain(when(at));
      // Free text cannot break out into markdown formatting: every backtick and asterisk of it is escaped.
      const lastStep = (once.split('\n').find((l) => l.startsWith('**Last step**')) ?? '').replace(/\\./g, '');
      expect([...lastStep].filter((c) => c === '*').length).toBe(4);
      expect([...lastStep].filter((c) => c === '`').length).toBe(2);
    }),
  );
});

it('labels the timers and activities a bill waits on', () => {
  expect(escalationTimerSummary('NO_PAYER_RESPONSE', 'PRIMARY')).toBe('no answer from the primary payer: escalate');
  expect(escalationTimerSummary('TIMELY_FILING_NEAR', 'SECONDARY')).toBe('timely filing deadline of the secondary payer: warn');
  expect(escalationTimerSummary('CLAIM_FIX_NOT_CONFIRMED')).toBe('Claim Fix reminder');
  for (const summary of Object.values(BILL_ACTIVITY_SUMMARIES)) expect(summary.length).toBeLessThan(60);
});

it('sums up the sync and the batches', () => {
  expect(
    syncCurrentDetails(
      { at: '2026-11-30T06:00:00.000Z', outcome: 'ok', files: 3, failedFiles: 1, events: 12 },
      '2026-11-30T06:00:15.000Z',
      4,
    ),
  ).toBe(
    '**Last poll** 2026-11-30 06:00:00 UTC: 3 files (1 failed), 12 bill events\n\n**Next poll** 2026-11-30 06:00:15 UTC\n\n**Rounds in this run** 4 (the workflow continues as new to keep its history short)',
  );
  expect(
    syncCurrentDetails(
      { at: '2026-11-30T06:00:00.000Z', outcome: 'failed', files: 0, failedFiles: 0, events: 0, error: 'sftp *down*' },
      '2026-11-30T06:05:00.000Z',
      1,
    ),
  ).toContain('failed: sftp \\*down\\*');
  expect(batchSummary({ practiceId: plan.practiceId, trigger: 'schedule' })).toBe("Batch for practice 9a8b7c6d (the practice's schedule)");
  expect(batchSummary({ practiceId: plan.practiceId, practiceName: 'Harbor Counseling', trigger: 'staff' })).toBe(
    'Batch for Harbor Counseling (asked for by staff)',
  );
});
