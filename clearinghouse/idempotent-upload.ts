import {
  DeliveryUnconfirmedError,
  IncompleteTransferError,
  RemoteFileNotFoundError,
  StagingSweptError,
  UploadConflictError,
} from './errors';
import { assertSafeFileName, sha256Hex, stagingName, type OutgoingFile, type UploadOptions, type UploadReceipt } from './port';

/**
 * What an adapter offers for the upload algorithm of {@link ./port}.Clearinghouse. `final`
 * names live in the inbound folder, `staged` names in the staging folder.
 */
export interface StagingStore {
  /**
   * True when the staging folder is the inbound folder itself: a clearinghouse that sweeps
   * files it does not know may remove a staged file there, so a staged file that is gone does not
   * prove the rename happened. False (a folder of its own): only the rename takes a staged file
   * away. Absent means false.
   */
  readonly stagesInInbound?: boolean;
  /** Size of the file, or null when there is none. */
  sizeOf(where: 'final' | 'staged', name: string): Promise<number | null>;
  /** The file's bytes, or null when it cannot be read back (some servers hide inbound files). */
  readBack(where: 'final' | 'staged', name: string): Promise<Buffer | null>;
  /** Writes (replacing) a staged file. */
  writeStaged(name: string, content: Buffer): Promise<void>;
  /**
   * Atomically moves a staged file to its final name; must fail rather than overwrite, and fail
   * with a {@link RemoteFileNotFoundError} (or an `ENOENT` error) when the staged file is gone.
   */
  commit(stagedName: string, finalName: string): Promise<void>;
  /** Removes a staged file if there is one. */
  removeStaged(name: string): Promise<void>;
}

/** Times a staged file is written again when it vanished before its rename, before giving up. */
export const RESTAGE_ATTEMPTS = 3;

/** True when a failed commit says the staged file was not there: the rename did not happen. */
function stagedFileWasGone(error: unknown): boolean {
  return error instanceof RemoteFileNotFoundError || (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** The upload algorithm shared by every adapter (see the contract in port.ts). */
export async function idempotentUpload(
  store: StagingStore,
  file: OutgoingFile,
  options: UploadOptions = {},
  now: () => Date = () => new Date(),
): Promise<UploadReceipt> {
  assertSafeFileName(file.name);
  const sha256 = sha256Hex(file.content);
  const sizeBytes = file.content.length;
  const receipt = (outcome: UploadReceipt['outcome']): UploadReceipt => ({
    name: file.name,
    sizeBytes,
    sha256,
    confirmedAt: now().toISOString(),
    outcome,
  });
  const previous = options.previous;
  if (previous && (previous.name !== file.name || previous.sha256 !== sha256)) {
    throw new UploadConflictError(
      `the earlier attempt on record is for ${previous.name} (sha256 ${previous.sha256.slice(0, 12)}…), ` +
        `not for ${file.name} (sha256 ${sha256.slice(0, 12)}…): a batch file must keep its name and content across retries`,
    );
  }
  if (previous?.state === 'uploaded') return receipt('previously-uploaded');

  const finalSize = await store.sizeOf('final', file.name);
  if (finalSize !== null) {
    if (finalSize === sizeBytes) {
      const back = await store.readBack('final', file.name);
      if (back === null || sha256Hex(back) === sha256) return receipt('already-present');
    }
    throw new UploadConflictError(
      `${file.name} is already in the inbound folder with other content (${finalSize} bytes there, ${sizeBytes} here); it is never overwritten`,
    );
  }

  const staged = stagingName(sha256);
  let stagedComplete = false;
  const stagedSize = await store.sizeOf('staged', staged);
  if (stagedSize === sizeBytes) {
    const back = await store.readBack('staged', staged);
    stagedComplete = back !== null && sha256Hex(back) === sha256;
  }

  if (stagedSize === null && previous?.state === 'committing') {
    // The commit was attempted, nothing is staged and nothing waits in the inbound folder. With a
    // staging folder of its own, only the rename takes a staged file away: the clearinghouse has
    // taken the file, and sending it again would make a second claim. Staged in the inbound
    // folder, the staged file may have been swept before the rename: only an answer from the
    // clearinghouse proves it arrived; else a person must look.
    if (!store.stagesInInbound || (await options.isAnswered?.())) return receipt('previously-committed');
    throw new DeliveryUnconfirmedError(
      `${file.name} was being committed by an earlier attempt and is neither staged nor in the inbound folder, and the clearinghouse ` +
        'has not answered it: it was staged in the inbound folder, where the clearinghouse may remove unknown files before the rename. ' +
        'Check at the clearinghouse whether it arrived; it is not counted as sent',
    );
  }

  for (let attempt = 1; ; attempt += 1) {
    if (!stagedComplete) {
      await store.writeStaged(staged, file.content);
      const written = await store.sizeOf('staged', staged);
      if (written !== sizeBytes) {
        throw new IncompleteTransferError(`staged upload of ${file.name} holds ${written ?? 'no'} bytes, expected ${sizeBytes}`);
      }
    }

    await options.beforeCommit?.({ name: file.name, sha256, sizeBytes });
    try {
      await store.commit(staged, file.name);
      return receipt(stagedComplete ? 'committed-staged' : 'uploaded');
    } catch (error) {
      // A commit that failed because the final name now exists (a concurrent attempt of the same
      // file won the race) is fine when the content is the same.
      const raced = await store.sizeOf('final', file.name).catch(() => null);
      if (raced === sizeBytes) {
        const back = await store.readBack('final', file.name).catch(() => null);
        if (back === null || sha256Hex(back) === sha256) {
          await store.removeStaged(staged).catch(() => undefined);
          return receipt('already-present');
        }
      }
      // The server says the staged file was not there: the rename did not happen (something
      // removed the staged file). Stage it again; after RESTAGE_ATTEMPTS, give up, and tell the
      // caller to forget its commit record, so nothing counts the file as sent.
      if (!stagedFileWasGone(error) || raced !== null) throw error;
      if (attempt >= RESTAGE_ATTEMPTS) {
        await options.notCommitted?.();
        throw new StagingSweptError(
          `${file.name}: the staged file vanished before its rename ${attempt} times; something removes files from the staging folder ` +
            '(set the staging folder to one the clearinghouse leaves alone). Nothing was sent',
          { cause: error },
        );
      }
      stagedComplete = false;
    }
  }
}
