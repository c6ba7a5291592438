/** The EOB form's live check (web/src/lib/eob.ts) and its money parsing: pure code, no browser. */
import { checkEob, type LineDraft } from '../../../web/src/lib/eob';
import { formatCents, parseDollars } from '../../../web/src/lib/money';

const lines = (l1: Partial<LineDraft>, l2: Partial<LineDraft>): LineDraft[] => [
  { lineNumber: 1, procedureCode: '90837', chargeCents: 15000, paid: '', adjustments: [], ...l1 },
  { lineNumber: 2, procedureCode: '90785', chargeCents: 5000, paid: '', adjustments: [], ...l2 },
];

describe('parseDollars and formatCents', () => {
  it.each([
    ['120', 12000],
    ['120.5', 12050],
    ['$1,200.05', 120005],
    [' 0.00 ', 0],
    ['.5', undefined],
    ['12.345', undefined],
    ['-3.00', undefined],
    ['abc', undefined],
    ['1,20', undefined],
  ])('%s -> %s cents', (text, cents) => expect(parseDollars(text)).toBe(cents));

  it('takes negative amounts only where allowed (an adjustment can be negative)', () => {
    expect(parseDollars('-3.00', true)).toBe(-300);
  });

  it('shows cents as dollars without floating point', () => {
    expect([formatCents(0), formatCents(5), formatCents(123456789), formatCents(-1050)]).toEqual([
      '$0.00',
      '$0.05',
      '$1,234,567.89',
      '-$10.50',
    ]);
  });
});

describe('checkEob', () => {
  it('passes a partial payment whose lines and claim balance, and sums patient responsibility from the PR adjustments', () => {
    const check = checkEob(
      lines(
        {
          paid: '100.00',
          adjustments: [
            { group: 'CO', reason: '45', amount: '20.00' },
            { group: 'PR', reason: '2', amount: '30.00' },
          ],
        },
        { paid: '40', adjustments: [{ group: 'CO', reason: '45', amount: '10' }] },
      ),
      [],
    );
    expect(check.ok).toBe(true);
    expect(check.lines.map((l) => l.offByCents)).toEqual([0, 0]);
    expect(check.parsed).toEqual({
      paidCents: 14000,
      patientResponsibilityCents: 3000,
      adjustments: [],
      lines: [
        {
          lineNumber: 1,
          paidCents: 10000,
          adjustments: [
            { group: 'CO', reason: '45', amountCents: 2000 },
            { group: 'PR', reason: '2', amountCents: 3000 },
          ],
        },
        { lineNumber: 2, paidCents: 4000, adjustments: [{ group: 'CO', reason: '45', amountCents: 1000 }] },
      ],
    });
  });

  it('says by how much a line is off, and sends nothing', () => {
    const check = checkEob(lines({ paid: '150' }, { paid: '40', adjustments: [{ group: 'CO', reason: '45', amount: '5' }] }), []);
    expect(check.ok).toBe(false);
    expect(check.parsed).toBeUndefined();
    expect(check.lines[1]?.offByCents).toBe(500);
    expect(check.problems).toEqual(['Line 2 does not balance', 'The claim does not balance']);
  });

  it('refuses a missing reason or an amount that is not one, naming the line and the adjustment', () => {
    const check = checkEob(lines({ paid: '150' }, { paid: '0', adjustments: [{ group: 'CO', reason: '', amount: '5O' }] }), []);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      'Line 2, adjustment 1: the reason code is missing or not a CARC',
      'Line 2, adjustment 1: the amount is not an amount',
    ]);
    expect(check.paidCents).toBeUndefined();
  });

  it('balances a denial ($0) by its adjustments, with claim-level adjustments counted in the claim', () => {
    const check = checkEob(
      lines({ paid: '0.00', adjustments: [{ group: 'PR', reason: '204', amount: '150.00' }] }, { paid: '0.00', adjustments: [] }),
      [{ group: 'CO', reason: '96', amount: '50.00' }],
    );
    // Line 2 itself is off: every line must balance on its own.
    expect(check.lines[1]?.offByCents).toBe(5000);
    expect(check.ok).toBe(false);
    const fixed = checkEob(
      lines(
        { paid: '0.00', adjustments: [{ group: 'PR', reason: '204', amount: '150.00' }] },
        { paid: '0.00', adjustments: [{ group: 'CO', reason: '96', amount: '50.00' }] },
      ),
      [],
    );
    expect(fixed.ok).toBe(true);
    expect(fixed.parsed?.patientResponsibilityCents).toBe(15000);
    expect(fixed.parsed?.paidCents).toBe(0);
  });
});
