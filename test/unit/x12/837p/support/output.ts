/**
 * Every 837P file a test writes goes through here: it lands in test-output/837p/ (written
 * whole, then renamed, so a reader never sees half a file) and must pass the independent
 * checker. x12valid.test.ts then runs pyx12 over every file in that folder.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check837P } from '../../../../../x12/837p';
import { repoRoot } from './fixtures';

export const outputDir = path.join(repoRoot, 'test-output', '837p');

export function writeOutput(name: string, x12: string): string {
  const report = check837P(x12);
  if (!report.ok) throw new Error(`${name}: the independent check failed:\n${report.errors.join('\n')}`);
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, `${name}.x12`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, x12);
  renameSync(tmp, file);
  return file;
}
