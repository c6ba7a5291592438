/**
 * Errors thrown by clearinghouse adapters. Every one carries `retryable`:
 *
 * - `retryable: true`: a passing fault (connection lost or refused, timeout, a transfer cut
 *   short). Let Temporal retry the activity with backoff; the adapters' operations are
 *   idempotent, so a retry changes nothing twice.
 * - `retryable: false`: retrying cannot help and may hide a real problem (wrong credentials,
 *   a host key that is not the pinned one, a bad configuration, a file name reused for other
 *   content). An activity should throw
 *   `ApplicationFailure.create({ message, type: err.name, nonRetryable: true })` for these.
 *
 * Messages name hosts, ports, folders and file names (batch names, never patient data); they
 * never carry file contents.
 */
export abstract class ClearinghouseError extends Error {
  abstract readonly retryable: boolean;
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The connection could not be made, or was lost in the middle of an operation. */
export class ClearinghouseConnectionError extends ClearinghouseError {
  readonly retryable = true;
  readonly code = 'CONNECTION';
}

/** The handshake or an operation took longer than its configured timeout. */
export class ClearinghouseTimeoutError extends ClearinghouseError {
  readonly retryable = true;
  readonly code = 'TIMEOUT';
}

/** A transfer ended with fewer (or other) bytes than expected: try again. */
export class IncompleteTransferError extends ClearinghouseError {
  readonly retryable = true;
  readonly code = 'INCOMPLETE_TRANSFER';
}

/** The server presented a host key whose fingerprint is not one of the pinned ones. */
export class HostKeyMismatchError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'HOST_KEY_MISMATCH';

  constructor(
    readonly host: string,
    readonly port: number,
    readonly seenFingerprint: string,
    readonly pinnedFingerprints: readonly string[],
  ) {
    super(
      `refused SFTP server ${host}:${port}: it presented host key ${seenFingerprint}, ` +
        `which is not the pinned key (${pinnedFingerprints.join(', ')}). If the clearinghouse ` +
        'really changed its key, confirm the new fingerprint with them out of band and set ' +
        'OA_SFTP_HOST_KEY_SHA256.',
    );
  }
}

/** The server refused the credentials. */
export class AuthenticationError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'AUTHENTICATION';
}

/** A required setting is missing or malformed. */
export class ClearinghouseConfigError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'CONFIGURATION';

  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** A file name that the adapter refuses (path separators, a name that breaks the naming rules). */
export class InvalidFileNameError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'INVALID_FILE_NAME';
}

/** A file of that name is already uploaded with other content: never overwritten. */
export class UploadConflictError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'UPLOAD_CONFLICT';
}

/**
 * A staged upload kept vanishing before its commit: something (a clearinghouse that sweeps files
 * it does not know out of the folder) removes files from the staging folder. Nothing was sent.
 */
export class StagingSweptError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'STAGING_SWEPT';
}

/**
 * An earlier attempt began the commit of this file, and now it is neither staged nor in the
 * inbound folder, nor has the clearinghouse answered it: it may have been delivered and taken,
 * or removed before the rename (staging in the inbound folder). A person must check at the
 * clearinghouse; it is not counted as sent and not sent again blindly.
 */
export class DeliveryUnconfirmedError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'DELIVERY_UNCONFIRMED';
}

/** The remote file does not exist (any more). */
export class RemoteFileNotFoundError extends ClearinghouseError {
  readonly retryable = false;
  readonly code = 'NOT_FOUND';
}

/** The server refused an operation (permission denied, no such folder). */
export class RemoteOperationError extends ClearinghouseError {
  readonly code = 'REMOTE_OPERATION';

  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Whether an error thrown by a clearinghouse adapter is worth retrying. Errors that are not
 * ClearinghouseErrors are unknown faults: retryable, as Temporal would treat them.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof ClearinghouseError ? error.retryable : true;
}
