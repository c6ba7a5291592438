/**
 * The data converter every Temporal client and worker of the project uses: payloads encrypted
 * by the key ring, failure messages encoded. Search attributes are not payloads of the codec:
 * they stay plain (they are indexes), so they carry ids, statuses and codes only.
 */
import type { DataConverter } from '@temporalio/common';
import { AesGcmCodec } from './aes-gcm-codec';
import type { KeyRing } from './keys';

export const failureConverterPath = require.resolve('./failure-converter');

export function encryptingDataConverter(ring: KeyRing): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(ring)], failureConverterPath };
}
