/**
 * Office Ally's rules for the name of a claim file: it carries `837P`; a test file carries the
 * test marker (`OATEST` by default) and a production file must not. Pure code: the local
 * clearinghouse names its files the same way, so the payer simulator sees what Office Ally would.
 */
import { InvalidFileNameError } from './errors';
import { assertSafeFileName } from './port';

export const OFFICE_ALLY_CLAIM_FILE_TAG = '837P';

/**
 * The upload name for a batch file: `<stem>_837P.txt`, or `<stem>_837P_<marker>.txt` in test
 * mode. `stem` should identify the batch (for example "B000123_20261127"), so that every retry
 * gets the same name.
 */
export function officeAllyUploadName(stem: string, mode: { testMode: boolean; testFileMarker?: string }): string {
  const marker = mode.testFileMarker ?? 'OATEST';
  const name = `${stem}_${OFFICE_ALLY_CLAIM_FILE_TAG}${mode.testMode ? `_${marker}` : ''}.txt`;
  assertSafeFileName(name);
  return name;
}

/** Throws {@link InvalidFileNameError} unless `name` follows Office Ally's rules for the mode. */
export function checkOfficeAllyUploadName(name: string, mode: { testMode: boolean; testFileMarker: string }): void {
  assertSafeFileName(name);
  if (!name.includes(OFFICE_ALLY_CLAIM_FILE_TAG)) {
    throw new InvalidFileNameError(
      `${name} does not carry "${OFFICE_ALLY_CLAIM_FILE_TAG}": Office Ally would not take it as a professional claim file`,
    );
  }
  const marked = name.toUpperCase().includes(mode.testFileMarker.toUpperCase());
  if (mode.testMode && !marked) {
    throw new InvalidFileNameError(
      `${name} lacks the test marker "${mode.testFileMarker}" while OA_TEST_MODE is true: it would be sent as a production file`,
    );
  }
  if (!mode.testMode && marked) {
    throw new InvalidFileNameError(`${name} carries the test marker "${mode.testFileMarker}" while OA_TEST_MODE is false`);
  }
}
