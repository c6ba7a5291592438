/**
 * `npx tsx bench/run.ts 835`: time to read a generated 835 of 20,000 claims (about 5 MB)
 * with x12-parser's raw segment stream, and with the typed reader (x12-parser stream + loops +
 * typing + balancing) on the same file, in one run. Prints the file's size, claims and
 * segments, the medians of several alternating runs of each, their ratio and the goal:
 * typed reader <= 1.5 x raw stream. The raw path is x12-parser's own stream, counting segments.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X12parser } from 'x12-parser';
import { read835 } from '../x12/835';
import { generate835 } from './helpers/generate-835';

export { generate835 };

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
  const goal = 1.5;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench835-'));
  const file = path.join(dir, 'generated.835');
  try {
    writeFileSync(file, generate835(claims));
    const bytes = statSync(file).size;
    const typedRun = async (): Promise<number> => (await read835(createReadStream(file))).remittances[0]?.claims.length ?? 0;
    // Warm up both paths (JIT); check both read the whole file.
    let segments = 0;
    for (let i = 0; i < warmups; i += 1) {
      segments = await rawStream(file);
      const read = await typedRun();
      if (read !== claims) throw new Error(`typed reader read ${read} claims, expected ${claims}`);
    }
    // Same file, same process; alternate which path goes first so neither gets a systematic advantage.
    const raw: number[] = [];
    const typed: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      if (i % 2 === 0) {
        raw.push((await time(() => rawStream(file)))[0]);
        typed.push((await time(typedRun))[0]);
      } else {
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
    console.log(`x12-parser raw segment stream: ${r.toFixed(1)} ms median (${range(raw)})`);
    console.log(`typed 835 reader (read835):    ${t.toFixed(1)} ms median (${range(typed)})`);
    console.log(
      `ratio typed / raw:             ${(t / r).toFixed(2)}x (goal <= ${goal.toFixed(2)}x: ${t / r <= goal ? 'met' : 'not met'})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
