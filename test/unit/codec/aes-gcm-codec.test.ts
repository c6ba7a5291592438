/** The payload codec: encrypts, rotates keys, refuses tampering, passes clear payloads through. */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmCodec, ENCODING, isEncrypted, keyIdOf, PayloadDecryptError } from '../../../codec/aes-gcm-codec';
import { ensureKeyFile, keyRingFromEnv, newKey, parseKeyList, rotateKeyFile } from '../../../codec/keys';

const key1 = newKey();
const key2 = newKey();
const ringOne = parseKeyList(`k1:${key1}`, undefined);
const ringBoth = parseKeyList(`k2:${key2},k1:${key1}`, undefined);
const value = { billId: 'b-7f3e', paidCents: 98761, codes: ['CO-45', 'PR-2'] };
const plain = (): Payload => defaultPayloadConverter.toPayload(value);
const asText = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1') + Object.keys(p.metadata ?? {}).join();

it('encrypts a payload so nothing of it is readable, and decrypts it back whole', async () => {
  const codec = new AesGcmCodec(ringOne);
  const [encoded] = await codec.encode([plain()]);
  expect(Buffer.from(encoded!.metadata!.encoding!).toString()).toBe(ENCODING);
  expect(keyIdOf(encoded!)).toBe('k1');
  for (const secret of ['b-7f3e', '98761', 'CO-45', 'paidCents', 'json/plain']) expect(asText(encoded!)).not.toContain(secret);
  const [decoded] = await codec.decode([encoded!]);
  expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(value);
});

it('uses a fresh IV each time: the same value never encrypts the same way twice', async () => {
  const codec = new AesGcmCodec(ringOne);
  const [a, b] = await codec.encode([plain(), plain()]);
  expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
});

it('rotates: a payload written under key 1 decodes once key 2 is current, and new ones use key 2', async () => {
  const [old] = await new AesGcmCodec(ringOne).encode([plain()]);
  const rotated = new AesGcmCodec(ringBoth);
  expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual(value);
  const [fresh] = await rotated.encode([plain()]);
  expect(keyIdOf(fresh!)).toBe('k2');
  await expect(new AesGcmCodec(ringOne).decode([fresh!])).rejects.toThrow(/key "k2", which is not in the key ring \(k1\)/);
});

it('passes a payload in clear through decode (histories from before encryption)', async () => {
  const clear = plain();
  const [out] = await new AesGcmCodec(ringOne).decode([clear]);
  expect(out).toBe(clear);
  expect(isEncrypted(clear)).toBe(false);
});

it('refuses a payload altered in storage, or relabelled with another key id', async () => {
  const codec = new AesGcmCodec(ringBoth);
  const [encoded] = await codec.encode([plain()]);
  const data = Buffer.from(encoded!.data!);
  data[20] = data[20]! ^ 1;
  await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow(PayloadDecryptError);
  const relabelled = { ...encoded!, metadata: { ...encoded!.metadata, 'encryption-key-id': Buffer.from('k1') } };
  await expect(codec.decode([relabelled])).rejects.toThrow(/does not decrypt with key "k1"/);
});

describe('key configuration', () => {
  it('reads PAYLOAD_CODEC_KEYS with the current key named or first', () => {
    expect(keyRingFromEnv({ PAYLOAD_CODEC_KEYS: `k2:${key2},k1:${key1}` })?.currentId).toBe('k2');
    expect(keyRingFromEnv({ PAYLOAD_CODEC_KEYS: `k2:${key2},k1:${key1}`, PAYLOAD_CODEC_KEY_ID: 'k1' })?.currentId).toBe('k1');
    expect(keyRingFromEnv({})).toBeUndefined();
  });

  it('says what is wrong with a bad key list', () => {
    expect(() => parseKeyList('k1:c2hvcnQ=', undefined)).toThrow('PAYLOAD_CODEC_KEYS: key "k1" must be 32 bytes in base64 (got 5 bytes)');
    expect(() => parseKeyList(`k1:${key1},k1:${key2}`, undefined)).toThrow('key id "k1" appears twice');
    expect(() => parseKeyList(`k1:${key1}`, 'k9')).toThrow('the current key "k9" is not among the keys (k1)');
    expect(() => parseKeyList(`bad id:${key1}`, undefined)).toThrow(/key id "bad id" must be/);
    expect(() => keyRingFromEnv({ PAYLOAD_CODEC_KEYS: `k1:${key1}`, PAYLOAD_CODEC_KEY_FILE: '/x' })).toThrow('not both');
  });

  it('writes a key file on first use (0600), and rotation keeps the old keys', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'keys-')), 'sub', 'payload-keys.json');
    const first = ensureKeyFile(file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureKeyFile(file)).toEqual({ created: false, ring: first.ring });
    const { id } = rotateKeyFile(file);
    const ring = keyRingFromEnv({ PAYLOAD_CODEC_KEY_FILE: file });
    expect(ring?.currentId).toBe(id);
    expect([...(ring?.keys.keys() ?? [])]).toEqual([first.ring.currentId, id]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('current', id);
  });
});
