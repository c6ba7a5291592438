/**
 * Against a real OpenSSH sshd, with a clearinghouse that sweeps files it does not know (anything
 * not named as a claim file) out of the inbound folder: an upload staged in a folder of its own
 * (the default) is never swept; staged in the inbound folder, a swept staged file is staged
 * again, and a commit whose file is gone is never counted as sent unless the clearinghouse
 * answered it.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'fs';
import { join } from 'path';
import {
  DeliveryUnconfirmedError,
  OfficeAllySftpClearinghouse,
  StagingSweptError,
  isRetryable,
  sha256Hex,
  stagingName,
  type OfficeAllySftpConfig,
  type UploadAttemptRecord,
  type UploadOptions,
} from '../../../clearinghouse';
import { startSshd, type SshdServer } from '../../support/sshd';

jest.setTimeout(120_000);

let server: SshdServer;
const open: OfficeAllySftpClearinghouse[] = [];

beforeAll(async () => {
  server = await startSshd();
});

afterAll(async () => {
  for (const c of open) await c.close().catch(() => undefined);
  await server?.dispose();
});

const staging = () => join(server.rootDir, 'staging');

beforeEach(async () => {
  await server.start();
  for (const dir of [server.localInbound, staging()]) {
    if (existsSync(dir)) for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
  }
});

function adapter(over: Partial<OfficeAllySftpConfig> = {}): OfficeAllySftpClearinghouse {
  const c = new OfficeAllySftpClearinghouse({
    host: server.host,
    port: server.port,
    username: server.username,
    auth: { privateKeyPath: server.privateKeyPath },
    hostKeySha256: [server.hostKeySha256],
    inboundDir: server.inboundDir,
    outboundDir: server.outboundDir,
    stagingDir: 'staging',
    testMode: true,
    testFileMarker: 'OATEST',
    afterDownload: { action: 'keep' },
    readyTimeoutMs: 5_000,
    operationTimeoutMs: 10_000,
    keepaliveIntervalMs: 1_000,
    ...over,
  });
  open.push(c);
  return c;
}

/** The clearinghouse's sweeper: removes every file of the inbound folder not named as a claim file; returns what it removed. */
function sweep(): string[] {
  const removed = readdirSync(server.localInbound).filter((name) => !name.includes('837P'));
  for (const name of removed) rmSync(join(server.localInbound, name), { force: true });
  return removed;
}

/** The caller's durable record, as sendBatch keeps it. */
class Record {
  record: UploadAttemptRecord | null = null;
  dropped = 0;
  options(extra: Partial<UploadOptions> = {}): UploadOptions {
    return {
      previous: this.record,
      beforeCommit: async ({ name, sha256 }) => {
        this.record = { name, sha256, state: 'committing' };
      },
      notCommitted: async () => {
        this.record = null;
        this.dropped += 1;
      },
      ...extra,
    };
  }
}

const inboundNames = () => readdirSync(server.localInbound).sort();

it('staged in its own folder (the default), a sweeping clearinghouse never sees a half-sent file', async () => {
  const ch = adapter();
  const file = { name: 'B000011_837P_OATEST.txt', content: Buffer.from('ISA*batch 11~'.repeat(200_000)) };
  const swept: string[] = [];
  const sweeper = setInterval(() => swept.push(...sweep()), 2);
  try {
    const receipt = await ch.upload(file, new Record().options());
    expect(receipt.outcome).toBe('uploaded');
  } finally {
    clearInterval(sweeper);
  }
  expect(swept).toEqual([]);
  expect(inboundNames()).toEqual([file.name]);
  expect(sha256Hex(readFileSync(join(server.localInbound, file.name)))).toBe(sha256Hex(file.content));
  expect(readdirSync(staging())).toEqual([]);
});

