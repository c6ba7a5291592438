import { InvalidFileNameError } from './errors';

/**
 * The clearinghouse port: how the rest of the system sends a batch file (837P) to the
 * clearinghouse and fetches what comes back (999, 277CA, 835, the clearinghouse's own reports).
 * Adapters: {@link ./office-ally-sftp} (Office Ally over SFTP) and {@link ./local-directory}
 * (folders on disk, for the embedded default and the payer simulator).
 *
 * Everything an adapter returns is plain JSON (dates as ISO strings) so that it can be an
 * activity result. Errors are {@link ./errors} classes with a `retryable` flag.
 */

/** A file to send: its final name at the clearinghouse and its exact bytes. */
export interface OutgoingFile {
  name: string;
  content: Buffer;
}

/**
 * What the caller durably recorded about an earlier attempt to upload the same file (same name,
 * same SHA-256). See {@link UploadOptions}.
 */
export interface UploadAttemptRecord {
  name: string;
  sha256: string;
  /**
   * - `committing`: the caller's {@link UploadOptions.beforeCommit} ran, so the file may have
   *   been moved into the inbound folder (and perhaps already picked up by the clearinghouse).
   * - `uploaded`: an upload returned a receipt.
   */
  state: 'committing' | 'uploaded';
}

export interface UploadOptions {
  /**
   * The caller's durable record of an earlier attempt at this same name and content, if any.
   * Pass it on every retry. Without it, a file that was committed and then picked up by the
   * clearinghouse (files vanish from the inbound folder once taken) cannot be told apart from
   * one never sent, and would be sent again.
   */
  previous?: UploadAttemptRecord | null;
  /**
   * Called, and awaited, after the whole file is staged and verified and just before the commit
   * (the atomic rename that makes it visible to the clearinghouse). The caller must durably
   * record `{ name, sha256, state: 'committing' }` here (a database row, before returning) and
   * pass that record as `previous` on any retry. If it throws, nothing is committed.
   */
  beforeCommit?: (intent: { name: string; sha256: string; sizeBytes: number }) => Promise<void>;
  /**
   * Called, and awaited, when the adapter knows for certain that the commit did not happen (the
   * server refused the rename because the staged file was gone, again and again) just before it
   * throws a StagingSweptError. The caller must forget its `committing` record: nothing was sent.
   */
  notCommitted?: () => Promise<void>;
  /**
   * Whether the clearinghouse has answered this file (a 999 or 277CA that refers to it was
   * received). Asked only when `previous` says a commit was attempted, the file is neither staged
   * nor in the inbound folder, and the staging folder is the inbound folder (where a clearinghouse
   * may remove a staged file before its rename): then only an answer proves the file arrived.
   */
  isAnswered?: () => Promise<boolean>;
}

/** Proof that a file is at the clearinghouse, and how the adapter knows. */
export interface UploadReceipt {
  name: string;
  sizeBytes: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  /** When this receipt was made (ISO 8601); not when the clearinghouse took the file. */
  confirmedAt: string;
  /**
   * - `uploaded`: this call staged and committed the file.
   * - `committed-staged`: an earlier attempt had staged the whole file; this call committed it.
   * - `already-present`: the file was already in the inbound folder with the same content.
   * - `previously-committed`: `previous` says a commit was attempted, the file is neither staged
   *   nor in the inbound folder, and either the staging folder is a folder of its own (only the
   *   rename takes a staged file away) or the clearinghouse has answered the file
   *   (`isAnswered`): the clearinghouse has taken it. Nothing was sent again.
   * - `previously-uploaded`: `previous` says it was uploaded; nothing was touched.
   */
  outcome: 'uploaded' | 'committed-staged' | 'already-present' | 'previously-committed' | 'previously-uploaded';
}

/** A response file waiting at the clearinghouse. */
export interface RemoteFile {
  name: string;
  sizeBytes: number;
  /** Modification time as the server reports it (ISO 8601; SFTP gives whole seconds). */
  modifiedAt: string;
}

