import {
  AuthenticationError,
  ClearinghouseConfigError,
  ClearinghouseConnectionError,
  ClearinghouseTimeoutError,
  InvalidFileNameError,
  RemoteFileNotFoundError,
  UploadConflictError,
  checkOfficeAllyUploadName,
  classifySftpError,
  isRetryable,
  loadClearinghouseConfig,
  loadOfficeAllySftpConfig,
  officeAllyUploadName,
  sha256Hex,
  sshFingerprint,
  stagingName,
} from '../../../clearinghouse';
import { idempotentUpload, type StagingStore } from '../../../clearinghouse/idempotent-upload';

const PIN = 'SHA256:' + 'A'.repeat(43);
const base = {
  OA_SFTP_HOST: 'sftp.example.test',
  OA_SFTP_USERNAME: 'practice1',
  OA_SFTP_PASSWORD: 'not-a-real-password',
  OA_SFTP_HOST_KEY_SHA256: PIN,
  OA_TEST_MODE: 'true',
};

describe('Office Ally SFTP configuration', () => {
  it('reads the variables with their defaults', () => {
    const config = loadOfficeAllySftpConfig(base);
    expect(config).toMatchObject({
      host: 'sftp.example.test',
      port: 22,
      username: 'practice1',
      auth: { password: 'not-a-real-password' },
      hostKeySha256: [PIN],
      inboundDir: 'inbound',
      outboundDir: 'outbound',
      stagingDir: 'staging',
      testMode: true,
      testFileMarker: 'OATEST',
      afterDownload: { action: 'keep' },
    });
  });

  it('prefers a key file, accepts several pins and bare base64', () => {
    const config = loadOfficeAllySftpConfig({
      ...base,
      OA_SFTP_PRIVATE_KEY_PATH: '/secrets/oa_key',
      OA_SFTP_HOST_KEY_SHA256: `${'B'.repeat(43)}=, ${PIN}`,
      OA_SFTP_AFTER_DOWNLOAD: 'archive',
      OA_SFTP_ARCHIVE_DIR: 'kept/',
    });
    expect(config.auth).toEqual({ privateKeyPath: '/secrets/oa_key' });
    expect(config.hostKeySha256).toEqual([`SHA256:${'B'.repeat(43)}`, PIN]);
    expect(config.afterDownload).toEqual({ action: 'archive', dir: 'kept' });
  });

  it.each([
    ['OA_SFTP_HOST', { OA_SFTP_HOST: undefined }],
    ['OA_SFTP_USERNAME', { OA_SFTP_USERNAME: ' ' }],
    ['OA_SFTP_PRIVATE_KEY_PATH', { OA_SFTP_PASSWORD: undefined }],
    ['OA_SFTP_HOST_KEY_SHA256', { OA_SFTP_HOST_KEY_SHA256: undefined }],
    ['OA_SFTP_HOST_KEY_SHA256', { OA_SFTP_HOST_KEY_SHA256: 'MD5:aa:bb' }],
    ['OA_TEST_MODE', { OA_TEST_MODE: undefined }],
    ['OA_TEST_MODE', { OA_TEST_MODE: 'maybe' }],
    ['OA_SFTP_PORT', { OA_SFTP_PORT: '70000' }],
    ['OA_SFTP_INBOUND_DIR', { OA_SFTP_INBOUND_DIR: '../etc' }],
    ['OA_SFTP_ARCHIVE_DIR', { OA_SFTP_AFTER_DOWNLOAD: 'archive' }],
  ])('names %s when it is missing or wrong', (variable, change) => {
    try {
      loadOfficeAllySftpConfig({ ...base, ...change });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(error).toBeInstanceOf(ClearinghouseConfigError);
      expect((error as ClearinghouseConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message).not.toContain('not-a-real-password');
      expect(isRetryable(error)).toBe(false);
    }
  });

  it('chooses the adapter, local directory by default', () => {
    expect(loadClearinghouseConfig({})).toEqual({ kind: 'local-directory', local: { dataDir: '.data/clearinghouse' } });
    expect(loadClearinghouseConfig({ ...base, CLEARINGHOUSE: 'office-ally-sftp' }).kind).toBe('office-ally-sftp');
    expect(() => loadClearinghouseConfig({ CLEARINGHOUSE: 'fax' })).toThrow(/CLEARINGHOUSE/);
  });
});

describe('Office Ally file names', () => {
  it('carry 837P, and the test marker only in test mode', () => {
    expect(officeAllyUploadName('B000123_20261127', { testMode: true })).toBe('B000123_20261127_837P_OATEST.txt');
    expect(officeAllyUploadName('B000123_20261127', { testMode: false })).toBe('B000123_20261127_837P.txt');
    const test = { testMode: true, testFileMarker: 'OATEST' };
    const prod = { testMode: false, testFileMarker: 'OATEST' };
    expect(() => checkOfficeAllyUploadName('B1_837P_OATEST.txt', test)).not.toThrow();
    expect(() => checkOfficeAllyUploadName('B1_837P.txt', prod)).not.toThrow();
    expect(() => checkOfficeAllyUploadName('B1.txt', test)).toThrow(InvalidFileNameError);
    expect(() => checkOfficeAllyUploadName('B1_837P.txt', test)).toThrow(/test marker/);
    expect(() => checkOfficeAllyUploadName('B1_837P_OATEST.txt', prod)).toThrow(/OA_TEST_MODE is false/);
    expect(() => checkOfficeAllyUploadName('../B1_837P.txt', prod)).toThrow(InvalidFileNameError);
    expect(() => checkOfficeAllyUploadName('dir/B1_837P.txt', prod)).toThrow(InvalidFileNameError);
  });
});

describe('host key fingerprints and error classes', () => {
  it('prints fingerprints as OpenSSH does', () => {
    // sha256("") in base64, without padding.
    expect(sshFingerprint(Buffer.alloc(0))).toBe('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU');
  });

  it('classifies ssh2 errors as retryable or not', () => {
    const auth = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' });
    expect(classifySftpError(auth, 'connect')).toBeInstanceOf(AuthenticationError);
    const timeout = Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' });
    expect(classifySftpError(timeout, 'connect')).toBeInstanceOf(ClearinghouseTimeoutError);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifySftpError(refused, 'connect')).toBeInstanceOf(ClearinghouseConnectionError);
    expect(classifySftpError(new Error('put: Unexpected close event'), 'put')).toBeInstanceOf(ClearinghouseConnectionError);
    expect(classifySftpError(Object.assign(new Error('No such file'), { code: 2 }), 'get')).toBeInstanceOf(RemoteFileNotFoundError);
    const denied = classifySftpError(Object.assign(new Error('Permission denied'), { code: 3 }), 'put');
    expect(denied.retryable).toBe(false);
    expect(isRetryable(refused)).toBe(true);
    expect(isRetryable(classifySftpError(refused, 'x'))).toBe(true);
    expect(isRetryable(classifySftpError(auth, 'x'))).toBe(false);
  });
});

