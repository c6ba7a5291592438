/** A correction checked against the bill (domain/bill-correction.ts): the API's quick answer and the activity's final one. */
import { checkCorrection, normaliseDiagnosisCode } from '../../../domain/bill-correction';

const bill = {
  diagnosisCodes: ['F411', 'Z1331'],
  lines: [
    { lineNumber: 1, diagnosisPointers: [1] },
    { lineNumber: 2, diagnosisPointers: [1, 2] },
  ],
  paid: false,
};

it('accepts a correction that fits the bill', () => {
  expect(checkCorrection(bill, { placeOfService: '02', serviceLines: [{ lineNumber: 2, chargeCents: 900 }] })).toEqual({ fields: [] });
});

it('names an unknown line', () => {
  expect(checkCorrection(bill, { serviceLines: [{ lineNumber: 5, units: 2 }] }).fields).toEqual([
    { path: ['serviceLines', 0, 'lineNumber'], message: 'the bill has no line 5' },
  ]);
});

it('names a pointer past the diagnoses, on the line changed or on the diagnosis list that shrank', () => {
  expect(checkCorrection(bill, { serviceLines: [{ lineNumber: 1, diagnosisPointers: [3] }] }).fields[0]!.path).toEqual([
    'serviceLines',
    0,
    'diagnosisPointers',
    0,
  ]);
  expect(checkCorrection(bill, { diagnosisCodes: ['F411'] }).fields[0]).toEqual({
    path: ['diagnosisCodes'],
    message: 'line 2 points at diagnosis 2; the bill has 1',
  });
});

it('a charge cannot change once a payment is posted: a state refusal, not a field one', () => {
  const verdict = checkCorrection({ ...bill, paid: true }, { serviceLines: [{ lineNumber: 1, chargeCents: 100 }] });
  expect(verdict.fields).toEqual([]);
  expect(verdict.wrongState).toMatch(/charge cannot change/);
  expect(checkCorrection({ ...bill, paid: true }, { placeOfService: '02' }).wrongState).toBeUndefined();
});

it('diagnosis codes lose their dot', () => {
  expect(normaliseDiagnosisCode('F41.1')).toBe('F411');
});
