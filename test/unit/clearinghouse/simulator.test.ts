import { readFileSync } from 'fs';
import { join } from 'path';
import { parseCents } from '../../../x12/common/money';
import { chooseOutcome, read837p, simulatePayer, SimulatorInputError, type SimClaim } from '../../../clearinghouse/simulator';

const fixtures = join(__dirname, '../../fixtures/clearinghouse');
const primary837 = readFileSync(join(fixtures, 'primary-837p.x12'), 'latin1');
const secondary837 = readFileSync(join(fixtures, 'secondary-837p.x12'), 'latin1');
const receivedAt = new Date('2026-11-20T15:00:00Z');

/** A reader of our own for the assertions: segments as element arrays. */
function segments(text: string): string[][] {
  return text
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => s.split('*'));
}

function all(text: string, id: string): string[][] {
  return segments(text).filter((s) => s[0] === id);
}

function at(seg: string[] | undefined, n: number): string {
  return seg?.[n] ?? '';
}

interface EraClaim {
  clp: string[];
  claimCas: string[][];
  lines: Array<{ svc: string[]; cas: string[][]; refs: string[][] }>;
  nm1: string[][];
}

function eraClaims(text: string): EraClaim[] {
  const claims: EraClaim[] = [];
  let claim: EraClaim | null = null;
  for (const s of segments(text)) {
    if (s[0] === 'CLP') {
      claim = { clp: s, claimCas: [], lines: [], nm1: [] };
      claims.push(claim);
    } else if (s[0] === 'SE') {
      claim = null;
    } else if (claim) {
      const line = claim.lines[claim.lines.length - 1];
      if (s[0] === 'SVC') claim.lines.push({ svc: s, cas: [], refs: [] });
      else if (s[0] === 'CAS') (line ? line.cas : claim.claimCas).push(s);
      else if (s[0] === 'REF' && line) line.refs.push(s);
      else if (s[0] === 'NM1') claim.nm1.push(s);
    }
  }
  return claims;
}

function casTotal(cas: string[][], group?: string): number {
  let total = 0;
  for (const s of cas) {
    if (group && s[1] !== group) continue;
    for (let i = 3; i < s.length; i += 3) if (s[i]) total += parseCents(s[i] as string);
  }
  return total;
}

function casReasons(cas: string[][]): string[] {
  const out: string[] = [];
  for (const s of cas) for (let i = 2; i < s.length; i += 3) if (s[i]) out.push(`${s[1]}-${s[i]}:${s[i + 1]}`);
  return out;
}

/** Checks every balancing rule of an 835 and returns its claims. */
function expectBalanced(era: string): EraClaim[] {
  const claims = eraClaims(era);
  // One transaction per payer: BPR02 = the sum of its CLP04.
  let paidInTransaction = 0;
  let bpr: string[] | null = null;
  for (const s of segments(era)) {
    if (s[0] === 'BPR') {
      bpr = s;
      paidInTransaction = 0;
    }
    if (s[0] === 'CLP') paidInTransaction += parseCents(at(s, 4));
    if (s[0] === 'SE') expect(parseCents(at(bpr ?? undefined, 2))).toBe(paidInTransaction);
  }
  for (const c of claims) {
    const charge = parseCents(at(c.clp, 3));
    const paid = parseCents(at(c.clp, 4));
    const lineCas = c.lines.reduce((t, l) => t + casTotal(l.cas), 0);
    expect(charge).toBe(paid + casTotal(c.claimCas) + lineCas);
    const patient = at(c.clp, 5) === '' ? 0 : parseCents(at(c.clp, 5));
    expect(patient).toBe(casTotal(c.claimCas, 'PR') + c.lines.reduce((t, l) => t + casTotal(l.cas, 'PR'), 0));
    for (const l of c.lines) expect(parseCents(at(l.svc, 2))).toBe(parseCents(at(l.svc, 3)) + casTotal(l.cas));
  }
  return claims;
}

function expectEnvelope(text: string, version: string): void {
  expect(text.indexOf('~')).toBe(105);
  const segs = segments(text);
  expect(at(segs[0], 6).trim()).toBe('SIMULATOR');
  expect(at(segs[1], 2)).toBe('SIMULATOR');
  expect(at(segs[1], 8)).toBe(version);
  let start = -1;
  segs.forEach((s, i) => {
    if (s[0] === 'ST') start = i;
    if (s[0] === 'SE') {
      expect(Number(at(s, 1))).toBe(i - start + 1);
      expect(at(s, 2)).toBe(at(segs[start], 2));
    }
  });
  expect(at(segs[segs.length - 1], 2)).toBe(at(segs[0], 13));
}

