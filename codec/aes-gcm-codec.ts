/**
 * Encrypts every Temporal payload with AES-256-GCM (Node's crypto). The whole payload (its
 * metadata and data) is serialized and encrypted into the data of a new payload whose metadata
 * says `binary/encrypted` and names the key. A payload without that encoding passes through
 * decode unchanged: histories written before encryption (and the recorded test histories) still
 * replay and read.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './keys';

export const ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = new TextEncoder();
const untext = new TextDecoder();

export class PayloadDecryptError extends Error {
  override name = 'PayloadDecryptError';
}

export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && untext.decode(encoding) === ENCODING;
}

/** The id of the key a payload was encrypted with, or undefined for a payload in clear. */
export function keyIdOf(payload: Payload): string | undefined {
  const id = payload.metadata?.[KEY_ID_METADATA];
  return isEncrypted(payload) && id ? untext.decode(id) : undefined;
}

export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.currentId;
    const key = this.ring.keys.get(keyId);
    if (!key) throw new Error(`the current payload key "${keyId}" is not in the key ring`);
    const aad = text.encode(keyId);
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: text.encode(ENCODING), [KEY_ID_METADATA]: aad, [CIPHER_METADATA]: text.encode(CIPHER) },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload, index) => (isEncrypted(payload) ? this.decrypt(payload, index) : payload));
  }

  private decrypt(payload: Payload, index: number): Payload {
    const keyId = keyIdOf(payload);
    if (!keyId) throw new PayloadDecryptError(`payloads[${index}]: encrypted, but names no key`);
    const key = this.ring.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptError(
        `payloads[${index}]: encrypted with key "${keyId}", which is not in the key ring (${[...this.ring.keys.keys()].join(', ')})`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptError(`payloads[${index}]: too short to be encrypted data`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(text.encode(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptError(`payloads[${index}]: does not decrypt with key "${keyId}" (altered, or another key under that id)`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
