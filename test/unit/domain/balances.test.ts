/** A bill's money (domain/balances.ts): charge = paid + adjustments + balance - credit, payer by payer. */
import fc from 'fast-check';
import { billBalances, type BalancePayment } from '../../../domain/balances';

const at = (n: number) => `2026-11-${String(10 + n).padStart(2, '0')}T00:00:00Z`;
const pay = (
  rank: BalancePayment['rank'],
  paidCents: number,
  patientResponsibilityCents: number,
  n: number,
  extra: Partial<BalancePayment> = {},
): BalancePayment => ({
  rank,
  paidCents,
  patientResponsibilityCents,
  claimStatusCode: '1',
  isReversal: false,
  reversed: false,
  postedAt: at(n),
  ...extra,
});

it('primary pays part, secondary the rest: nothing left, the write-offs are the adjustments', () => {
  const b = billBalances({
    chargeCents: 20000,
    ranks: ['PRIMARY', 'SECONDARY'],
    finished: true,
    payments: [pay('PRIMARY', 12000, 3000, 1), pay('SECONDARY', 3000, 0, 2)],
  });
  expect(b).toMatchObject({
    paidCents: 15000,
    adjustmentsCents: 5000,
    balanceCents: 0,
    creditCents: 0,
    patientResponsibilityCents: 0,
    owedBy: 'NOBODY',
  });
});

it('while the secondary has not answered, what the primary left is owed by a payer', () => {
  const b = billBalances({
    chargeCents: 20000,
    ranks: ['PRIMARY', 'SECONDARY'],
    finished: false,
    payments: [pay('PRIMARY', 12000, 3000, 1)],
  });
  expect(b).toMatchObject({ balanceCents: 3000, owedBy: 'PAYER', patientResponsibilityCents: 3000 });
});

it('a denial leaves the whole charge for the next payer', () => {
  const b = billBalances({
    chargeCents: 20000,
    ranks: ['PRIMARY', 'SECONDARY'],
    finished: false,
    payments: [pay('PRIMARY', 0, 0, 1, { claimStatusCode: '4' })],
  });
  expect(b).toMatchObject({ balanceCents: 20000, adjustmentsCents: 0, owedBy: 'PAYER' });
});

it('a secondary paying more than was left is a credit', () => {
  const b = billBalances({
    chargeCents: 20000,
    ranks: ['PRIMARY', 'SECONDARY'],
    finished: true,
    payments: [pay('PRIMARY', 12000, 3000, 1), pay('SECONDARY', 7000, 0, 2)],
  });
  expect(b).toMatchObject({ paidCents: 19000, creditCents: 4000, adjustmentsCents: 5000, balanceCents: 0 });
});

it('a reversed payment and its reversal count for nothing; the re-adjudication stands', () => {
  const b = billBalances({
    chargeCents: 20000,
    ranks: ['PRIMARY'],
    finished: true,
    payments: [
      pay('PRIMARY', 12000, 3000, 1, { reversed: true }),
      pay('PRIMARY', -12000, -3000, 2, { isReversal: true, claimStatusCode: '22' }),
      pay('PRIMARY', 15000, 0, 3),
    ],
  });
  expect(b).toMatchObject({ paidCents: 15000, balanceCents: 0, adjustmentsCents: 5000, owedBy: 'NOBODY' });
});

it('always adds up, whatever the payers said', () => {
  const answer = fc.record({ paid: fc.integer({ min: -5000, max: 30000 }), pr: fc.integer({ min: 0, max: 30000 }), denied: fc.boolean() });
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50000 }), fc.array(answer, { minLength: 0, maxLength: 3 }), (charge, answers) => {
      const ranks = (['PRIMARY', 'SECONDARY', 'TERTIARY'] as const).slice(0, Math.max(1, answers.length));
      const payments = answers.map((a, i) =>
        pay(ranks[i] ?? 'TERTIARY', a.denied ? 0 : a.paid, a.pr, i, a.denied ? { claimStatusCode: '4' } : {}),
      );
      const b = billBalances({ chargeCents: charge, ranks, finished: true, payments });
      expect(b.chargeCents).toBe(b.paidCents + b.adjustmentsCents + b.balanceCents - b.creditCents);
      expect(b.creditCents).toBeGreaterThanOrEqual(0);
      expect(b.adjustmentsCents).toBeGreaterThanOrEqual(0);
    }),
    { seed: 11, numRuns: 500 },
  );
});