describe('read837p', () => {
  it('reads claims, ranks, patients, lines and prior payments', () => {
    const file = read837p(primary837);
    expect(file.interchange.controlNumber).toBe('000000101');
    expect(file.groups[0]?.controlNumber).toBe('101');
    const claims = file.groups.flatMap((g) => g.transactions.flatMap((t) => t.claims));
    expect(claims.map((c) => c.claimId)).toEqual(['PCN1001', 'PCN1002SIMDENY', 'PCN1003']);
    expect(claims.map((c) => c.payerRank)).toEqual(['P', 'P', 'P']);
    expect(claims[0]?.lines.map((l) => [l.chargeCents, l.lineControl])).toEqual([
      [15000, 'PCN1001L1'],
      [10000, 'PCN1001L2'],
    ]);
    expect(claims[2]?.patient.last).toBe('SMALL');
    expect(claims[2]?.patient.first).toBe('SAM');
    expect(claims[2]?.subscriber.memberId).toBe('MEM0003');
    expect(claims[2]?.otherPayers).toEqual([{ rank: 'S', name: 'SECOND PLAN', id: 'SEC22' }]);
    expect(claims[2]?.lines[0]?.procedure).toEqual(['HC', '90832', '95']);

    const secondary = read837p(secondary837).groups[0]?.transactions[0]?.claims ?? [];
    expect(secondary[0]?.payerRank).toBe('S');
    expect(secondary[0]?.payer).toEqual({ name: 'SECOND PLAN', id: 'SEC22' });
    expect(secondary[0]?.prior?.paidCents).toBe(14000);
    expect(secondary[0]?.lines[0]?.prior).toEqual({
      paidCents: 7600,
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 3000 },
        { group: 'PR', reason: '1', amountCents: 2500 },
        { group: 'PR', reason: '2', amountCents: 1900 },
      ],
    });
    expect(secondary[1]?.prior).toEqual({
      paidCents: 10000,
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 4000 },
        { group: 'PR', reason: '1', amountCents: 6000 },
      ],
    });
  });

  it('refuses what is not an 837P, without quoting its content', () => {
    expect(() => read837p('hello JANE DOE')).toThrow(SimulatorInputError);
    const noClaims = primary837.replace(/CLM\*[^~]*~/g, '');
    expect(() => read837p(noClaims)).toThrow(/outside a claim/);
    const headerOnly = primary837.replace(/HL\*2\*[\s\S]*(?=SE\*)/, '');
    expect(() => read837p(headerOnly)).toThrow(/no claim/);
    const badAmount = primary837.replace('CLM*PCN1001*250*', 'CLM*PCN1001*DOE*');
    try {
      read837p(badAmount);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(SimulatorInputError);
      expect((error as Error).message).not.toMatch(/DOE|JANE|PCN1001/);
    }
  });
});

describe('chooseOutcome', () => {
  const claim = (over: Partial<SimClaim>): SimClaim => ({
    ...(read837p(primary837).groups[0]?.transactions[0]?.claims[0] as SimClaim),
    ...over,
  });

  it('defaults: primary paid in part, secondary paid the remainder', () => {
    expect(chooseOutcome(claim({ payerRank: 'P' }))).toBe('paid-in-part');
    expect(chooseOutcome(claim({ payerRank: 'S' }))).toBe('paid-remainder');
    expect(chooseOutcome(claim({ payerRank: 'S' }), { defaultSecondary: 'paid-in-full' })).toBe('paid-in-full');
  });

  it('markers in CLM01 or a note apply to the rank they name', () => {
    expect(chooseOutcome(claim({ claimId: 'B1SIMDENY', payerRank: 'P' }))).toBe('denied');
    expect(chooseOutcome(claim({ claimId: 'B1SIMDENY', payerRank: 'S' }))).toBe('paid-remainder');
    expect(chooseOutcome(claim({ claimId: 'B1SIM2REJ', payerRank: 'S' }))).toBe('rejected');
    expect(chooseOutcome(claim({ claimId: 'B1SIM2REJ', payerRank: 'P' }))).toBe('paid-in-part');
    expect(chooseOutcome(claim({ notes: ['please SIM-XOVER'] }))).toBe('crossover');
    expect(chooseOutcome(claim({ notes: ['sim_paid'] }))).toBe('paid-in-full');
  });

  it('a configured map wins over markers', () => {
    const c = claim({ claimId: 'B2SIMDENY' });
    expect(chooseOutcome(c, { byClaimId: { B2SIMDENY: 'rejected' } })).toBe('rejected');
    expect(chooseOutcome(c, { byClaimId: { B2SIMDENY: { secondary: 'denied' } } })).toBe('denied');
    expect(chooseOutcome({ ...c, payerRank: 'S' }, { byClaimId: { B2SIMDENY: { secondary: 'paid-in-full' } } })).toBe('paid-in-full');
  });
});

