/**
 * The writer's output, byte for byte: each golden input (support/golden-inputs.ts) is written
 * and compared with the file kept in golden/. A speed-up of the writer must leave every file
 * unchanged. After an intended change of output, rewrite them with
 * `UPDATE_GOLDEN=1 npx jest test/unit/x12/837p/golden.test.ts` and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ClaimValidationError, writeBatch837P } from '../../../../x12/837p';
import { goldenInputs } from './support/golden-inputs';

const dir = path.join(__dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe('837P golden files', () => {
  it.each(Object.entries(goldenInputs()))('%s is written byte for byte as before', (name, input) => {
    const file = path.join(dir, `${name}.x12`);
    const x12 = writeBatch837P(input);
    if (update || !existsSync(file)) writeFileSync(file, x12);
    expect(x12).toBe(readFileSync(file, 'utf8'));
  });

  it('refuses invalid bills with the same issues, in the same order, as before', () => {
    const file = path.join(dir, 'issues.json');
    const inputs = goldenInputs();
    const bills = inputs['free-text']!.bills.map((b, i) => {
      const bad = structuredClone(b);
      if (i % 3 === 0) bad.billingProvider.npi = '1234567890';
      if (i % 4 === 1) bad.patient.lastName = '\u0416\u0443\u043a';
      if (i % 5 === 2) bad.policies[0]!.payer.name = '~*:^';
      if (i % 7 === 3) bad.billingProvider.address.line1 = 'P.O. Box 12';
      return bad;
    });
    let issues: unknown;
    try {
      writeBatch837P({ ...inputs['free-text']!, bills });
    } catch (err) {
      if (!(err instanceof ClaimValidationError)) throw err;
      issues = err.issues;
    }
    if (update || !existsSync(file)) writeFileSync(file, `${JSON.stringify(issues, null, 2)}\n`);
    expect(issues).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
