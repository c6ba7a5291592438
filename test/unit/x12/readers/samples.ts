import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The shared public X12 samples live outside the repository (../shared/x12-samples, or
 * X12_SAMPLES_DIR). They are read at test time, never copied. When absent, tests skip with a
 * message, except on CI (CI=true) where their absence fails.
 */
const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const samplesDir = process.env.X12_SAMPLES_DIR ?? path.resolve(repoRoot, '..', 'shared', 'x12-samples');
export const samplesPresent = existsSync(samplesDir);

if (!samplesPresent) {
  if (process.env.CI === 'true') throw new Error(`X12 samples not found at ${samplesDir} (set X12_SAMPLES_DIR); required on CI`);
  console.warn(`X12 samples not found at ${samplesDir}: sample tests skipped (set X12_SAMPLES_DIR to run them)`);
}

export const describeSamples = samplesPresent ? describe : describe.skip;

export function sampleFiles(folder: string): string[] {
  if (!samplesPresent) return [];
  return readdirSync(path.join(samplesDir, folder)).sort();
}

export function sample(folder: string, name: string): Buffer {
  return readFileSync(path.join(samplesDir, folder, name));
}

export const fixturesDir = path.resolve(repoRoot, 'test', 'fixtures', 'x12');
export function fixture(name: string): Buffer {
  return readFileSync(path.join(fixturesDir, name));
}
