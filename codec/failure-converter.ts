/**
 * Failure messages and stack traces go into a payload (and so through the codec) instead of
 * history in clear. Loaded by path (`failureConverterPath`) on both sides: in the workflow
 * sandbox (bundled) and in the worker and clients.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
