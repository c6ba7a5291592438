import { ClearinghouseConfigError } from './errors';

/**
 * Clearinghouse configuration, read from the environment. Credentials never live in the
 * repository: they come from these variables or from a key file they point to.
 *
 * Choosing the adapter:
 * - `CLEARINGHOUSE`: `local-directory` (default, the embedded default with the payer simulator)
 *   or `office-ally-sftp`.
 * - `CLEARINGHOUSE_DATA_DIR`: the local directory clearinghouse's folder (default
 *   `.data/clearinghouse`; it holds `inbound/`, `outbound/`, `.staging/`, `archive/`).
 *
 * Office Ally over SFTP (`CLEARINGHOUSE=office-ally-sftp`):
 * - `OA_SFTP_HOST` (required): the SFTP host Office Ally assigned to the account.
 * - `OA_SFTP_PORT`: default 22.
 * - `OA_SFTP_USERNAME` (required).
 * - `OA_SFTP_PASSWORD` or `OA_SFTP_PRIVATE_KEY_PATH` (one is required; a key wins if both are
 *   set); `OA_SFTP_PRIVATE_KEY_PASSPHRASE` if the key is encrypted.
 * - `OA_SFTP_HOST_KEY_SHA256` (required): the server's host key fingerprint as OpenSSH prints it
 *   (`ssh-keygen -lf key.pub -E sha256` gives `SHA256:…`); several may be given, separated by
 *   commas, while a key is being rotated. Any other key is refused.
 * - `OA_SFTP_INBOUND_DIR`: where batch files are uploaded; default `inbound`.
 * - `OA_SFTP_OUTBOUND_DIR`: where responses wait; default `outbound`.
 * - `OA_SFTP_STAGING_DIR`: where an upload is written under a temporary name (ending in `.part`)
 *   before the rename into the inbound folder; default `staging`, a folder of its own beside
 *   `inbound` (made if missing), so a clearinghouse that sweeps unknown files out of the inbound
 *   folder never removes a staged file. It must be on the same server filesystem as the inbound
 *   folder (the commit is a rename). Setting it to the inbound folder works, but a committed
 *   upload whose file is then gone counts as sent only once the clearinghouse answers it.
 * - `OA_TEST_MODE` (required, `true` or `false`): whether uploads are Office Ally test files.
 *   Test files carry the test marker in their name; production files must not.
 * - `OA_TEST_FILE_MARKER`: the test marker; default `OATEST`.
 * - `OA_SFTP_AFTER_DOWNLOAD`: what `acknowledge` does with a response once it is kept: `keep`
 *   (default), `delete`, or `archive` (move into `OA_SFTP_ARCHIVE_DIR`, required then).
 * - `OA_SFTP_READY_TIMEOUT_MS`: SSH handshake timeout; default 20000.
 * - `OA_SFTP_OPERATION_TIMEOUT_MS`: longest one list, upload or download may take; default 120000.
 * - `OA_SFTP_KEEPALIVE_INTERVAL_MS`: SSH keepalive interval; default 10000 (3 missed = lost).
 */
export type Env = Readonly<Record<string, string | undefined>>;

export type AfterDownload = { action: 'keep' } | { action: 'delete' } | { action: 'archive'; dir: string };

export interface OfficeAllySftpConfig {
  host: string;
  port: number;
  username: string;
  auth: { password: string } | { privateKeyPath: string; passphrase?: string };
  /** Pinned host key fingerprints, normalised to `SHA256:<base64 without padding>`. */
  hostKeySha256: string[];
  inboundDir: string;
  outboundDir: string;
  stagingDir: string;
  testMode: boolean;
  testFileMarker: string;
  afterDownload: AfterDownload;
  readyTimeoutMs: number;
  operationTimeoutMs: number;
  keepaliveIntervalMs: number;
}

export interface LocalDirectoryConfig {
  dataDir: string;
}

export type ClearinghouseConfig =
  { kind: 'local-directory'; local: LocalDirectoryConfig } | { kind: 'office-ally-sftp'; officeAlly: OfficeAllySftpConfig };

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function required(env: Env, name: string, what: string): string {
  const v = value(env, name);
  if (v === undefined) throw new ClearinghouseConfigError(name, `${name} is not set: it must give ${what}`);
  return v;
}

function positiveInt(env: Env, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) {
    throw new ClearinghouseConfigError(name, `${name} must be a whole number from 1 to ${max}, got "${v}"`);
  }
  return Number(v);
}

function bool(env: Env, name: string): boolean {
  const v = required(env, name, '"true" or "false"').toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  throw new ClearinghouseConfigError(name, `${name} must be "true" or "false", got "${v}"`);
}

const FINGERPRINT = /^(?:SHA256:)?([A-Za-z0-9+/]{43})=?$/;

/** "SHA256:abc…", "abc…=" -> "SHA256:abc…" (OpenSSH's form), or null if it is not one. */
export function normaliseFingerprint(text: string): string | null {
  const m = FINGERPRINT.exec(text.trim());
  return m ? `SHA256:${m[1]}` : null;
}

