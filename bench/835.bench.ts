/**
 * `npx tsx bench/run.ts 835`: time to read a generated 835 of 20,000 claims (about 5 MB)
 * with x12-parser's raw segment stream, and with the typed reader (x12-parser stream + loops +
 * typing + balancing) on the same file, in one run. Prints the file's size, claims and
 * segments, the medians of several alternating runs of each, their ratio and the goal:
 * typed reader <= 1.2 x raw stream. The raw path is x12-parser's own stream, counting segments.
 * The typed reader runs twice: keeping every claim, and streaming them (onClaim) one at a time.
 * The machine may be shared: the load average is printed with the figures.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { X12parser } from 'x12-parser';
import { read835 } from '../x12/835';

/** A balanced 835 with `claims` claims of one service line each (payer pays 80 %, patient 20 %). */
export function generate835(claims: number): string {
  const seg: string[] = [];
  const body: string[] = [];
  let totalPaid = 0;
  for (let i = 0; i < claims; i += 1) {
    const charge = 10000 + (i % 500) * 100; // cents
    const allowed = Math.round(charge * 0.8);
    const patient = Math.round(allowed * 0.2);
    const paid = allowed - patient;
    const contractual = charge - allowed;
    totalPaid += paid;
    const d = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    const pcn = `PCN${String(i).padStart(8, '0')}`;
    body.push(
      `CLP*${pcn}*1*${d(charge)}*${d(paid)}*${d(patient)}*12*PAYER${String(i).padStart(10, '0')}`,
      `NM1*QC*1*DOE${i % 97}*JANE****MI*MEMBER${String(i).padStart(6, '0')}`,
      `NM1*82*1*SMITH*ALEX****XX*1234567893`,
      `DTM*232*20260105`,
      `SVC*HC:90837:95*${d(charge)}*${d(paid)}**1`,
      `DTM*472*20260105`,
      `CAS*CO*45*${d(contractual)}`,
      `CAS*PR*2*${d(patient)}`,
      `REF*6R*${pcn}L1`,
      `AMT*B6*${d(allowed)}`,
    );
  }
  const total = `${Math.floor(totalPaid / 100)}.${String(totalPaid % 100).padStart(2, '0')}`;
  const header = [
    `ST*835*0001*005010X221A1`,
    `BPR*I*${total}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20260120`,
    `TRN*1*EFT0001*1512345678`,
    `DTM*405*20260119`,
    `N1*PR*BENCH PAYER`,
    `REF*2U*99999`,
    `N1*PE*BENCH CLINIC*XX*1234567893`,
    `LX*1`,
  ];
  const count = header.length + body.length + 1;
  seg.push(
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *260120*1200*^*00501*000000001*0*P*:',
    'GS*HP*PAYER*CLINIC*20260120*1200*1*X*005010X221A1',
  );
  for (const s of header) seg.push(s);
  for (const s of body) seg.push(s);
  seg.push(`SE*${count}*0001`, 'GE*1*1', 'IEA*1*000000001');
  return `${seg.join('~\n')}~\n`;
}

function rawStream(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let segments = 0;
    const parser = new X12parser('utf8');
    parser.on('data', () => (segments += 1));
    parser.on('end', () => resolve(segments));
    parser.on('error', reject);
    createReadStream(file).on('error', reject).pipe(parser);
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

export default async function bench835(): Promise<void> {
  const claims = 20000;
  const warmups = 2;
  const runs = 11;
  const goal = 1.2;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench835-'));
  const file = path.join(dir, 'generated.835');
  try {
    writeFileSync(file, generate835(claims));
    const bytes = statSync(file).size;
    const typedRun = async (): Promise<number> => (await read835(createReadStream(file))).remittances[0]?.claims.length ?? 0;
    const streamRun = async (): Promise<number> => {
      let count = 0;
      await read835(createReadStream(file), { onClaim: () => (count += 1) });
      return count;
    };
    // Warm up both paths (JIT); check both read the whole file.
    let segments = 0;
    for (let i = 0; i < warmups; i += 1) {
      segments = await rawStream(file);
      const read = await typedRun();
      if (read !== claims) throw new Error(`typed reader read ${read} claims, expected ${claims}`);
      const streamedCount = await streamRun();
      if (streamedCount !== claims) throw new Error(`streaming reader read ${streamedCount} claims, expected ${claims}`);
    }
    // Same file, same process; alternate which path goes first so neither gets a systematic advantage.
    const raw: number[] = [];
    const typed: number[] = [];
    const stream: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      if (i % 2 === 0) {
        raw.push((await time(() => rawStream(file)))[0]);
        typed.push((await time(typedRun))[0]);
        stream.push((await time(streamRun))[0]);
      } else {
        stream.push((await time(streamRun))[0]);
        typed.push((await time(typedRun))[0]);
        raw.push((await time(() => rawStream(file)))[0]);
      }
    }
    const r = median(raw);
    const t = median(typed);
    const range = (xs: number[]): string => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)} ms`;
    console.log(
      `file:                          ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes), ${claims} claims, ${segments} segments`,
    );
    console.log(`runs:                          ${warmups} warm-up + ${runs} timed of each, alternating, medians`);
    console.log(
      `load average:                  ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`x12-parser raw segment stream: ${r.toFixed(1)} ms median (${range(raw)})`);
    console.log(`typed 835 reader (read835):    ${t.toFixed(1)} ms median (${range(typed)})`);
    const st = median(stream);
    console.log(`typed reader, onClaim stream:  ${st.toFixed(1)} ms median (${range(stream)})`);
    console.log(
      `ratio typed / raw:             ${(t / r).toFixed(2)}x (goal <= ${goal.toFixed(2)}x: ${t / r <= goal ? 'met' : 'not met'})`,
    );
    console.log(
      `ratio onClaim stream / raw:    ${(st / r).toFixed(2)}x (goal <= ${goal.toFixed(2)}x: ${st / r <= goal ? 'met' : 'not met'})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