describe('simulatePayer on a primary 837P', () => {
  const result = simulatePayer(primary837, receivedAt);

  it('chooses each claim its outcome', () => {
    expect(result.claims.map((c) => [c.claimId, c.outcome])).toEqual([
      ['PCN1001', 'paid-in-part'],
      ['PCN1002SIMDENY', 'denied'],
      ['PCN1003', 'crossover'],
    ]);
    for (const c of result.claims) expect(c.payerClaimControlNumber).toMatch(/^SIM\d{12}$/);
  });

  it('writes a 999 that accepts the 837 by its GS06 and ST02', () => {
    expectEnvelope(result.ack999, '005010X231A1');
    expect(all(result.ack999, 'AK1')).toEqual([['AK1', 'HC', '101', '005010X222A1']]);
    expect(all(result.ack999, 'AK2')).toEqual([['AK2', '837', '0001', '005010X222A1']]);
    expect(all(result.ack999, 'IK5')).toEqual([['IK5', 'A']]);
    expect(all(result.ack999, 'AK9')).toEqual([['AK9', 'A', '1', '1', '1']]);
  });

  it('writes a 277CA with each claim in TRN*2 and accepted', () => {
    expectEnvelope(result.claimAck277!, '005010X214');
    const trn2 = all(result.claimAck277!, 'TRN')
      .filter((s) => s[1] === '2')
      .map((s) => s[2]);
    expect(trn2).toEqual(['BATCH0101', 'PCN1001', 'PCN1002SIMDENY', 'PCN1003']);
    const claimStc = all(result.claimAck277!, 'STC').slice(1);
    expect(claimStc.map((s) => s[1])).toEqual(['A2:20', 'A2:20', 'A2:20']);
    expect(claimStc.map((s) => s[4])).toEqual(['250', '120', '80.5']);
    expect(all(result.claimAck277!, 'REF').map((s) => s[2])).toEqual(result.claims.map((c) => c.payerClaimControlNumber));
  });

  it('writes an 835 that balances, echoes CLM01 and REF*6R, with each outcome', () => {
    const era = result.era835 as string;
    expectEnvelope(era, '005010X221A1');
    const claims = expectBalanced(era);
    expect(claims.map((c) => at(c.clp, 1))).toEqual(['PCN1001', 'PCN1002SIMDENY', 'PCN1003']);
    expect(claims.map((c) => at(c.clp, 2))).toEqual(['1', '4', '19']);
    expect(
      claims.flatMap((c) =>
        c.lines.map((l) =>
          at(
            l.refs.find((r) => r[1] === '6R'),
            2,
          ),
        ),
      ),
    ).toEqual(['PCN1001L1', 'PCN1001L2', 'PCN1002L1', 'PCN1003L1']);
    // Paid in part: $150 line: CO-45 30, deductible 25, coinsurance 19 (20% of 95), paid 76.
    const [partial, denied, crossover] = claims;
    expect(casReasons(partial?.lines[0]?.cas ?? [])).toEqual(['CO-45:30', 'PR-1:25', 'PR-2:19']);
    expect(at(partial?.lines[0]?.svc, 3)).toBe('76');
    expect(casReasons(partial?.lines[1]?.cas ?? [])).toEqual(['CO-45:20', 'PR-2:16']);
    expect(at(partial?.clp, 4)).toBe('140');
    expect(at(partial?.clp, 5)).toBe('60');
    expect(at(denied?.clp, 4)).toBe('0');
    expect(casReasons(denied?.lines[0]?.cas ?? [])).toEqual(['PR-204:120']);
    // Crossover: CLP02 19 and the secondary named in NM1*TT.
    expect(crossover?.nm1.find((s) => s[1] === 'TT')).toEqual(['NM1', 'TT', '2', 'SECOND PLAN', '', '', '', '', 'PI', 'SEC22']);
    expect(at(crossover?.lines[0]?.svc, 1)).toBe('HC:90832:95');
    const bpr = all(era, 'BPR')[0];
    expect(at(bpr, 1)).toBe('I');
    expect(at(bpr, 2)).toBe(String((14000 + 0 + parseCents(at(crossover?.clp, 4))) / 100));
    expect(at(bpr, 16)).toBe('20261120');
    expect(at(all(era, 'N1')[0], 2)).toMatch(/^SIMULATOR /);
  });

  it('is deterministic', () => {
    const again = simulatePayer(primary837, receivedAt);
    expect(again.ack999).toBe(result.ack999);
    expect(again.claimAck277).toBe(result.claimAck277!);
    expect(again.era835).toBe(result.era835);
  });
});

