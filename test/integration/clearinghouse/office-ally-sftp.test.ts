import { randomBytes } from 'crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'fs';
import { join } from 'path';
import {
  AuthenticationError,
  ClearinghouseConnectionError,
  HostKeyMismatchError,
  InvalidFileNameError,
  OfficeAllySftpClearinghouse,
  isRetryable,
  sha256Hex,
  stagingName,
  type Clearinghouse,
  type OfficeAllySftpConfig,
  type UploadAttemptRecord,
  type UploadOptions,
  type UploadReceipt,
} from '../../../clearinghouse';
import { startSshd, type SshdServer } from '../../support/sshd';

jest.setTimeout(120_000);

let server: SshdServer;
const open: Clearinghouse[] = [];

beforeAll(async () => {
  server = await startSshd();
});

afterAll(async () => {
  for (const c of open) await c.close().catch(() => undefined);
  await server?.dispose();
});

beforeEach(async () => {
  await server.start();
  for (const dir of [server.localInbound, server.localOutbound, localStaging()]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
  }
});

/** The staging folder (default `staging`, beside `inbound`; the adapter makes it). */
function localStaging(): string {
  return join(server.rootDir, 'staging');
}

function stagedNames(): string[] {
  return existsSync(localStaging()) ? readdirSync(localStaging()).sort() : [];
}

function config(over: Partial<OfficeAllySftpConfig> = {}): OfficeAllySftpConfig {
  return {
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
    afterDownload: { action: 'delete' },
    readyTimeoutMs: 5_000,
    operationTimeoutMs: 10_000,
    keepaliveIntervalMs: 1_000,
    ...over,
  };
}

function adapter(over: Partial<OfficeAllySftpConfig> = {}): OfficeAllySftpClearinghouse {
  const c = new OfficeAllySftpClearinghouse(config(over));
  open.push(c);
  return c;
}

