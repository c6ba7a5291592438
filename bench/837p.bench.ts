/**
 * 837P writer throughput: one batch of 10,000 secondary claims (after partial payments,
 * denials and tertiary claims) validated and written into one interchange. Prints the
 * medians of several runs, by the wall clock and by the process's CPU time (the machine is
 * shared: CPU time is the steadier figure when it is loaded), with the load average.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { check837P, officeAllyConfig, writeBatch837P, type Bill } from '../x12/837p';
import { parseBillFile } from '../x12/837p/input-schema';

const CLAIMS = 10_000;
const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

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
  const cpu: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const x12 = writeBatch837P(input);
    const used = process.cpuUsage(cpuStart);
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
    cpu.push((used.user + used.system) / 1e6);
    bytes = x12.length;
    if (r === 0 && !check837P(x12).ok) throw new Error('the benchmark file fails the independent check');
  }
  const rate = (s: number): string => `${Math.round(CLAIMS / s).toLocaleString('en-US')} claims/s`;
  const wall = median(runs);
  console.log(`837P writer: ${CLAIMS} secondary claims, ${(bytes / 1e6).toFixed(1)} MB, ${RUNS} runs (validation included)`);
  console.log(
    `  load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`  wall: median ${wall.toFixed(3)} s -> ${rate(wall)} (best ${rate(Math.min(...runs))}, worst ${rate(Math.max(...runs))})`);
  console.log(`  cpu:  median ${median(cpu).toFixed(3)} s -> ${rate(median(cpu))} (goal >= 50,000 claims/s)`);
}
