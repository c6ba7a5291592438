import { IncompleteTransferError, UploadConflictError } from './errors';
import { assertSafeFileName, sha256Hex, stagingName, type OutgoingFile, type UploadOptions, type UploadReceipt } from './port';

/**
 * What an adapter offers for the upload algorithm of {@link ./port}.Clearinghouse. `final`
 * names live in the inbound folder, `staged` names in the staging folder.
 */
export interface StagingStore {
  /** Size of the file, or null when there is none. */
  sizeOf(where: 'final' | 'staged', name: string): Promise<number | null>;
  /** The file's bytes, or null when it cannot be read back (some servers hide inbound files). */
  readBack(where: 'final' | 'staged', name: string): Promise<Buffer | null>;
  /** Writes (replacing) a staged file. */
  writeStaged(name: string, content: Buffer): Promise<void>;
  /** Atomically moves a staged file to its final name; must fail rather than overwrite. */
  commit(stagedName: string, finalName: string): Promise<void>;
  /** Removes a staged file if there is one. */
  removeStaged(name: string): Promise<void>;
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
    // The commit was attempted, nothing is staged and nothing waits in the inbound folder:
    // the rename happened and the clearinghouse has taken the file. Sending it again would
    // make a second claim.
    return receipt('previously-committed');
  }

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
    throw error;
  }
  return receipt(stagedComplete ? 'committed-staged' : 'uploaded');
}
