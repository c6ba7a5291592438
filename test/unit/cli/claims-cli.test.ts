/**
 * The `claims` command line as a user runs it: through the package's bin entry
 * (bin/claims.cjs), with --help, the submitter taken from flags or file only, findings on
 * stderr, and a large output piped whole into another process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeSamples, sample } from '../x12/readers/samples';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(repoRoot, 'bin', 'claims.cjs');
const outDir = path.join(repoRoot, 'test-output', 'cli');
mkdirSync(outDir, { recursive: true });

const claims = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot, timeout: 60_000 });

function file(name: string, content: string | Buffer): string {
  const at = path.join(outDir, name);
  writeFileSync(at, content);
  return at;
}

function exampleBill(): Record<string, unknown> & { billingProvider: Record<string, unknown> } {
  return JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'bills', 'primary.json'), 'utf8')) as Record<string, unknown> & {
    billingProvider: Record<string, unknown>;
  };
}

describe('claims --help and the bin entry', () => {
  it('the package names bin/claims.cjs as `claims`, so npx claims runs it in a checkout', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    expect(pkg.bin).toEqual({ claims: 'bin/claims.cjs' });
  });

  it.each([[['--help']], [['835', '--help']], [['837p', '--help']], [['ack', '--help']]])(
    'claims %p prints its usage and exits 0',
    (args) => {
      const run = claims(args);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/usage: claims/);
      expect(run.stderr).toBe('');
    },
    60_000,
  );

  it('an unknown command is a usage error (exit 2) that lists the commands', () => {
    const run = claims(['820']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown command "820"');
    expect(run.stderr).toContain('claims 835 <file>');
  }, 60_000);
});

describe('claims 837p: the submitter is the submitter', () => {
  it("never borrows the billing provider's contact: a missing contact names the flags to give", () => {
    const bill = exampleBill();
    bill.billingProvider.contact = { name: 'Front Desk', email: 'frontdesk@practice.example' };
    const run = claims(['837p', file('no-contact.json', JSON.stringify(bill)), '--created', '2026-11-27T09:15']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('give --contact-phone or --contact-email (or submitter.contact in the file)');
    expect(run.stderr).not.toContain('config.submitter');
  }, 60_000);

  it('writes the contact given on the command line only', () => {
    const bill = exampleBill();
    bill.billingProvider.contact = { name: 'Front Desk', email: 'frontdesk@practice.example' };
    const run = claims([
      '837p',
      file('flag-contact.json', JSON.stringify(bill)),
      '--created',
      '2026-11-27T09:15',
      '--contact-phone',
      '4105550199',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const segments = run.stdout.trim().split('~');
    const submitter = segments.findIndex((s) => s.startsWith('NM1*41*'));
    expect(segments[submitter + 1]).toBe('PER*IC**TE*4105550199');
  }, 60_000);

  it("never sends an individual billing provider's SSN as the sender id", () => {
    const bill = exampleBill();
    Object.assign(bill.billingProvider, {
      entity: 'person',
      taxIdType: 'SSN',
      taxId: '123-45-6789',
      lastOrOrganizationName: 'Rivera',
      firstName: 'Ana',
    });
    const run = claims(['837p', file('ssn.json', JSON.stringify(bill)), '--created', '2026-11-27T09:15', '--contact-phone', '4105550199']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('give --submitter-id');
    expect(run.stderr).not.toContain('123456789');
    const given = claims([
      '837p',
      file('ssn.json', JSON.stringify(bill)),
      '--created',
      '2026-11-27T09:15',
      '--contact-phone',
      '4105550199',
      '--submitter-id',
      'OA12345',
      '--submitter-name',
      'Rivera Billing',
    ]);
    expect(given.status).toBe(0);
    expect(given.stdout.slice(0, 106)).toContain('*ZZ*OA12345        *');
    expect(
      given.stdout
        .split('~')
        .filter((s) => s.startsWith('ISA') || s.startsWith('GS') || s.startsWith('NM1*41'))
        .join('~'),
    ).not.toContain('123456789');
  }, 60_000);

  it('names the flag behind a bad envelope value, not an internal path', () => {
    const run = claims([
      '837p',
      file('bad-phone.json', JSON.stringify(exampleBill())),
      '--created',
      '2026-11-27T09:15',
      '--contact-phone',
      '555-01',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('(envelope)\t--contact-phone (or submitter.contact.phone in the file)\tformat\t');
  }, 60_000);

  it('treats an empty optional string as absent', () => {
    const bill = exampleBill();
    (bill.billingProvider.address as Record<string, unknown>).line2 = '';
    bill.priorAuthorization = '';
    const run = claims([
      '837p',
      file('empty-optional.json', JSON.stringify(bill)),
      '--created',
      '2026-11-27T09:15',
      '--contact-email',
      'edi@billing.example',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('N3*1200 HARBOR BLVD~');
    expect(run.stdout).not.toContain('REF*G1');
  }, 60_000);
});

describeSamples('claims 835 and claims ack', () => {
  it('print envelope findings (control numbers that disagree) on stderr', () => {
    const era = sample('835', 'lfh-managed-care.835').toString('latin1').replace('IEA*1*000000907~', 'IEA*1*000000908~');
    const run835 = claims(['835', file('mismatch.835', era)]);
    expect(run835.status).toBe(0);
    expect(run835.stderr).toMatch(/segment 30 \(IEA\) warning CONTROL_NUMBER_MISMATCH: IEA02 "000000908" differs from ISA13 "000000907"/);
    const ack = sample('999', 'ims-999-rejected.txt').toString('latin1').replace('SE*7*95832987~', 'SE*7*95832988~');
    const runAck = claims(['ack', file('mismatch.999', ack)]);
    expect(runAck.status).toBe(0);
    expect(runAck.stderr).toMatch(/\(SE\) warning CONTROL_NUMBER_MISMATCH: SE02 "95832988" differs from ST02 "95832987"/);
  }, 60_000);

  it('pipes more than 1 MB of JSON whole into another process', () => {
    // The sample's two claims, repeated with claim numbers of their own: about 1,200 claims.
    const text = sample('835', 'lfh-managed-care.835').toString('latin1');
    const segments = text.split('~').map((s) => s.trim());
    const lx = segments.indexOf('LX*1');
    const se = segments.findIndex((s) => s.startsWith('SE*'));
    const claimSegments = segments.slice(lx + 1, se);
    const copies = 600;
    const body: string[] = [];
    for (let n = 0; n < copies; n += 1)
      body.push(...claimSegments.map((s) => s.replace(/^CLP\*(\d+)\*/, (_m, pcn: string) => `CLP*${pcn}${n}*`)));
    const st = segments.findIndex((s) => s.startsWith('ST*'));
    const header = segments
      .slice(0, lx + 1)
      .map((s) => (s.startsWith('BPR*') ? s.replace('*945.00*', `*${(945 * copies).toFixed(2)}*`) : s));
    const transaction = header.length - st + body.length + 1;
    const big = [...header, ...body, `SE*${transaction}*112233`, 'GE*1*1', 'IEA*1*000000907', ''].join('~');
    const input = file('big.835', big);
    const consumer =
      "let s='';process.stdin.setEncoding('utf8').on('data',(d)=>{s+=d}).on('end',()=>{const r=JSON.parse(s);process.stdout.write(JSON.stringify({bytes:Buffer.byteLength(s),claims:r.remittances[0].claims.length}))})";
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" 835 "${input}" | "${process.execPath}" -e "${consumer}"`], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { bytes: number; claims: number };
    expect(result.claims).toBe(2 * copies);
    expect(result.bytes).toBeGreaterThan(1024 * 1024);
  }, 120_000);
});