/**
 * A clearinghouse.
 *
 * ## Upload contract (never a second claim)
 * `upload` is idempotent for one name and one content:
 * 1. The caller picks the final name once, deterministically (from the batch), and keeps it for
 *    every retry. The content of a batch file must not change between retries either.
 * 2. If `previous.state === 'uploaded'` for the same name and hash, nothing is touched.
 * 3. If the inbound folder already holds that name: same size and content means done
 *    (`already-present`); anything else is an {@link UploadConflictError} (never overwritten).
 * 4. The file is written under a temporary name (derived from its hash) in the staging folder
 *    (by default a folder of its own, outside the inbound folder, so a clearinghouse that sweeps
 *    unknown files out of the inbound folder never sees it) and verified; then `beforeCommit`
 *    runs; then one atomic rename, which refuses to overwrite, moves it to its final name in the
 *    inbound folder. A half-written upload is only ever a temp file that the clearinghouse does
 *    not take as a claim file, and a retry finishes it. Only a rename the server confirms makes
 *    an upload count as sent.
 * 5. If the server refuses the rename because the staged file is gone (something removed it), the
 *    rename did not happen: the file is staged again and committed (up to RESTAGE_ATTEMPTS times);
 *    then `notCommitted` runs and a StagingSweptError (not retryable) says nothing was sent.
 * 6. On a retry with `previous.state === 'committing'`: a staged temp file means the rename did
 *    not happen (it is done now). No temp file and no inbound file: with a staging folder of its
 *    own the rename happened and the clearinghouse took the file, so nothing is sent again
 *    (`previously-committed`); staged in the inbound folder, that holds only if the clearinghouse
 *    answered the file (`isAnswered`), else a DeliveryUnconfirmedError (not retryable) asks a
 *    person to check: never counted as sent with nothing delivered, never sent twice blindly.
 *
 * ## Responses
 * `listResponses` lists the files waiting in the response (outbound) folder; `download` returns
 * one file's bytes (checked against the size the server reports after reading). Keeping a file,
 * and telling new files from ones already kept (by name, size and hash), is the caller's job;
 * `acknowledge` then tells the adapter the file is safely kept (it may delete or move it, per
 * configuration, and does nothing when it is already gone).
 *
 * Adapters may hold one connection; call `close` when done. Calls on one instance are
 * serialised.
 */
export interface Clearinghouse {
  /** Stable label for records and logs ("office-ally-sftp", "local-directory"). */
  readonly kind: string;
  /**
   * The name a claim file goes by at this clearinghouse, from a stem that identifies it (the
   * batch, e.g. "B000000123"), the same for every retry. Office Ally's rules (837P, test marker).
   */
  claimFileName(stem: string): string;
  upload(file: OutgoingFile, options?: UploadOptions): Promise<UploadReceipt>;
  listResponses(): Promise<RemoteFile[]>;
  download(name: string): Promise<Buffer>;
  acknowledge?(name: string): Promise<void>;
  close(): Promise<void>;
}

export { sha256Hex } from '../runtime/sha256';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * File names travel between systems and land on other people's disks: letters, digits, dot,
 * underscore and hyphen only, starting with a letter or digit, at most 200 characters.
 */
export function assertSafeFileName(name: string): void {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    throw new InvalidFileNameError(
      `file name ${JSON.stringify(name.slice(0, 80))} is not allowed: use letters, digits, ".", "_" and "-" ` +
        '(starting with a letter or digit, at most 200 characters, no "..")',
    );
  }
}

/** The temporary name a file is staged under before its commit: derived from its content. */
export function stagingName(sha256: string): string {
  return `upload-${sha256.slice(0, 32)}.part`;
}

/** True for names that are staging or hidden files, never responses or claim files. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.part') || name.endsWith('.tmp');
}
