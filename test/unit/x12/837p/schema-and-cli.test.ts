import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check837P } from '../../../../x12/837p';
import { billFileJsonSchema, parseBillFile } from '../../../../x12/837p/input-schema';
import { repoRoot } from './support/fixtures';
import { writeOutput } from './support/output';

describe('bill JSON schema', () => {
  it('schemas/bill.schema.json is the schema the code parses with (regenerate: npx tsx scripts/bill-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'bill.schema.json'), 'utf8')) as Record<string, unknown>;
    const { $id: _id, ...rest } = committed;
    expect(rest).toEqual(billFileJsonSchema());
  });

  it('parses every example and refuses unknown or mistyped fields', () => {
    const dir = path.join(repoRoot, 'examples', 'bills');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['primary.json', 'secondary-denial.json', 'secondary-partial-payment.json', 'tertiary.json']);
    for (const f of files) expect(parseBillFile(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown).bills).toHaveLength(1);
    const bill = JSON.parse(readFileSync(path.join(dir, 'primary.json'), 'utf8')) as Record<string, unknown>;
    expect(() => parseBillFile({ ...bill, priorAuth: 'X' })).toThrow(/priorAuth|Unrecognized/);
    expect(() => parseBillFile({ ...bill, serviceLines: [{ chargeCents: '180.00' }] })).toThrow(/serviceLines/);
    expect(parseBillFile({ bills: [bill, bill] }).bills).toHaveLength(2);
    expect(parseBillFile([bill]).bills).toHaveLength(1);
  });
});

describe('claims 837p', () => {
  const cli = (args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(repoRoot, 'cli', 'claims.ts'), '837p', ...args],
      {
        encoding: 'utf8',
        cwd: repoRoot,
        timeout: 60_000,
      },
    );

  it('writes a batch of the example bills to stdout', () => {
    const dir = path.join(repoRoot, 'examples', 'bills');
    const bills = ['primary', 'secondary-partial-payment', 'secondary-denial', 'tertiary'].map(
      (n) => JSON.parse(readFileSync(path.join(dir, `${n}.json`), 'utf8')) as { claimId: string },
    );
    bills[0]!.claimId = 'SCE1001P';
    const file = path.join(repoRoot, 'test-output', '837p', 'cli-batch.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ bills }));
    const run = cli([file, '--created', '2026-11-27T09:15', '--isa', '77', '--st', '5', '--contact-phone', '4105550199']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = check837P(run.stdout.trim());
    expect(report.errors).toEqual([]);
    expect(report.claims).toBe(4);
    expect(run.stdout.slice(0, 106).split('*').slice(13)).toEqual(['000000077', '0', 'T', ':~']);
    expect(run.stdout).toContain('ST*837*0005*005010X222A1~');
    writeOutput('cli-batch', run.stdout.trim());
  }, 60_000);

  it('prints every validation issue and writes nothing', () => {
    const bill = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'bills', 'secondary-partial-payment.json'), 'utf8')) as {
      policies: { adjudication?: unknown }[];
      billingProvider: { npi: string };
    };
    delete bill.policies[0]!.adjudication;
    bill.billingProvider.npi = '1234567890';
    const file = path.join(repoRoot, 'test-output', '837p', 'cli-invalid.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(bill));
    const run = cli([file, '--created', '2026-11-27T09:15', '--contact-email', 'edi@example.org']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('bill-1001\t/billingProvider/npi\tnpi-check-digit');
    expect(run.stderr).toContain('bill-1001\t/policies/0/adjudication\tmissing-prior-adjudication');
  }, 60_000);
});
