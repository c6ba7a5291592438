import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalDirectoryClearinghouse, sha256Hex, stagingName, type UploadAttemptRecord } from '../../../clearinghouse';
import { runSimulatorOnce, simulatePayer, simulatorOutputName } from '../../../clearinghouse/simulator';

const fixtures = join(__dirname, '../../fixtures/clearinghouse');
const primary837 = readFileSync(join(fixtures, 'primary-837p.x12'));

let dataDir: string;
let ch: LocalDirectoryClearinghouse;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'clearinghouse-local-'));
  ch = new LocalDirectoryClearinghouse(dataDir);
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local directory clearinghouse', () => {
  it('uploads once, lists and downloads responses, acknowledges into archive', async () => {
    const file = { name: 'B000010_837P.txt', content: primary837 };
    expect((await ch.upload(file)).outcome).toBe('uploaded');
    expect((await ch.upload(file)).outcome).toBe('already-present');
    expect(readdirSync(ch.inboundDir)).toEqual([file.name]);
    expect(readdirSync(ch.stagingDir)).toEqual([]);
    await expect(ch.upload({ name: file.name, content: Buffer.from('x') })).rejects.toMatchObject({ code: 'UPLOAD_CONFLICT' });
    await expect(ch.upload({ name: '../escape.txt', content: Buffer.from('x') })).rejects.toMatchObject({ code: 'INVALID_FILE_NAME' });

    writeFileSync(join(ch.outboundDir, 'R_999.txt'), 'ISA*999~');
    writeFileSync(join(ch.outboundDir, 'R_999.txt.tmp'), 'half');
    const listed = await ch.listResponses();
    expect(listed.map((f) => [f.name, f.sizeBytes])).toEqual([['R_999.txt', 8]]);
    expect((await ch.download('R_999.txt')).toString()).toBe('ISA*999~');
    await ch.acknowledge('R_999.txt');
    await ch.acknowledge('R_999.txt');
    expect(readdirSync(ch.archiveDir)).toEqual(['R_999.txt']);
    await expect(ch.download('R_999.txt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a staged upload whose commit was recorded is finished by the retry; a taken one is not sent again', async () => {
    const file = { name: 'B000011_837P.txt', content: primary837 };
    const sha256 = sha256Hex(file.content);
    let record: UploadAttemptRecord | null = null;
    await expect(
      ch.upload(file, {
        beforeCommit: async (intent) => {
          record = { name: intent.name, sha256: intent.sha256, state: 'committing' };
          throw new Error('worker died here');
        },
      }),
    ).rejects.toThrow('worker died here');
    expect(readdirSync(ch.stagingDir)).toEqual([stagingName(sha256)]);
    expect((await ch.upload(file, { previous: record })).outcome).toBe('committed-staged');
    rmSync(join(ch.inboundDir, file.name)); // the clearinghouse took it
    expect((await ch.upload(file, { previous: record })).outcome).toBe('previously-committed');
    expect(readdirSync(ch.inboundDir)).toEqual([]);
  });
});

describe('payer SIMULATOR driver', () => {
  const t0 = new Date('2026-11-20T15:00:00Z');
  const delays = { ack999Ms: 0, claimAck277Ms: 60_000, era835Ms: 3_600_000 };

  async function drop(name: string, content: Buffer, at: Date): Promise<void> {
    await ch.upload({ name, content });
    utimesSync(join(ch.inboundDir, name), at, at);
  }

  it('answers each uploaded 837P once, each response when it is due', async () => {
    await drop('B000020_837P.txt', primary837, t0);
    const r1 = await runSimulatorOnce(dataDir, t0, { delays });
    expect(r1.received).toEqual(['B000020_837P.txt']);
    expect(r1.published).toEqual(['SIMULATOR_B000020_837P_999.txt']);
    expect(readdirSync(ch.inboundDir)).toEqual([]); // taken, as Office Ally does

    expect((await runSimulatorOnce(dataDir, new Date(t0.getTime() + 59_000), { delays })).published).toEqual([]);
    expect((await runSimulatorOnce(dataDir, new Date(t0.getTime() + 60_000), { delays })).published).toEqual([
      'SIMULATOR_B000020_837P_277CA.txt',
    ]);
    // The consumer keeps and acknowledges what arrived; nothing comes back twice.
    for (const f of await ch.listResponses()) await ch.acknowledge(f.name);
    const late = new Date(t0.getTime() + 2 * 3_600_000);
    expect((await runSimulatorOnce(dataDir, late, { delays })).published).toEqual(['SIMULATOR_B000020_837P_835.txt']);
    expect((await runSimulatorOnce(dataDir, late, { delays })).published).toEqual([]);
    const names = (await ch.listResponses()).map((f) => f.name);
    expect(names).toEqual(['SIMULATOR_B000020_837P_835.txt']);

    const expected = simulatePayer(primary837.toString('latin1'), t0, { eraDelayMs: delays.era835Ms });
    expect((await ch.download(names[0] as string)).toString('latin1')).toBe(expected.era835);
    expect(readFileSync(join(ch.archiveDir, simulatorOutputName('B000020_837P.txt', '999')), 'latin1')).toBe(expected.ack999);
  });

  it('finishes a publication a crashed run left pending, without writing it twice', async () => {
    await drop('B000021_837P.txt', primary837, t0);
    await runSimulatorOnce(dataDir, t0, { delays: { ack999Ms: 0, claimAck277Ms: 0, era835Ms: 0 } });
    const statePath = join(dataDir, '.simulator', 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as {
      entries: Record<string, { outputs: Record<string, string>; complete: boolean }>;
    };
    const entry = Object.values(state.entries)[0];
    if (!entry) throw new Error('no entry');
    // As if the run had stopped after marking the 835 pending, before and after its rename.
    const era = simulatorOutputName('B000021_837P.txt', '835');
    entry.outputs[era] = 'pending';
    entry.complete = false;
    writeFileSync(statePath, JSON.stringify(state));
    const again = await runSimulatorOnce(dataDir, t0);
    expect(again.published).toEqual([]);
    expect(readdirSync(ch.outboundDir).filter((n) => n === era)).toEqual([era]);
    // A crashed run also leaves its lock: a fresh one is respected, a stale one broken.
    const lock = join(dataDir, '.simulator', 'lock');
    mkdirSync(lock);
    utimesSync(lock, t0, t0);
    await expect(runSimulatorOnce(dataDir, t0)).rejects.toThrow(/lock/);
    expect((await runSimulatorOnce(dataDir, new Date(t0.getTime() + 11 * 60_000))).published).toEqual([]);
    expect(existsSync(lock)).toBe(false);
  });

  it('answers a resubmitted file again, and reports a file it cannot read', async () => {
    await drop('B000022_837P.txt', primary837, t0);
    await runSimulatorOnce(dataDir, t0);
    await drop('B000022_837P.txt', primary837, t0);
    const second = await runSimulatorOnce(dataDir, t0);
    expect(second.resubmitted).toEqual(['B000022_837P.txt']);
    expect(second.published).toEqual(['999', '277CA', '835'].map((k) => `SIMULATOR_B000022_837P_R2_${k}.txt`));
    await drop('B000023_837P.txt', Buffer.from('not X12 at all'), t0);
    const third = await runSimulatorOnce(dataDir, t0);
    expect(third.failed.map((f) => f.name)).toEqual(['B000023_837P.txt']);
    expect(third.published).toEqual(['SIMULATOR_B000023_837P_FAILED.txt']);
    expect(readFileSync(join(ch.outboundDir, 'SIMULATOR_B000023_837P_FAILED.txt'), 'utf8')).toMatch(/^SIMULATOR \(not Office Ally\)/);
  });

  it('publishes a late 835 and a reversal days after, under the scenarios the file came in with', async () => {
    await drop('B000030_837P.txt', primary837, t0);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const dayMs = 60_000;
    const first = await runSimulatorOnce(dataDir, t0, { scenarios: { ACME1: { kind: 'pays-late', days: 2 } }, dayMs });
    expect(first.published).toEqual(['SIMULATOR_B000030_837P_999.txt', 'SIMULATOR_B000030_837P_277CA.txt']);
    // A later change of scenario does not change what this file gets.
    const changed = { scenarios: { ACME1: { kind: 'rejects-999' as const } }, dayMs };
    expect((await runSimulatorOnce(dataDir, at(2 * dayMs - 1), changed)).published).toEqual([]);
    expect((await runSimulatorOnce(dataDir, at(2 * dayMs), changed)).published).toEqual(['SIMULATOR_B000030_837P_835_LATE2.txt']);
    const late = readFileSync(join(ch.outboundDir, 'SIMULATOR_B000030_837P_835_LATE2.txt'), 'latin1');
    expect(late).toMatch(/CLP\*PCN1001\*1\*/);

    await drop('B000031_837P.txt', primary837, t0);
    await runSimulatorOnce(dataDir, t0, { scenarios: { ACME1: { kind: 'reverses', days: 1 } }, dayMs });
    expect((await runSimulatorOnce(dataDir, at(dayMs), { dayMs })).published).toEqual(['SIMULATOR_B000031_837P_835_REVERSAL1.txt']);
    const reversal = readFileSync(join(ch.outboundDir, 'SIMULATOR_B000031_837P_835_REVERSAL1.txt'), 'latin1');
    expect(reversal).toMatch(/CLP\*PCN1001\*22\*-250\*/);
  });
});