describe('staged in the inbound folder, swept before the rename', () => {
  const file = { name: 'B000012_837P_OATEST.txt', content: Buffer.from('ISA*batch 12~'.repeat(1000)) };

  it('once: the file is staged again and delivered', async () => {
    const ch = adapter({ stagingDir: server.inboundDir });
    const record = new Record();
    let sweeps = 0;
    const options = record.options();
    const receipt = await ch.upload(file, {
      ...options,
      beforeCommit: async (intent) => {
        await options.beforeCommit?.(intent);
        if (sweeps++ === 0) expect(sweep()).toEqual([stagingName(sha256Hex(file.content))]);
      },
    });
    expect(receipt.outcome).toBe('uploaded');
    expect(inboundNames()).toEqual([file.name]);
  });

  it('every time: not sent, the commit record dropped, and sent by the retry once the sweeping stops', async () => {
    const ch = adapter({ stagingDir: server.inboundDir });
    const record = new Record();
    const options = record.options();
    const failed = await ch
      .upload(file, {
        ...options,
        beforeCommit: async (intent) => {
          await options.beforeCommit?.(intent);
          sweep();
        },
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StagingSweptError);
    expect(isRetryable(failed)).toBe(false);
    expect(record).toMatchObject({ record: null, dropped: 1 });
    expect(inboundNames()).toEqual([]);

    expect((await ch.upload(file, record.options())).outcome).toBe('uploaded');
    expect(inboundNames()).toEqual([file.name]);
  });

  it('after a commit was begun and the server went away: never counted as sent unless the clearinghouse answered it', async () => {
    const ch = adapter({ stagingDir: server.inboundDir });
    const record = new Record();
    const options = record.options();
    const first = await ch
      .upload(file, {
        ...options,
        beforeCommit: async (intent) => {
          await options.beforeCommit?.(intent);
          await server.stop();
        },
      })
      .catch((e: unknown) => e);
    expect(isRetryable(first)).toBe(true);
    expect(record.record?.state).toBe('committing');
    expect(sweep()).toEqual([stagingName(sha256Hex(file.content))]); // swept while the server was away

    await server.start();
    const unconfirmed = await ch.upload(file, record.options()).catch((e: unknown) => e);
    expect(unconfirmed).toBeInstanceOf(DeliveryUnconfirmedError);
    expect(inboundNames()).toEqual([]);
    const answered = await ch.upload(file, record.options({ isAnswered: async () => true }));
    expect(answered.outcome).toBe('previously-committed');
  });
});

it('two attempts of the same upload overlapping (a retry started while a slow attempt still runs): one file delivered, once', async () => {
  // Two workers, two connections, one durable record (the batch row both attempts read and write).
  const [slow, retry] = [adapter(), adapter()];
  const record = new Record();
  const file = { name: 'B000013_837P_OATEST.txt', content: Buffer.from('ISA*batch 13~'.repeat(50_000)) };
  let releaseSlow!: () => void;
  const slowMayCommit = new Promise<void>((resolve) => (releaseSlow = resolve));
  let slowStaged!: () => void;
  const slowHasStaged = new Promise<void>((resolve) => (slowStaged = resolve));
  const slowOptions = record.options();
  const first = slow.upload(file, {
    ...slowOptions,
    beforeCommit: async (intent) => {
      await slowOptions.beforeCommit?.(intent);
      slowStaged();
      // The attempt stalls here past its timeout; the retry runs meanwhile.
      await slowMayCommit;
    },
  });
  await slowHasStaged;
  const second = await retry.upload(file, record.options());
  releaseSlow();
  const firstReceipt = await first;

  const delivered = [second.outcome, firstReceipt.outcome];
  expect(delivered.filter((o) => o === 'uploaded' || o === 'committed-staged').length).toBeLessThanOrEqual(1);
  expect(inboundNames()).toEqual([file.name]);
  expect(sha256Hex(readFileSync(join(server.localInbound, file.name)))).toBe(sha256Hex(file.content));
  expect(readdirSync(staging())).toEqual([]);
});