describe('simulatePayer outcomes by rule', () => {
  it('a rejected claim is refused in the 277CA and left out of the 835', () => {
    const result = simulatePayer(primary837, receivedAt, { outcomes: { byClaimId: { PCN1001: 'rejected' } } });
    const stc = all(result.claimAck277!, 'STC').slice(1);
    expect(stc[0]?.[1]).toBe('A7:21:85');
    expect(stc[0]?.[3]).toBe('U');
    expect(all(result.claimAck277!, 'QTY').find((s) => s[1] === 'AA')?.[2]).toBe('1');
    const claims = expectBalanced(result.era835 as string);
    expect(claims.map((c) => at(c.clp, 1))).toEqual(['PCN1002SIMDENY', 'PCN1003']);
  });

  it('no 835 when every claim is rejected', () => {
    const result = simulatePayer(primary837, receivedAt, {
      outcomes: { defaultPrimary: 'rejected', byClaimId: { PCN1002SIMDENY: 'rejected', PCN1003: 'rejected' } },
    });
    expect(result.era835).toBeNull();
    expect(
      all(result.claimAck277!, 'STC')
        .slice(1)
        .map((s) => s[1]),
    ).toEqual(['A7:21:85', 'A7:21:85', 'A7:21:85']);
  });

  it('paid in full', () => {
    const result = simulatePayer(primary837, receivedAt, {
      outcomes: { defaultPrimary: 'paid-in-full', byClaimId: { PCN1002SIMDENY: 'paid-in-full', PCN1003: 'paid-in-full' } },
    });
    const claims = expectBalanced(result.era835 as string);
    expect(claims.map((c) => [at(c.clp, 3), at(c.clp, 4)])).toEqual([
      ['250', '250'],
      ['120', '120'],
      ['80.5', '80.5'],
    ]);
    expect(claims.every((c) => c.lines.every((l) => l.cas.length === 0))).toBe(true);
  });

  it('a secondary pays what the primary left to the patient', () => {
    const result = simulatePayer(secondary837, receivedAt, { eraDelayMs: 3 * 86_400_000 });
    expect(result.claims.map((c) => c.outcome)).toEqual(['paid-remainder', 'paid-remainder']);
    const era = result.era835 as string;
    const claims = expectBalanced(era);
    const [lineLevel, claimLevel] = claims;
    expect(at(lineLevel?.clp, 2)).toBe('2');
    expect(lineLevel?.lines.map((l) => [at(l.svc, 3), casReasons(l.cas)])).toEqual([
      ['44', ['OA-23:106']],
      ['16', ['OA-23:84']],
    ]);
    expect(at(lineLevel?.clp, 4)).toBe('60');
    expect(at(lineLevel?.clp, 5)).toBe('');
    expect(claimLevel?.lines.map((l) => [at(l.svc, 3), casReasons(l.cas)])).toEqual([
      ['60', ['OA-23:60']],
      ['0', ['OA-23:80']],
    ]);
    expect(at(all(era, 'BPR')[0], 16)).toBe('20261123');
    expect(
      at(
        all(era, 'DTM').find((s) => s[1] === '050'),
        2,
      ),
    ).toBe('20261120');
  });
});
