/** Whether two remittances for a claim say the same thing (domain/remittance-compare.ts). */
import { compareRemittances, describeDifferences, outcomeOf } from '../../../domain/remittance-compare';

const eob = {
  claimStatusCode: '1',
  paidCents: 12000,
  patientResponsibilityCents: 3000,
  adjustments: [
    { group: 'CO', reason: '45', amountCents: 3500 },
    { group: 'PR', reason: '2', amountCents: 2500 },
    { group: 'CO', reason: '45', amountCents: 1500 },
    { group: 'PR', reason: '2', amountCents: 500 },
  ],
};

it('agrees whatever level the adjustments were keyed at, and whatever CLP02 says of the rank', () => {
  const era = {
    ...eob,
    claimStatusCode: '2',
    adjustments: [
      { group: 'PR', reason: '2', amountCents: 3000 },
      { group: 'CO', reason: '45', amountCents: 5000 },
    ],
  };
  expect(compareRemittances(eob, era)).toEqual([]);
});

it('names what differs, amounts and codes only', () => {
  const era = { ...eob, paidCents: 11000, adjustments: [...eob.adjustments, { group: 'CO', reason: '45', amountCents: 1000 }] };
  const differences = compareRemittances(eob, era);
  expect(differences.map((d) => d.field)).toEqual(['paidCents', 'adjustments']);
  expect(describeDifferences(differences)).toMatch(/paidCents: 12000 posted, 11000 in the ERA/);
});

it('a denial or a forward is another outcome', () => {
  expect(compareRemittances(eob, { ...eob, claimStatusCode: '19' }).map((d) => d.field)).toEqual(['claimStatusCode']);
  expect(outcomeOf('4')).toBe('denied');
  expect(outcomeOf('22')).toBe('reversal');
  expect(outcomeOf('3')).toBe('processed');
});