function folder(env: Env, name: string, fallback: string): string {
  const v = value(env, name) ?? fallback;
  if (v.split('/').some((part) => part === '..')) {
    throw new ClearinghouseConfigError(name, `${name} must not contain "..", got "${v}"`);
  }
  return v.length > 1 ? v.replace(/\/+$/, '') : v;
}

export function loadOfficeAllySftpConfig(env: Env = process.env): OfficeAllySftpConfig {
  const host = required(env, 'OA_SFTP_HOST', 'the Office Ally SFTP host name');
  const port = positiveInt(env, 'OA_SFTP_PORT', 22, 65535);
  const username = required(env, 'OA_SFTP_USERNAME', 'the Office Ally SFTP user name');
  const keyPath = value(env, 'OA_SFTP_PRIVATE_KEY_PATH');
  const password = value(env, 'OA_SFTP_PASSWORD');
  let auth: OfficeAllySftpConfig['auth'];
  if (keyPath !== undefined) {
    const passphrase = value(env, 'OA_SFTP_PRIVATE_KEY_PASSPHRASE');
    auth = passphrase === undefined ? { privateKeyPath: keyPath } : { privateKeyPath: keyPath, passphrase };
  } else if (password !== undefined) {
    auth = { password };
  } else {
    throw new ClearinghouseConfigError(
      'OA_SFTP_PRIVATE_KEY_PATH',
      'neither OA_SFTP_PRIVATE_KEY_PATH nor OA_SFTP_PASSWORD is set: one of them must give the Office Ally SFTP credentials',
    );
  }
  const pinsText = required(env, 'OA_SFTP_HOST_KEY_SHA256', 'the SFTP server host key fingerprint, like "SHA256:…"');
  const hostKeySha256 = pinsText.split(',').map((pin) => {
    const normal = normaliseFingerprint(pin);
    if (normal === null) {
      throw new ClearinghouseConfigError(
        'OA_SFTP_HOST_KEY_SHA256',
        `OA_SFTP_HOST_KEY_SHA256 must hold fingerprints like "SHA256:" + 43 base64 characters (as ssh-keygen -l -E sha256 prints them), got "${pin.trim()}"`,
      );
    }
    return normal;
  });
  const inboundDir = folder(env, 'OA_SFTP_INBOUND_DIR', 'inbound');
  const outboundDir = folder(env, 'OA_SFTP_OUTBOUND_DIR', 'outbound');
  const stagingDir = folder(env, 'OA_SFTP_STAGING_DIR', 'staging');
  const testMode = bool(env, 'OA_TEST_MODE');
  const testFileMarker = value(env, 'OA_TEST_FILE_MARKER') ?? 'OATEST';
  if (!/^[A-Za-z0-9]+$/.test(testFileMarker)) {
    throw new ClearinghouseConfigError('OA_TEST_FILE_MARKER', `OA_TEST_FILE_MARKER must be letters and digits, got "${testFileMarker}"`);
  }
  const after = (value(env, 'OA_SFTP_AFTER_DOWNLOAD') ?? 'keep').toLowerCase();
  let afterDownload: AfterDownload;
  if (after === 'keep' || after === 'delete') afterDownload = { action: after };
  else if (after === 'archive') {
    afterDownload = {
      action: 'archive',
      dir: folder(
        env,
        'OA_SFTP_ARCHIVE_DIR',
        required(env, 'OA_SFTP_ARCHIVE_DIR', 'the folder responses are moved to once kept (OA_SFTP_AFTER_DOWNLOAD=archive)'),
      ),
    };
  } else {
    throw new ClearinghouseConfigError('OA_SFTP_AFTER_DOWNLOAD', `OA_SFTP_AFTER_DOWNLOAD must be keep, delete or archive, got "${after}"`);
  }
  return {
    host,
    port,
    username,
    auth,
    hostKeySha256,
    inboundDir,
    outboundDir,
    stagingDir,
    testMode,
    testFileMarker,
    afterDownload,
    readyTimeoutMs: positiveInt(env, 'OA_SFTP_READY_TIMEOUT_MS', 20_000),
    operationTimeoutMs: positiveInt(env, 'OA_SFTP_OPERATION_TIMEOUT_MS', 120_000),
    keepaliveIntervalMs: positiveInt(env, 'OA_SFTP_KEEPALIVE_INTERVAL_MS', 10_000),
  };
}

export function loadLocalDirectoryConfig(env: Env = process.env): LocalDirectoryConfig {
  return { dataDir: value(env, 'CLEARINGHOUSE_DATA_DIR') ?? '.data/clearinghouse' };
}

export function loadClearinghouseConfig(env: Env = process.env): ClearinghouseConfig {
  const kind = value(env, 'CLEARINGHOUSE') ?? 'local-directory';
  if (kind === 'local-directory') return { kind, local: loadLocalDirectoryConfig(env) };
  if (kind === 'office-ally-sftp') return { kind, officeAlly: loadOfficeAllySftpConfig(env) };
  throw new ClearinghouseConfigError('CLEARINGHOUSE', `CLEARINGHOUSE must be local-directory or office-ally-sftp, got "${kind}"`);
}