/** Retries as a Temporal activity would: retryable errors again (with a short backoff), others thrown. */
async function retrying<T>(fn: (attempt: number) => Promise<T>, attempts = 8): Promise<{ value: T; failures: unknown[] }> {
  const failures: unknown[] = [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { value: await fn(attempt), failures };
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      failures.push(error);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** The caller's durable record of an upload, as the activity keeps it in the database. */
class UploadRecord {
  record: UploadAttemptRecord | null = null;
  options(): UploadOptions {
    return {
      previous: this.record,
      beforeCommit: async ({ name, sha256 }) => {
        this.record = { name, sha256, state: 'committing' };
      },
    };
  }
  done(receipt: UploadReceipt): void {
    this.record = { name: receipt.name, sha256: receipt.sha256, state: 'uploaded' };
  }
}

function inboundNames(): string[] {
  return readdirSync(server.localInbound).sort();
}

describe('Office Ally SFTP adapter against a real OpenSSH server', () => {
  it('uploads a batch file once, under its final name, with nothing half-written left', async () => {
    const ch = adapter();
    const file = { name: 'B000001_837P_OATEST.txt', content: Buffer.from('ISA*00*...~claim file~') };
    const first = await ch.upload(file);
    expect(first).toMatchObject({ name: file.name, outcome: 'uploaded', sizeBytes: file.content.length, sha256: sha256Hex(file.content) });
    expect(inboundNames()).toEqual([file.name]);
    expect(readFileSync(join(server.localInbound, file.name))).toEqual(file.content);
    expect((await ch.upload(file)).outcome).toBe('already-present');
    expect(inboundNames()).toEqual([file.name]);
    await expect(ch.upload({ name: file.name, content: Buffer.from('other content') })).rejects.toMatchObject({
      code: 'UPLOAD_CONFLICT',
      retryable: false,
    });
  });

  it('refuses names that break the naming rules before connecting', async () => {
    const ch = adapter();
    await expect(ch.upload({ name: 'B000002.txt', content: Buffer.from('x') })).rejects.toBeInstanceOf(InvalidFileNameError);
    await expect(ch.upload({ name: 'B000002_837P.txt', content: Buffer.from('x') })).rejects.toThrow(/test marker/);
    await expect(adapter({ testMode: false }).upload({ name: 'B000002_837P_OATEST.txt', content: Buffer.from('x') })).rejects.toThrow(
      /OA_TEST_MODE is false/,
    );
    expect(inboundNames()).toEqual([]);
  });

  it('polls the outbound folder and downloads each response once', async () => {
    const ch = adapter();
    const kept = new Map<string, string>();
    let downloads = 0;
    const poll = async () => {
      for (const remote of await ch.listResponses()) {
        if (!kept.has(remote.name)) {
          const content = await ch.download(remote.name);
          downloads += 1;
          expect(content.length).toBe(remote.sizeBytes);
          kept.set(remote.name, sha256Hex(content));
        }
        await ch.acknowledge(remote.name);
      }
    };
    writeFileSync(join(server.localOutbound, 'R1_999.txt'), 'ISA*999~');
    writeFileSync(join(server.localOutbound, 'R1_835.txt'), 'ISA*835~');
    writeFileSync(join(server.localOutbound, 'upload-123.part'), 'half');
    const listed = await ch.listResponses();
    expect(listed.map((f) => f.name)).toEqual(['R1_835.txt', 'R1_999.txt']);
    expect(listed[0]?.modifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await poll();
    await poll();
    expect(downloads).toBe(2);
    expect(readdirSync(server.localOutbound)).toEqual(['upload-123.part']);
    writeFileSync(join(server.localOutbound, 'R2_277CA.txt'), 'ISA*277~');
    await poll();
    expect(downloads).toBe(3);
    expect([...kept.keys()].sort()).toEqual(['R1_835.txt', 'R1_999.txt', 'R2_277CA.txt']);
    await expect(ch.download('missing.txt')).rejects.toMatchObject({ code: 'NOT_FOUND', retryable: false });
    await expect(ch.acknowledge('R1_999.txt')).resolves.toBeUndefined();
  });

  it('refuses a server whose host key is not the pinned one, naming host and fingerprint', async () => {
    const pinned = 'SHA256:' + 'Q'.repeat(43);
    const ch = adapter({ hostKeySha256: [pinned] });
    const error = await ch.listResponses().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect((error as HostKeyMismatchError).seenFingerprint).toBe(server.hostKeySha256);
    expect((error as Error).message).toContain(`${server.host}:${server.port}`);
    expect((error as Error).message).toContain(server.hostKeySha256);
    expect(isRetryable(error)).toBe(false);
  });

  it('reports refused credentials as not retryable', async () => {
    const ch = adapter({ auth: { privateKeyPath: server.unauthorizedKeyPath } });
    const error = await ch.listResponses().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(isRetryable(error)).toBe(false);
  });

  it('a server that is down is a retryable connection error, and the adapter reconnects', async () => {
    const ch = adapter();
    await ch.listResponses();
    await server.stop();
    const error = await ch.listResponses().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClearinghouseConnectionError);
    expect(isRetryable(error)).toBe(true);
    await server.start();
    await expect(ch.listResponses()).resolves.toEqual([]);
  });

  it('server stopped in the middle of an upload: the retry completes it, one file, no second claim', async () => {
    const ch = adapter();
    const content = randomBytes(96 * 1024 * 1024);
    const file = { name: 'B000003_837P_OATEST.txt', content };
    const staged = join(localStaging(), stagingName(sha256Hex(content)));
    const record = new UploadRecord();
    const attempt = ch.upload(file, record.options()).then(
      (r) => ({ ok: true as const, r }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    // Stop the server as soon as part of the file has arrived.
    for (let i = 0; i < 20_000; i += 1) {
      if (existsSync(staged) && statSync(staged).size > 0) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    const partial = existsSync(staged) ? statSync(staged).size : 0;
    await server.stop();
    const first = await attempt;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(content.length);
    expect(first.ok).toBe(false);
    if (!first.ok) expect(isRetryable(first.e)).toBe(true);
    expect(inboundNames()).toEqual([]);
    expect(stagedNames()).toEqual([stagingName(sha256Hex(content))]);
    expect(record.record).toBeNull(); // never reached the commit

    await server.start();
    const { value: receipt } = await retrying(() => ch.upload(file, record.options()));
    record.done(receipt);
    expect(receipt.outcome).toBe('uploaded');
    expect(inboundNames()).toEqual([file.name]);
    expect(stagedNames()).toEqual([]);
    expect(sha256Hex(readFileSync(join(server.localInbound, file.name)))).toBe(sha256Hex(content));
  });

  it('server stopped between staging and commit, then Office Ally takes the file: sent exactly once', async () => {
    const ch = adapter();
    const file = { name: 'B000004_837P_OATEST.txt', content: Buffer.from('ISA*batch 4~'.repeat(1000)) };
    const record = new UploadRecord();
    const options = record.options();
    const first = await ch
      .upload(file, {
        ...options,
        beforeCommit: async (intent) => {
          await options.beforeCommit?.(intent);
          await server.stop();
        },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isRetryable(first)).toBe(true);
    expect(record.record?.state).toBe('committing');
    expect(inboundNames()).toEqual([]);
    expect(stagedNames()).toEqual([stagingName(sha256Hex(file.content))]);

    await server.start();
    const { value: receipt } = await retrying(() => ch.upload(file, record.options()));
    expect(receipt.outcome).toBe('committed-staged');
    expect(inboundNames()).toEqual([file.name]);

    // The activity dies before it records the receipt; Office Ally takes the file meanwhile.
    rmSync(join(server.localInbound, file.name));
    const again = await ch.upload(file, record.options());
    expect(again.outcome).toBe('previously-committed');
    expect(inboundNames()).toEqual([]);
  });

  it('server frozen then restarted in the middle of a download: timeout, retry, kept once', async () => {
    const ch = adapter({ operationTimeoutMs: 8_000 });
    const content = randomBytes(16 * 1024 * 1024);
    writeFileSync(join(server.localOutbound, 'R3_835.txt'), content);
    const listed = await ch.listResponses();
    expect(listed.map((f) => f.name)).toEqual(['R3_835.txt']);
    const kept = new Map<string, Buffer>();
    const download = ch.download('R3_835.txt').then(
      (b) => ({ ok: true as const, b }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    await new Promise((r) => setImmediate(r));
    server.freeze();
    const frozenAt = Date.now();
    const first = await download;
    // The keepalive (1 s, 3 missed) or the operation timeout ends the wait.
    expect(Date.now() - frozenAt).toBeLessThan(9_000);
    if (first.ok) {
      kept.set('R3_835.txt', first.b); // it was quicker than the freeze: fine, kept once
    } else {
      expect(isRetryable(first.e)).toBe(true);
    }
    await server.stop();
    await server.start();
    const { value: files } = await retrying(() => ch.listResponses());
    for (const f of files) {
      if (kept.has(f.name)) continue;
      const { value } = await retrying(() => ch.download(f.name));
      kept.set(f.name, value);
    }
    expect([...kept.keys()]).toEqual(['R3_835.txt']);
    expect(sha256Hex(kept.get('R3_835.txt') as Buffer)).toBe(sha256Hex(content));
  });
});
