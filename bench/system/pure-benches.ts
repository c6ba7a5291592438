/**
 * The X12 figures of the table, from the pure benches (bench/*.bench.ts) run as they are, each
 * in a process of its own: 837P writer claims/s (best of its 3 runs) and the 835 typed
 * reader's time over x12-parser's raw stream (median of its 11 runs).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../config/env';

const run = promisify(execFile);

async function bench(name: string, timeoutMs: number): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'run.ts'), name], {
    cwd: repoRoot,
    timeout: timeoutMs,
    maxBuffer: 1 << 20,
  });
  return stdout;
}

function number(out: string, pattern: RegExp, what: string): number {
  const m = pattern.exec(out);
  if (!m?.[1]) throw new Error(`${what}: not found in the bench's output:\n${out}`);
  return Number(m[1].replaceAll(',', ''));
}

/** Claims per second of the 837P writer, and its file's claim count. */
export async function writerClaimsPerSecond(timeoutMs: number): Promise<{ claimsPerS: number; claims: number }> {
  const out = await bench('837p', timeoutMs);
  return {
    claimsPerS: number(out, /->\s*([\d,]+) claims\/s/, '837P claims/s'),
    claims: number(out, /837P writer: ([\d,]+) secondary claims/, '837P claims'),
  };
}

/** Typed reader / raw stream ratio on the bench's generated file. */
export async function readerRatio(timeoutMs: number): Promise<{ ratio: number; claims: number }> {
  const out = await bench('835', timeoutMs);
  return {
    ratio: number(out, /ratio typed \/ raw:\s*([\d.]+)x/, '835 ratio'),
    claims: number(out, /\s(\d+) claims, \d+ segments/, '835 claims'),
  };
}
