/**
 * pyx12's x12valid on every 837P file the tests write: each scenario is written here again
 * (so none depends on test order), then every .x12 file in test-output/837p/ is validated
 * against 005010X222A1. Absent x12valid fails the run under CI=true, skips it otherwise.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeBatch837P } from '../../../../x12/837p';
import { outputDir, writeOutput } from './support/output';
import { scenarios } from './support/scenarios';
import { runX12valid, x12validAvailable, x12validPath } from './support/x12valid';

const available = x12validAvailable();
const inCi = process.env.CI === 'true';

if (!available && !inCi) {
  console.warn(`x12valid not found at ${x12validPath}: pyx12 checks skipped (run npm run tools:install, or set X12VALID)`);
}

describe('pyx12 x12valid', () => {
  if (!available && inCi) {
    it('is installed in CI', () => {
      throw new Error(`x12valid not found at ${x12validPath}; CI must install pyx12 into .tools/venv`);
    });
    return;
  }
  if (!available) it.skip(`x12valid absent at ${x12validPath}: run npm run tools:install, or set X12VALID`, () => undefined);
  const maybe = available ? it : it.skip;

  const written = Object.entries(scenarios()).map(([name, input]) => writeOutput(name, writeBatch837P(input)));

  maybe.each(written.map((f) => [path.basename(f), f]))(
    'accepts %s as 005010X222A1',
    (_name, file) => {
      const result = runX12valid(file);
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
    },
    120_000,
  );

  maybe(
    'accepts every other file in test-output/837p',
    () => {
      const others = readdirSync(outputDir)
        .filter((f) => f.endsWith('.x12'))
        .map((f) => path.join(outputDir, f))
        .filter((f) => !written.includes(f));
      for (const file of others) expect({ file, problems: runX12valid(file).problems }).toEqual({ file, problems: [] });
    },
    300_000,
  );

  maybe(
    'reports a file that breaks the guide (the check can fail)',
    () => {
      const input = scenarios().primary!;
      const broken = writeBatch837P(input).replace('*UN*1***1:2~', '*XX*1***1:2~');
      const file = path.join(outputDir, 'negative-control.bad');
      writeFileSync(file, broken);
      const result = runX12valid(file);
      expect(result.ok).toBe(false);
      expect(result.problems.join('\n')).toMatch(/SV103|ERROR/);
    },
    120_000,
  );
});
