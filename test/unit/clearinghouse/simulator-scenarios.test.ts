import { readFileSync } from 'fs';
import { join } from 'path';
import { read835, type Remittance835 } from '../../../x12/835';
import { read277CA, read999 } from '../../../x12/ack';
import { checkScenario, simulatePayer, type PayerScenario, type SimulatorResult } from '../../../clearinghouse/simulator';

const fixtures = join(__dirname, '../../fixtures/clearinghouse');
/** The primary fixture without its outcome markers (they would win over a scenario). */
const primary837 = readFileSync(join(fixtures, 'primary-837p.x12'), 'latin1')
  .replace(/PCN1002SIMDENY/g, 'PCN1002')
  .replace('SIM-XOVER', 'SECOND VISIT');
const secondary837 = readFileSync(join(fixtures, 'secondary-837p.x12'), 'latin1');
const tertiary837 = readFileSync(join(fixtures, 'tertiary-837p.x12'), 'latin1');
const receivedAt = new Date('2026-11-20T15:00:00Z');

/** The primary fixture's claims all go to ACME1. */
function underScenario(scenario: PayerScenario, text = primary837, payerId = 'ACME1'): SimulatorResult {
  return simulatePayer(text, receivedAt, { scenarios: { [payerId]: scenario } });
}

/** Reads an 835 with the project's reader; every balance holds (no finding at all). */
async function readBalanced(era: string | null | undefined): Promise<Remittance835[]> {
  expect(era).toEqual(expect.any(String));
  const { remittances, envelopeFindings } = await read835(era as string);
  expect(envelopeFindings).toEqual([]);
  for (const r of remittances) {
    expect(r.findings).toEqual([]);
    for (const c of r.claims) expect(c.findings).toEqual([]);
    const plb = r.providerAdjustments.reduce((t, p) => t + p.entries.reduce((s, e) => s + e.amountCents, 0), 0);
    expect(r.payment.totalPaidCents).toBe(r.claims.reduce((t, c) => t + c.paidCents, 0) - plb);
  }
  return remittances;
}

const claimsOf = (rs: Remittance835[]) => rs.flatMap((r) => r.claims);

