/**
 * Runs pyx12's x12valid on one file and reads its verdict. x12valid's exit status says
 * nothing (the console script exits 1 on success as on failure), so the verdict comes from
 * three places that must all agree: the "<file>: OK" line on stderr, the absence of
 * ERROR log lines, and the 999 acknowledgment it writes beside the file (<file>.997),
 * which must accept every transaction set (IK5*A, AK9*A) and hold no IK3/IK4 error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './fixtures';

export const x12validPath = process.env.X12VALID ?? path.join(repoRoot, '.tools', 'venv', 'bin', 'x12valid');

export function x12validAvailable(): boolean {
  return existsSync(x12validPath);
}

export interface X12validResult {
  ok: boolean;
  problems: string[];
  output: string;
}

export function runX12valid(file: string): X12validResult {
  const ack = `${file}.997`;
  rmSync(ack, { force: true });
  const run = spawnSync(x12validPath, [file], { encoding: 'utf8', timeout: 120_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const problems: string[] = [];
  if (run.error) problems.push(`x12valid did not run: ${run.error.message}`);
  if (!output.split('\n').some((l) => l.trim() === `${file}: OK`)) problems.push('x12valid did not report the file OK');
  if (/Traceback|Failure/.test(output)) problems.push('x12valid reported a failure or crashed');
  for (const l of output.split('\n')) if (/\bERROR\b/.test(l)) problems.push(l.trim());
  if (!existsSync(ack)) {
    problems.push('x12valid wrote no 999 acknowledgment');
  } else {
    const segments = readFileSync(ack, 'ascii')
      .split('~')
      .map((s) => s.trim());
    const ik5 = segments.filter((s) => s.startsWith('IK5*'));
    if (ik5.length === 0 || ik5.some((s) => !s.startsWith('IK5*A'))) problems.push(`999 does not accept every set: ${ik5.join(' ')}`);
    if (!segments.some((s) => s.startsWith('AK9*A'))) problems.push('999 AK9 is not A (accepted)');
    for (const s of segments) if (/^IK[34]\*/.test(s)) problems.push(`999 error: ${s}`);
  }
  return { ok: problems.length === 0, problems, output };
}
