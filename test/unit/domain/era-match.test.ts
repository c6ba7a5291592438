/** Whether a queued ERA claim fits the claim staff chose (domain/era-match.ts): misfits named, no patient data quoted. */
import { eraMatchProblems } from '../../../domain/era-match';

const claim = {
  clientLastName: "O'Brien",
  clientFirstName: 'Maeve',
  memberId: 'ABC-123-456',
  chargeCents: 20000,
  payerCode: 'ACME01',
  payerName: 'Acme Health',
  datesOfService: ['2026-11-02'],
};
const era = {
  patientLastName: 'OBRIEN',
  patientFirstName: 'M',
  memberIds: ['abc123456'],
  chargeCents: 20000,
  payerIds: ['ACME01'],
  payerName: 'ACME HEALTH PLAN',
  datesOfService: ['2026-11-02'],
};

it('fits: names and ids compared without punctuation or case', () => {
  expect(eraMatchProblems(era, claim)).toEqual([]);
});

it('names each misfit by its field, without quoting patient data', () => {
  const problems = eraMatchProblems(
    {
      ...era,
      patientLastName: 'Smith',
      memberIds: ['ZZ9'],
      chargeCents: 15000,
      payerIds: ['OTHER'],
      payerName: 'Other',
      datesOfService: ['2026-10-01'],
    },
    claim,
  );
  expect(problems.map((p) => p.path.join('/'))).toEqual(['patient/name', 'patient/memberId', 'chargeCents', 'payer', 'datesOfService']);
  expect(JSON.stringify(problems)).not.toMatch(/Smith|ZZ9|OBrien|2026-10-01/i);
  expect(problems.find((p) => p.path[0] === 'chargeCents')?.message).toMatch(/\$150\.00.*\$200\.00/);
});

it('what the ERA does not say is not a misfit', () => {
  expect(
    eraMatchProblems({ memberIds: [], chargeCents: 20000, payerIds: [], payerName: 'Acme Health', datesOfService: [] }, claim),
  ).toEqual([]);
});
