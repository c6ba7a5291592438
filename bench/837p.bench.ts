/**
 * 837P writer throughput: one batch of 10,000 secondary claims (after partial payments,
 * denials and tertiary claims) validated and written into one interchange.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check837P, officeAllyConfig, writeBatch837P, type Bill } from '../x12/837p';
import { parseBillFile } from '../x12/837p/input-schema';

const CLAIMS = 10_000;

function load(name: string): Bill {
  const json = JSON.parse(readFileSync(path.join(__dirname, '..', 'examples', 'bills', `${name}.json`), 'utf8')) as unknown;
  const [bill] = parseBillFile(json).bills;
  if (!bill) throw new Error(`no bill in ${name}`);
  return bill;
}

export default async function bench(): Promise<void> {
  const templates = ['secondary-partial-payment', 'secondary-denial', 'tertiary'].map(load);
  const bills: Bill[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const template = templates[i % templates.length]!;
    bills.push({ ...structuredClone(template), billId: `bench-${i}`, claimId: `B${String(i).padStart(9, '0')}` });
  }
  const input = {
    bills,
    config: officeAllyConfig({ name: 'Bench Billing', id: 'OA99999', contact: { phone: '4105550199' } }),
    controlNumbers: { interchange: 1, group: 1, transactionSet: 1 },
    createdAt: { date: '2026-11-27', time: '12:00' },
    mode: 'test' as const,
  };
  writeBatch837P({ ...input, bills: bills.slice(0, 200) }); // warm-up
  const runs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < 3; r++) {
    const start = process.hrtime.bigint();
    const x12 = writeBatch837P(input);
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
    bytes = x12.length;
    if (r === 0 && !check837P(x12).ok) throw new Error('the benchmark file fails the independent check');
  }
  const best = Math.min(...runs);
  console.log(`837P writer: ${CLAIMS} secondary claims, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log(
    `  best of ${runs.length}: ${best.toFixed(3)} s -> ${Math.round(CLAIMS / best).toLocaleString('en-US')} claims/s (validation included)`,
  );
}
