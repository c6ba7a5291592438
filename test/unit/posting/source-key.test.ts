/** The identity of an ERA claim payment (activities/posting/source-key.ts). */
import { eraSourceKeys, payerKey } from '../../../activities/posting/source-key';
import type { Claim835, Remittance835 } from '../../../x12/835';

type R = Pick<Remittance835, 'payer' | 'payment' | 'claims'>;

function remittance(claims: Partial<Claim835>[], payer: Partial<Remittance835['payer']> = {}): R {
  return {
    payer: { name: 'Blue Payer', ...payer } as Remittance835['payer'],
    payment: { traceNumber: 'EFT123', originatingCompanyId: '1999999999' } as Remittance835['payment'],
    claims: claims.map((c) => ({ patientControlNumber: 'PCN1', payerClaimControlNumber: 'ICN1', status: { code: '1' }, ...c }) as Claim835),
  };
}

it("is payer, trace, our claim number, the payer's claim number and the status", () => {
  expect(eraSourceKeys(remittance([{}]))).toEqual(['era:1999999999:EFT123:PCN1:ICN1:1']);
});

it('prefers the payer identification number, then N1*PR N104, then TRN03, then the name', () => {
  expect(payerKey(remittance([], { payerIdentificationNumber: 'PAYER9' }))).toBe('PAYER9');
  expect(payerKey(remittance([], { id: { qualifier: 'XV', value: 'N104' } }))).toBe('N104');
  const noIds = { ...remittance([]), payment: { traceNumber: 'T' } as Remittance835['payment'] };
  expect(payerKey(noIds)).toBe('name=BLUE PAYER');
});

it('numbers repeats of the same identity in one payment, and keeps a reversal apart', () => {
  expect(eraSourceKeys(remittance([{}, {}, { status: { code: '22' } }]))).toEqual([
    'era:1999999999:EFT123:PCN1:ICN1:1',
    'era:1999999999:EFT123:PCN1:ICN1:1#2',
    'era:1999999999:EFT123:PCN1:ICN1:22',
  ]);
});

it('keeps colons out of the parts', () => {
  expect(eraSourceKeys(remittance([{ patientControlNumber: 'A:B' }]))[0]).toBe('era:1999999999:EFT123:A_B:ICN1:1');
});
