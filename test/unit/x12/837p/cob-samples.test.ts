/**
 * Our secondary claims against the coordination-of-benefits samples of LinuxForHealth/x12
 * (Apache-2.0; ../shared/x12-samples/837p/lfh-demo.cob.*, read in place, never copied):
 * the same claims are built from JSON (fixtures/*.bill.json) and compared loop by loop
 * (2000B SBR, 2320, 2330A, 2330B, 2400, 2430). Amounts are compared as numbers ("43.00" is
 * "43"). Left out on purpose: the samples' ICD-9 HI codes (we write ICD-10), OI04 "P"
 * (situational, only when the provider signed for an absent patient), AMT*F2 (a 4010
 * qualifier not in 005010X222A1 loop 2320), and providers (the samples' NPIs fail the Luhn check).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { check837P, writeBatch837P } from '../../../../x12/837p';
import { parseBillFile } from '../../../../x12/837p/input-schema';
import { batchInput, repoRoot } from './support/fixtures';
import { writeOutput } from './support/output';
import { claims, parseX12 } from './support/x12-text';

const samplesDir = process.env.X12_SAMPLES_DIR ?? path.resolve(repoRoot, '..', 'shared', 'x12-samples');
const present = existsSync(path.join(samplesDir, '837p'));
const inCi = process.env.CI === 'true';
if (!present && !inCi) console.warn(`X12 samples not found at ${samplesDir}: COB sample comparison skipped (set X12_SAMPLES_DIR)`);

interface LoopSegments {
  loop: string;
  segments: string[];
}

function normalize(seg: string[], component: string): string {
  const out = seg.map((e) => (/^-?\d+\.\d+$/.test(e) ? String(Number(e)) : e.split(component).join(':')));
  if (out[0] === 'OI') return `OI*${out[3] ?? ''}*${out[6] ?? ''}`; // OI03 benefits assignment, OI06 release of information
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out.join('*');
}

/** The COB-relevant loops of one claim, in file order: from the first 2320 SBR to the claim's end. */
function cobLoops(text: string, claimId: string): LoopSegments[] {
  const { component } = parseX12(text);
  const segments = claims(text).get(claimId);
  if (!segments) throw new Error(`claim ${claimId} not in the file`);
  const loops: LoopSegments[] = [];
  let loop: LoopSegments | undefined;
  const open = (name: string): void => {
    loop = { loop: name, segments: [] };
    loops.push(loop);
  };
  for (const seg of segments) {
    const [id, q] = seg;
    if (id === 'SBR') open('2320');
    else if (!loop)
      continue; // CLM, HI and 2310x come before
    else if (id === 'NM1' && q === 'IL') open('2330A');
    else if (id === 'NM1' && q === 'PR') open('2330B');
    else if (id === 'LX') open('2400');
    else if (id === 'SVD') open('2430');
    if (id === 'AMT' && q === 'F2') continue;
    if (id === 'REF' && (q === '6R' || q === 'F8')) continue;
    loop?.segments.push(normalize(seg, component));
  }
  return loops;
}

/** 2000B SBR and the 2010BA/2010BB names of the subscriber level owning the claim. */
function subscriberLevel(text: string): string[] {
  const { segments, component } = parseX12(text);
  const hl = segments.findIndex((s) => s[0] === 'HL' && s[3] === '22');
  const out: string[] = [];
  for (const seg of segments.slice(hl + 1)) {
    if (seg[0] === 'HL' || seg[0] === 'CLM') break;
    if (seg[0] === 'SBR' || seg[0] === 'NM1') out.push(normalize(seg, component));
  }
  return out;
}

function ours(fixture: string): string {
  const json = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', fixture), 'utf8')) as unknown;
  const input = batchInput(parseBillFile(json).bills, { createdAt: { date: '2013-10-31', time: '11:47' } });
  const x12 = writeBatch837P(input);
  writeOutput(fixture.replace('.bill.json', ''), x12);
  return x12;
}

const cases = [
  { sample: 'lfh-demo.cob.example3.B.837', fixture: 'lfh-cob-example3B.bill.json', claimId: '26407789' },
  { sample: 'lfh-demo.cob.example4.837', fixture: 'lfh-cob-example4.bill.json', claimId: '101KEN6055' },
];

describe('secondary claims against the LinuxForHealth COB samples', () => {
  if (!present) {
    if (inCi) {
      it('has the samples in CI', () => {
        throw new Error(`X12 samples not found at ${samplesDir}`);
      });
    } else {
      it.skip(`samples absent at ${samplesDir}`, () => undefined);
    }
    return;
  }

  describe.each(cases)('$sample', ({ sample, fixture, claimId }) => {
    const theirs = readFileSync(path.join(samplesDir, '837p', sample), 'utf8');
    const mine = ours(fixture);

    it('the sample balances by the same rules our checker enforces (apart from its X222A2 version)', () => {
      expect(check837P(theirs).errors).toEqual(['segment 2: GS08 is 005010X222A2, not 005010X222A1']);
    });

    it('has the same 2320, 2330A, 2330B, 2400 and 2430 loops, in the same order', () => {
      const expected = cobLoops(theirs, claimId);
      const actual = cobLoops(mine, claimId);
      expect(actual.map((l) => l.loop)).toEqual(expected.map((l) => l.loop));
      expected.forEach((loop, i) => {
        expect({ index: i, loop: actual[i]?.loop, segments: actual[i]?.segments }).toEqual({
          index: i,
          loop: loop.loop,
          segments: loop.segments,
        });
      });
    });

    it('bills the secondary payer in 2000B the same way', () => {
      expect(subscriberLevel(mine)).toEqual(subscriberLevel(theirs));
    });
  });
});
