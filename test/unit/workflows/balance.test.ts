/** The checks of a hand-posted payment (workflows/bill/balance.ts): each problem names its field. */
import { paymentProblems } from '../../../workflows/bill/balance';
import type { PostPaymentInput } from '../../../workflows/bill/definitions';

const charges = new Map([
  [1, 15000],
  [2, 5000],
]);

function payment(over: Partial<PostPaymentInput> = {}): PostPaymentInput {
  return {
    actor: 'key:test',
    paidCents: 12000,
    patientResponsibilityCents: 2000,
    adjudicationDate: '2026-11-20',
    adjustments: [],
    lines: [
      {
        lineNumber: 1,
        paidCents: 9000,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 4000 },
          { group: 'PR', reason: '2', amountCents: 2000 },
        ],
      },
      { lineNumber: 2, paidCents: 3000, adjustments: [{ group: 'CO', reason: '45', amountCents: 2000 }] },
    ],
    ...over,
  };
}

const paths = (p: PostPaymentInput) => paymentProblems(p, charges).map((x) => x.path.join('/'));

it('accepts a payment whose lines and claim balance and whose PR adjustments are the patient responsibility', () => {
  expect(paymentProblems(payment(), charges)).toEqual([]);
});

it('accepts a denial: $0 paid with claim-level adjustments for the whole charge', () => {
  const denial = payment({
    paidCents: 0,
    patientResponsibilityCents: 0,
    lines: undefined,
    adjustments: [{ group: 'CO', reason: '50', amountCents: 20000 }],
  });
  expect(paymentProblems(denial, charges)).toEqual([]);
});

it('names a line that does not balance', () => {
  const p = payment();
  p.lines![0]!.paidCents = 9100;
  p.paidCents = 12100;
  expect(paths(p)).toEqual(['lines/0']);
  expect(paymentProblems(p, charges)[0]!.message).toMatch(/does not balance: charge 15000 != paid 9100/);
});

it('names an unknown line number, a line listed twice and a line missing', () => {
  const unknown = payment();
  unknown.lines![1]!.lineNumber = 9;
  expect(paths(unknown)).toEqual(['lines/1/lineNumber', 'lines', 'paidCents']);
  const twice = payment();
  twice.lines![1]!.lineNumber = 1;
  expect(paths(twice)).toContain('lines/1/lineNumber');
});

it('names bad adjustment codes and amounts with their place', () => {
  const p = payment({ adjustments: [{ group: 'XX' as never, reason: 'toolong1', amountCents: 1.5 }] });
  expect(paths(p)).toEqual(['adjustments/0/group', 'adjustments/0/reason', 'adjustments/0/amountCents']);
});

it('refuses negative or fractional cents and an impossible adjudication date', () => {
  expect(paths(payment({ paidCents: -1 }))).toContain('paidCents');
  expect(paths(payment({ patientResponsibilityCents: 0.5 }))).toContain('patientResponsibilityCents');
  expect(paths(payment({ adjudicationDate: '2026-02-30' }))).toContain('adjudicationDate');
});

it('refuses a claim that does not balance, and a patient responsibility that is not the PR adjustments', () => {
  const unbalanced = payment({ lines: undefined, adjustments: [{ group: 'CO', reason: '45', amountCents: 100 }] });
  expect(paths(unbalanced)).toEqual(['adjustments']);
  const wrongPr = payment({ patientResponsibilityCents: 1999 });
  expect(paths(wrongPr)).toEqual(['patientResponsibilityCents']);
});