describe('payer scenarios on the simulator alone', () => {
  it('pays a share: CO-45, deductible and coinsurance, the rest paid', async () => {
    const rs = await readBalanced(underScenario({ kind: 'pays-share' }).era835);
    const pcn1001 = claimsOf(rs).find((c) => c.patientControlNumber === 'PCN1001');
    expect([pcn1001?.status.code, pcn1001?.chargeCents, pcn1001?.paidCents, pcn1001?.patientResponsibilityCents]).toEqual([
      '1',
      25000,
      14000,
      6000,
    ]);
    expect(pcn1001?.serviceLines[0]?.adjustments.map((a) => `${a.group}-${a.reason}`)).toEqual(['CO-45', 'PR-1', 'PR-2']);
  });

  it('pays in full, with check or EFT numbers in BPR/TRN', async () => {
    const rs = await readBalanced(underScenario({ kind: 'pays-full' }).era835);
    const [c1, , c3] = claimsOf(rs);
    expect([c1?.paidCents, c3?.paidCents]).toEqual([25000, 8050]);
    expect(['CHK', 'ACH']).toContain(rs[0]?.payment.method.code);
    expect(rs[0]?.payment.traceNumber).toMatch(/^SIM(CHK|EFT)\d{9}$/);
  });

  it('denies with the reasons and remarks given', async () => {
    const result = underScenario({ kind: 'denies', reasons: ['CO-50', 'CO-151'], remarks: ['N115'] });
    const rs = await readBalanced(result.era835);
    const c1 = claimsOf(rs).find((c) => c.patientControlNumber === 'PCN1001');
    expect([c1?.status.code, c1?.paidCents]).toEqual(['4', 0]);
    expect(c1?.serviceLines.map((l) => l.adjustments.map((a) => `${a.group}-${a.reason}:${a.amountCents}`))).toEqual([
      ['CO-50:15000'],
      ['CO-151:10000'],
    ]);
    expect(c1?.serviceLines[0]?.remarkCodes.map((r) => r.code)).toEqual(['N115']);
    expect(rs[0]?.payment.handling.code).toBe('H');
  });

  it('denies by default with a reason drawn from the claim, the same every time', () => {
    const a = underScenario({ kind: 'denies' }).claims.map((c) => c.adjudication?.lines[0]?.adjustments[0]?.reason);
    const b = underScenario({ kind: 'denies' }).claims.map((c) => c.adjudication?.lines[0]?.adjustments[0]?.reason);
    expect(a).toEqual(b);
    for (const r of a) expect(['50', '96', '204', '197']).toContain(r);
  });

  it('rejects at the 999 with the codes given: no 277CA, no 835', async () => {
    const result = underScenario({ kind: 'rejects-999', codes: ['7', 'I12'] });
    const { acknowledgments } = await read999(result.ack999);
    const set = acknowledgments[0]?.transactionSets[0];
    expect(set?.decision).toBe('rejected');
    expect(set?.segmentErrors[0]?.segmentId).toBe('NM1');
    expect(set?.segmentErrors[0]?.position).toBe(18);
    expect(set?.segmentErrors[0]?.elementErrors.map((e) => e.error.code)).toEqual(['7', 'I12']);
    expect(acknowledgments[0]?.groupStatus.code).toBe('R');
    expect(result.claimAck277).toBeNull();
    expect(result.era835).toBeNull();
  });

  it('rejects at the 277CA with the codes given', async () => {
    const result = underScenario({ kind: 'rejects-277ca', codes: ['562', '128'] });
    expect((await read999(result.ack999)).acknowledgments[0]?.transactionSets[0]?.decision).toBe('accepted');
    const { transactions } = await read277CA(result.claimAck277 as string);
    const claims = transactions.flatMap((t) => t.claims);
    const c1 = claims.find((c) => c.patientControlNumber === 'PCN1001');
    expect(c1?.decision).toBe('rejected');
    expect(c1?.statuses[0]?.codes.map((s) => `${s.category.code}:${s.status.code}:${s.entity?.code}`)).toEqual(['A7:562:85', 'A7:128:85']);
    expect(result.era835).toBeNull();
  });

  it('crosses the claim over to the next payer', async () => {
    const rs = await readBalanced(underScenario({ kind: 'crosses-over' }).era835);
    const c3 = claimsOf(rs).find((c) => c.patientControlNumber === 'PCN1003');
    expect([c3?.status.code, c3?.forwardedToAnotherPayer, c3?.crossoverCarrier?.lastOrOrganizationName]).toEqual([
      '19',
      true,
      'SECOND PLAN',
    ]);
  });

  it('pays late: the 835 comes after N scenario days', async () => {
    const result = simulatePayer(primary837, receivedAt, { scenarios: { ACME1: { kind: 'pays-late', days: 3 } }, dayMs: 60_000 });
    expect(result.laterEras.map((e) => [e.label, e.afterDays])).toEqual([['LATE3', 3]]);
    const late = await readBalanced(result.laterEras[0]?.content);
    expect(claimsOf(late).map((c) => c.patientControlNumber)).toEqual(['PCN1001', 'PCN1002', 'PCN1003']);
    expect(late[0]?.payment.date).toBe('2026-11-20');
  });

  it('never answers: accepted in the 999 and 277CA, then no 835', async () => {
    const result = underScenario({ kind: 'never-answers' });
    const claims = (await read277CA(result.claimAck277 as string)).transactions.flatMap((t) => t.claims);
    expect(claims.map((c) => c.decision)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(result.era835).toBeNull();
    expect(result.laterEras).toEqual([]);
  });

  it('reverses and re-adjudicates: a later 835 takes the share back and pays in full', async () => {
    const result = underScenario({ kind: 'reverses', days: 2 });
    const first = claimsOf(await readBalanced(result.era835)).find((c) => c.patientControlNumber === 'PCN1001');
    expect(first?.paidCents).toBe(14000);
    expect(result.laterEras.map((e) => e.label)).toEqual(['REVERSAL2']);
    const later = claimsOf(await readBalanced(result.laterEras[0]?.content)).filter((c) => c.patientControlNumber === 'PCN1001');
    expect(later.map((c) => [c.status.code, c.isReversal, c.chargeCents, c.paidCents])).toEqual([
      ['22', true, -25000, -14000],
      ['1', false, 25000, 25000],
    ]);
    expect(later[0]?.payerClaimControlNumber).toBe(first?.payerClaimControlNumber);
    expect(later[1]?.payerClaimControlNumber).not.toBe(first?.payerClaimControlNumber);
  });

  it('withholds in a PLB WO, and BPR pays the rest', async () => {
    const rs = await readBalanced(underScenario({ kind: 'pays-full', withholdCents: 1234 }).era835);
    expect(rs[0]?.providerAdjustments[0]?.entries.map((e) => [e.reasonCode, e.amountCents])).toEqual([['WO', 1234]]);
    expect(rs[0]?.payment.totalPaidCents).toBe(25000 + 12000 + 8050 - 1234);
  });

  it('a scenario replays the same for the same claim in another file', () => {
    const other = primary837
      .replace(/000000101/g, '000000901')
      .replace('GS*HC*SUBMITTER01*OFFICEALLY*20261120*1200*101', 'GS*HC*SUBMITTER01*OFFICEALLY*20261121*0800*901');
    const a = underScenario({ kind: 'pays-share' }).claims;
    const b = simulatePayer(other, new Date('2026-11-21T08:00:00Z'), { scenarios: { ACME1: { kind: 'pays-share' } } }).claims;
    expect(b.map((c) => [c.payerClaimControlNumber, c.adjudication?.paidCents])).toEqual(
      a.map((c) => [c.payerClaimControlNumber, c.adjudication?.paidCents]),
    );
  });
});

describe('a simulator that behaves like a payer', () => {
  const void837 = primary837.replace('CLM*PCN1001*250***11:B:1*Y*A*Y*Y~', 'CLM*PCN1001*250***11:B:8*Y*A*Y*Y~\nREF*F8*SIM000000004242~');

  it('a void is acknowledged and its original reversed, never paid', async () => {
    const result = simulatePayer(void837, receivedAt);
    const acks = (await read277CA(result.claimAck277 as string)).transactions.flatMap((t) => t.claims);
    expect(acks.find((c) => c.patientControlNumber === 'PCN1001')?.decision).toBe('accepted');
    const voided = claimsOf(await readBalanced(result.era835)).find((c) => c.patientControlNumber === 'PCN1001');
    expect([voided?.status.code, voided?.isReversal, voided?.chargeCents, voided?.paidCents]).toEqual(['22', true, -25000, -14000]);
    expect(voided?.payerClaimControlNumber).toBe('SIM000000004242');
    expect(result.laterEras).toEqual([]);
  });

  it('a void alone in its 835 pays nothing: the negative balance is carried forward (PLB FB)', async () => {
    const alone = simulatePayer(void837, receivedAt, { outcomes: { byClaimId: { PCN1002: 'rejected', PCN1003: 'rejected' } } });
    const rs = await readBalanced(alone.era835);
    expect(rs[0]?.payment.totalPaidCents).toBe(0);
    expect(rs[0]?.providerAdjustments[0]?.entries.map((e) => [e.reasonCode, e.amountCents])).toEqual([['FB', -14000]]);
  });

  it('a void of a claim the payer never paid gets no 835', () => {
    const result = simulatePayer(void837, receivedAt, { scenarios: { ACME1: { kind: 'rejects-277ca' } } });
    const pcn1001 = result.claims.find((c) => c.claimId === 'PCN1001');
    expect([pcn1001?.outcome, pcn1001?.adjudication]).toEqual(['no-answer', null]);
  });

  it('a secondary pays a share of what the primary left, the rest stays with the patient', async () => {
    const rs = await readBalanced(underScenario({ kind: 'pays-share', shareBasisPoints: 5000 }, secondary837, 'SEC22').era835);
    const c1 = claimsOf(rs)[0];
    expect(c1?.serviceLines.map((l) => [l.paidCents, l.adjustments.map((a) => `${a.group}-${a.reason}:${a.amountCents}`)])).toEqual([
      [2200, ['OA-23:10600', 'PR-2:2200']],
      [800, ['OA-23:8400', 'PR-2:800']],
    ]);
  });

  it('a tertiary pays only what the secondary left, never more than the charge', async () => {
    const result = simulatePayer(tertiary837, receivedAt);
    const c = claimsOf(await readBalanced(result.era835))[0];
    expect([c?.status.code, c?.chargeCents, c?.paidCents]).toEqual(['3', 25000, 3000]);
    expect(c?.serviceLines.map((l) => l.paidCents)).toEqual([2200, 800]);
    // The primary and the secondary paid 140 + 30: the tertiary never pays past the 80 left.
    const fullCharge = tertiary837.replace(/CAS\*PR\*2\*22/, 'CAS*PR*2*500');
    const capped = claimsOf(await readBalanced(simulatePayer(fullCharge, receivedAt).era835))[0];
    expect(capped?.serviceLines[0]?.paidCents).toBe(15000 - 7600 - 2200);
  });
});

describe('checkScenario', () => {
  it('takes each kind and refuses what is not a scenario, at a pointer', () => {
    expect(checkScenario({ kind: 'denies', reasons: ['CO-50'], remarks: ['N115'] })).toEqual([]);
    expect(checkScenario({ kind: 'pays-late', days: 3 })).toEqual([]);
    expect(checkScenario({ kind: 'pays-late' })).toEqual([{ pointer: '/days', message: 'is required for pays-late' }]);
    expect(checkScenario({ kind: 'sometimes' }).map((p) => p.pointer)).toEqual(['/kind']);
    expect(checkScenario({ kind: 'denies', reasons: ['50'], colour: 1 }).map((p) => p.pointer)).toEqual(['/colour', '/reasons/0']);
    expect(checkScenario([]).map((p) => p.pointer)).toEqual(['']);
  });
});