/** An in-memory inbound folder that a "clearinghouse" empties, as Office Ally does. */
class MemoryStore implements StagingStore {
  final = new Map<string, Buffer>();
  staged = new Map<string, Buffer>();
  taken: string[] = [];
  failCommit = false;

  async sizeOf(where: 'final' | 'staged', name: string): Promise<number | null> {
    return (where === 'final' ? this.final : this.staged).get(name)?.length ?? null;
  }
  async readBack(where: 'final' | 'staged', name: string): Promise<Buffer | null> {
    return (where === 'final' ? this.final : this.staged).get(name) ?? null;
  }
  async writeStaged(name: string, content: Buffer): Promise<void> {
    this.staged.set(name, content);
  }
  async commit(staged: string, finalName: string): Promise<void> {
    if (this.failCommit) throw new ClearinghouseConnectionError('connection lost');
    if (this.final.has(finalName)) throw new Error('exists');
    const content = this.staged.get(staged);
    if (!content) throw new Error('no staged file');
    this.staged.delete(staged);
    this.final.set(finalName, content);
  }
  async removeStaged(name: string): Promise<void> {
    this.staged.delete(name);
  }
  pickUp(): void {
    for (const name of this.final.keys()) this.taken.push(name);
    this.final.clear();
  }
}

describe('idempotent upload', () => {
  const file = { name: 'B1_837P_OATEST.txt', content: Buffer.from('ISA*claim file') };
  const sha256 = sha256Hex(file.content);

  it('uploads once, then finds it already there', async () => {
    const store = new MemoryStore();
    expect((await idempotentUpload(store, file)).outcome).toBe('uploaded');
    expect((await idempotentUpload(store, file)).outcome).toBe('already-present');
    expect(store.staged.size).toBe(0);
    expect([...store.final.keys()]).toEqual([file.name]);
  });

  it('never sends again a file the clearinghouse took after the commit', async () => {
    const store = new MemoryStore();
    const records: unknown[] = [];
    await idempotentUpload(store, file, { beforeCommit: async (intent) => void records.push(intent) });
    expect(records).toEqual([{ name: file.name, sha256, sizeBytes: file.content.length }]);
    store.pickUp();
    const receipt = await idempotentUpload(store, file, { previous: { name: file.name, sha256, state: 'committing' } });
    expect(receipt.outcome).toBe('previously-committed');
    expect(store.taken).toEqual([file.name]);
    expect(store.final.size).toBe(0);
  });

  it('finishes a commit that did not happen', async () => {
    const store = new MemoryStore();
    store.failCommit = true;
    await expect(idempotentUpload(store, file)).rejects.toBeInstanceOf(ClearinghouseConnectionError);
    expect([...store.staged.keys()]).toEqual([stagingName(sha256)]);
    store.failCommit = false;
    const receipt = await idempotentUpload(store, file, { previous: { name: file.name, sha256, state: 'committing' } });
    expect(receipt.outcome).toBe('committed-staged');
    expect(store.final.get(file.name)).toEqual(file.content);
  });

  it('a beforeCommit that fails commits nothing', async () => {
    const store = new MemoryStore();
    await expect(
      idempotentUpload(store, file, {
        beforeCommit: async () => {
          throw new Error('database down');
        },
      }),
    ).rejects.toThrow('database down');
    expect(store.final.size).toBe(0);
  });

  it('refuses to overwrite other content, or a record of another file', async () => {
    const store = new MemoryStore();
    store.final.set(file.name, Buffer.from('something else'));
    await expect(idempotentUpload(store, file)).rejects.toBeInstanceOf(UploadConflictError);
    await expect(
      idempotentUpload(new MemoryStore(), file, { previous: { name: file.name, sha256: 'f'.repeat(64), state: 'uploaded' } }),
    ).rejects.toBeInstanceOf(UploadConflictError);
  });

  it('touches nothing when the record says uploaded', async () => {
    const store = new MemoryStore();
    const receipt = await idempotentUpload(store, file, { previous: { name: file.name, sha256, state: 'uploaded' } });
    expect(receipt.outcome).toBe('previously-uploaded');
    expect(store.final.size + store.staged.size).toBe(0);
  });
});
