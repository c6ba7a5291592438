import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { posix } from 'path';
import SftpClient from 'ssh2-sftp-client';
import type { Client as SshClient, ConnectConfig } from 'ssh2';
import type { OfficeAllySftpConfig } from './config';
import {
  AuthenticationError,
  ClearinghouseConfigError,
  ClearinghouseConnectionError,
  ClearinghouseError,
  ClearinghouseTimeoutError,
  HostKeyMismatchError,
  IncompleteTransferError,
  RemoteFileNotFoundError,
  RemoteOperationError,
} from './errors';
import { idempotentUpload, type StagingStore } from './idempotent-upload';
import { checkOfficeAllyUploadName, officeAllyUploadName } from './office-ally-names';
import {
  assertSafeFileName,
  isTemporaryName,
  type Clearinghouse,
  type OutgoingFile,
  type RemoteFile,
  type UploadOptions,
  type UploadReceipt,
} from './port';

/**
 * Office Ally over SFTP.
 *
 * Folders: batch files go to the account's `inbound` folder, responses (999, 277CA, 835 ERA and
 * Office Ally's own reports) wait in `outbound` (both configurable, see config.ts). An upload is
 * written first into a staging folder of its own (`staging`, made if missing; configurable) and
 * then renamed into `inbound`, so a half-written or not yet committed file never sits where the
 * clearinghouse sweeps. Office Ally takes files out of `inbound` once it picks them up, which is
 * why the upload contract of port.ts relies on the caller's record of a commit.
 *
 * Naming: the name of a claim file carries `837P`; a test file carries the test marker
 * (`OATEST` by default) and a production file must not. {@link officeAllyUploadName} builds such
 * names; `upload` refuses names that break the rules for the configured mode.
 *
 * Security: the server's host key must match a pinned SHA-256 fingerprint (refused otherwise,
 * with {@link HostKeyMismatchError}); credentials come from the environment or a key file.
 * Nothing here logs; error messages carry host, folder and batch file names only.
 */
/** OpenSSH's fingerprint of a raw host key: "SHA256:" + base64 of its SHA-256, no padding. */
export function sshFingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

interface ErrorShape {
  message?: unknown;
  code?: unknown;
  level?: unknown;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ERR_NOT_CONNECTED',
]);

/** Turns an ssh2 / ssh2-sftp-client error into a {@link ClearinghouseError}. */
export function classifySftpError(error: unknown, what: string): ClearinghouseError {
  if (error instanceof ClearinghouseError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = e.code;
  const level = typeof e.level === 'string' ? e.level : '';
  const text = `${what}: ${message}`;
  const options = { cause: error };
  if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return new AuthenticationError(`${what}: the SFTP server refused the credentials (${message})`, options);
  }
  if (level === 'client-timeout' || /timed out/i.test(message)) return new ClearinghouseTimeoutError(text, options);
  if (
    (typeof code === 'string' && CONNECTION_CODES.has(code)) ||
    ['client-socket', 'client-dns', 'protocol', 'handshake'].includes(level) ||
    /unexpected (end|close) event|no sftp connection|not connected|connection (lost|closed|reset)|socket|no response from server|channel/i.test(
      message,
    )
  ) {
    return new ClearinghouseConnectionError(text, options);
  }
  if (code === 2 || code === 'ENOENT' || /no such file/i.test(message)) return new RemoteFileNotFoundError(text, options);
  if (code === 3 || code === 'EACCES' || /permission denied/i.test(message)) {
    return new RemoteOperationError(`${text} (check the account's folders and rights)`, false, options);
  }
  return new RemoteOperationError(text, true, options);
}

export interface OfficeAllySftpDeps {
  /** Reads the private key file; defaults to fs.readFileSync. */
  readKey?: (path: string) => Buffer;
  now?: () => Date;
}

