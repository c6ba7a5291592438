import { loadClearinghouseConfig, type ClearinghouseConfig, type Env } from './config';
import { LocalDirectoryClearinghouse } from './local-directory';
import { OfficeAllySftpClearinghouse } from './office-ally-sftp';
import type { Clearinghouse } from './port';

export * from './port';
export * from './errors';
export * from './config';
export { LocalDirectoryClearinghouse } from './local-directory';
export { OfficeAllySftpClearinghouse, classifySftpError, sshFingerprint } from './office-ally-sftp';
export { officeAllyUploadName, checkOfficeAllyUploadName, OFFICE_ALLY_CLAIM_FILE_TAG } from './office-ally-names';

/** The clearinghouse the configuration asks for (see config.ts for the variables). */
export function createClearinghouse(config: ClearinghouseConfig): Clearinghouse {
  return config.kind === 'office-ally-sftp'
    ? new OfficeAllySftpClearinghouse(config.officeAlly)
    : new LocalDirectoryClearinghouse(config.local.dataDir);
}

export function createClearinghouseFromEnv(env: Env = process.env): Clearinghouse {
  return createClearinghouse(loadClearinghouseConfig(env));
}