/** The Office Ally SFTP adapter of the clearinghouse port. */
export class OfficeAllySftpClearinghouse implements Clearinghouse {
  readonly kind = 'office-ally-sftp';
  private client: SftpClient | null = null;
  private alive = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly config: OfficeAllySftpConfig,
    private readonly deps: OfficeAllySftpDeps = {},
  ) {}

  claimFileName(stem: string): string {
    return officeAllyUploadName(stem, this.config);
  }

  async upload(file: OutgoingFile, options: UploadOptions = {}): Promise<UploadReceipt> {
    checkOfficeAllyUploadName(file.name, this.config);
    return this.serial(() => idempotentUpload(this.store(), file, options, this.deps.now));
  }

  listResponses(): Promise<RemoteFile[]> {
    return this.serial(() =>
      this.op(`list ${this.config.outboundDir}`, async (sftp) => {
        const entries = await sftp.list(this.config.outboundDir);
        return entries
          .filter((entry) => entry.type === '-' && !isTemporaryName(entry.name))
          .map((entry) => ({
            name: entry.name,
            sizeBytes: entry.size,
            modifiedAt: new Date(entry.modifyTime).toISOString(),
          }))
          .sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt) || a.name.localeCompare(b.name));
      }),
    );
  }

  async download(name: string): Promise<Buffer> {
    assertSafeFileName(name);
    const path = posix.join(this.config.outboundDir, name);
    return this.serial(() =>
      this.op(`download ${path}`, async (sftp) => {
        const content = await sftp.get(path);
        if (!Buffer.isBuffer(content)) throw new RemoteOperationError(`download ${path}: no bytes came back`, true);
        const after = await sftp.stat(path);
        if (after.size !== content.length) {
          throw new IncompleteTransferError(
            `download ${path}: read ${content.length} bytes but the file now holds ${after.size} (still being written?)`,
          );
        }
        return content;
      }),
    );
  }

  async acknowledge(name: string): Promise<void> {
    assertSafeFileName(name);
    const after = this.config.afterDownload;
    if (after.action === 'keep') return;
    const path = posix.join(this.config.outboundDir, name);
    return this.serial(() =>
      this.op(`acknowledge ${path}`, async (sftp) => {
        if (after.action === 'delete') {
          await sftp.delete(path, true);
          return;
        }
        if ((await sftp.exists(path)) === false) return;
        await sftp.rename(path, posix.join(after.dir, name));
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.drop(true);
  }

  private store(): StagingStore {
    const { inboundDir, stagingDir } = this.config;
    const pathOf = (where: 'final' | 'staged', name: string) => posix.join(where === 'final' ? inboundDir : stagingDir, name);
    return {
      stagesInInbound: posix.normalize(stagingDir) === posix.normalize(inboundDir),
      sizeOf: (where, name) =>
        this.op(`stat ${pathOf(where, name)}`, async (sftp) => {
          const type = await sftp.exists(pathOf(where, name));
          if (type === false) return null;
          return (await sftp.stat(pathOf(where, name))).size;
        }),
      readBack: (where, name) =>
        this.op(`read back ${pathOf(where, name)}`, async (sftp) => {
          try {
            const content = await sftp.get(pathOf(where, name));
            return Buffer.isBuffer(content) ? content : null;
          } catch (error) {
            const classified = classifySftpError(error, 'read back');
            if (classified.retryable) throw classified;
            return null; // not readable here: size alone has to do
          }
        }),
      writeStaged: (name, content) =>
        this.op(`upload ${pathOf('staged', name)}`, async (sftp) => {
          if ((await sftp.exists(stagingDir)) === false) await sftp.mkdir(stagingDir, true);
          await sftp.put(content, pathOf('staged', name));
        }),
      // Plain SFTP rename fails when the target exists (unlike posix-rename): never overwrites.
      commit: (staged, finalName) =>
        this.op(`rename into ${pathOf('final', finalName)}`, async (sftp) => {
          await sftp.rename(pathOf('staged', staged), pathOf('final', finalName));
        }),
      removeStaged: (name) =>
        this.op(`remove ${pathOf('staged', name)}`, async (sftp) => {
          await sftp.delete(pathOf('staged', name), true);
        }),
    };
  }

  /** Runs calls one after another on this instance. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One remote operation with a deadline; a connection-level failure drops the connection. */
  private async op<T>(what: string, fn: (sftp: SftpClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new ClearinghouseConnectionError(`${what}: the clearinghouse adapter is closed`);
    const sftp = await this.connection();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ClearinghouseTimeoutError(`${what}: no answer within ${this.config.operationTimeoutMs} ms`)),
        this.config.operationTimeoutMs,
      );
    });
    try {
      return await Promise.race([fn(sftp), deadline]);
    } catch (error) {
      const classified = classifySftpError(error, what);
      if (classified instanceof ClearinghouseConnectionError || classified instanceof ClearinghouseTimeoutError) {
        await this.drop(false);
      }
      throw classified;
    } finally {
      clearTimeout(timer);
    }
  }

  private async connection(): Promise<SftpClient> {
    if (this.client && this.alive) return this.client;
    await this.drop(false);
    const { host, port, username, hostKeySha256 } = this.config;
    let seen: string | null = null;
    const client = new SftpClient('office-ally', {
      error: () => {
        this.alive = false;
      },
      end: () => {
        this.alive = false;
      },
      close: () => {
        this.alive = false;
      },
    });
    const options: ConnectConfig = {
      host,
      port,
      username,
      readyTimeout: this.config.readyTimeoutMs,
      keepaliveInterval: this.config.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer) => {
        seen = sshFingerprint(key);
        return hostKeySha256.includes(seen);
      },
      ...this.credentials(),
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(options),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new ClearinghouseTimeoutError(`connect to ${host}:${port}: not ready within ${this.config.readyTimeoutMs} ms`)),
            this.config.readyTimeoutMs + 1000,
          );
        }),
      ]);
    } catch (error) {
      destroy(client);
      if (seen !== null && !hostKeySha256.includes(seen)) {
        throw new HostKeyMismatchError(host, port, seen, hostKeySha256);
      }
      throw classifySftpError(error, `connect to ${host}:${port}`);
    } finally {
      clearTimeout(timer);
    }
    this.client = client;
    this.alive = true;
    return client;
  }

  private credentials(): { password: string } | { privateKey: Buffer; passphrase?: string } {
    const auth = this.config.auth;
    if ('password' in auth) return { password: auth.password };
    let privateKey: Buffer;
    try {
      privateKey = (this.deps.readKey ?? ((p: string) => readFileSync(p)))(auth.privateKeyPath);
    } catch (error) {
      throw new ClearinghouseConfigError(
        'OA_SFTP_PRIVATE_KEY_PATH',
        `OA_SFTP_PRIVATE_KEY_PATH: cannot read the key file ${auth.privateKeyPath} (${(error as Error).message})`,
      );
    }
    return auth.passphrase === undefined ? { privateKey } : { privateKey, passphrase: auth.passphrase };
  }

  private async drop(graceful: boolean): Promise<void> {
    const client = this.client;
    this.client = null;
    this.alive = false;
    if (!client) return;
    if (graceful) {
      try {
        await Promise.race([client.end(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      } catch {
        // already gone
      }
    }
    destroy(client);
  }
}

function destroy(client: SftpClient): void {
  try {
    (client as unknown as { client: SshClient }).client.destroy();
  } catch {
    // already gone
  }
}
