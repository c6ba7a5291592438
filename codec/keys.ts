/**
 * The keys that encrypt Temporal payloads: a key ring of AES-256 keys, each known by an id
 * written into every payload it encrypts, so that keys rotate: the current key encrypts, every
 * key in the ring decrypts. Read from the environment or a key file, never from the repository:
 *
 *  - `PAYLOAD_CODEC_KEYS`: `id:base64,id:base64` (32-byte keys); the current one is
 *    `PAYLOAD_CODEC_KEY_ID`, else the first listed;
 *  - or `PAYLOAD_CODEC_KEY_FILE`: a JSON file `{ "current": "id", "keys": { "id": "base64" } }`.
 *
 * `npm start` (the embedded default) writes a key file under DATA_DIR on its first start when
 * neither is set (ensureKeyFile).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface KeyRing {
  /** The id of the key that encrypts. */
  currentId: string;
  /** Every key that may decrypt, by id (the current one included). */
  keys: ReadonlyMap<string, Buffer>;
}

export interface KeyFile {
  current: string;
  keys: Record<string, string>;
}

function parseKey(id: string, base64: string, where: string): Buffer {
  if (!KEY_ID.test(id)) throw new Error(`${where}: key id "${id}" must be 1-64 letters, digits, '.', '_' or '-'`);
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where}: key "${id}" must be ${KEY_BYTES} bytes in base64 (got ${key.length} bytes)`);
  return key;
}

export function keyRing(keys: [string, Buffer][], currentId: string | undefined, where: string): KeyRing {
  if (keys.length === 0) throw new Error(`${where}: no key`);
  const map = new Map<string, Buffer>();
  for (const [id, key] of keys) {
    if (map.has(id)) throw new Error(`${where}: key id "${id}" appears twice`);
    map.set(id, key);
  }
  const current = currentId ?? keys[0]![0];
  if (!map.has(current)) throw new Error(`${where}: the current key "${current}" is not among the keys (${[...map.keys()].join(', ')})`);
  return { currentId: current, keys: map };
}

/** `id:base64,id:base64`, as PAYLOAD_CODEC_KEYS takes it. */
export function parseKeyList(list: string, currentId: string | undefined, where = 'PAYLOAD_CODEC_KEYS'): KeyRing {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry): [string, Buffer] => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new Error(`${where}: each entry is id:base64-key, got one without an id`);
      const id = entry.slice(0, colon);
      return [id, parseKey(id, entry.slice(colon + 1), where)];
    });
  return keyRing(entries, currentId, where);
}

export function parseKeyFile(text: string, where: string): KeyRing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where}: not JSON (expected { "current": "id", "keys": { "id": "base64" } })`);
  }
  const file = parsed as Partial<KeyFile> | null;
  if (!file || typeof file !== 'object' || typeof file.keys !== 'object' || file.keys === null || typeof file.current !== 'string') {
    throw new Error(`${where}: expected { "current": "id", "keys": { "id": "base64" } }`);
  }
  const entries = Object.entries(file.keys).map(([id, value]): [string, Buffer] => {
    if (typeof value !== 'string') throw new Error(`${where}: key "${id}" must be a base64 string`);
    return [id, parseKey(id, value, where)];
  });
  return keyRing(entries, file.current, where);
}

/** The key ring configured in the environment, or undefined when none is. */
export function keyRingFromEnv(env: NodeJS.ProcessEnv = process.env): KeyRing | undefined {
  const list = env.PAYLOAD_CODEC_KEYS;
  const file = env.PAYLOAD_CODEC_KEY_FILE;
  if (list && file) throw new Error('set PAYLOAD_CODEC_KEYS or PAYLOAD_CODEC_KEY_FILE, not both');
  if (list) return parseKeyList(list, env.PAYLOAD_CODEC_KEY_ID || undefined);
  if (file) {
    if (env.PAYLOAD_CODEC_KEY_ID)
      throw new Error('PAYLOAD_CODEC_KEY_ID goes with PAYLOAD_CODEC_KEYS; a key file names its own current key');
    return parseKeyFile(readFileSync(file, 'utf8'), `PAYLOAD_CODEC_KEY_FILE ${file}`);
  }
  return undefined;
}

/** The key ring a worker or API process must have: configured, or it refuses to start. */
export function requireKeyRing(env: NodeJS.ProcessEnv = process.env): KeyRing {
  const ring = keyRingFromEnv(env);
  if (!ring) {
    throw new Error(
      'no payload encryption key: set PAYLOAD_CODEC_KEYS (id:base64) or PAYLOAD_CODEC_KEY_FILE (see README, "Payload encryption"); `npm run payload-key` makes one',
    );
  }
  return ring;
}

/** A fresh key id: the day it was made, and a few random characters so two made the same day differ. */
export function newKeyId(now = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

export function newKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** Adds a new key to a key file (written 0600) and makes it current; the old keys stay for decoding. */
export function rotateKeyFile(file: string): { id: string; created: boolean } {
  let existing: KeyFile = { current: '', keys: {} };
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    parseKeyFile(text, file);
    existing = JSON.parse(text) as KeyFile;
  }
  const id = newKeyId();
  const next: KeyFile = { current: id, keys: { ...existing.keys, [id]: newKey() } };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  return { id, created: Object.keys(existing.keys).length === 0 };
}

/** The embedded default: the key file under DATA_DIR, written with one key on the first start. */
export function ensureKeyFile(file: string): { created: boolean; ring: KeyRing } {
  const created = !existsSync(file);
  if (created) rotateKeyFile(file);
  return { created, ring: parseKeyFile(readFileSync(file, 'utf8'), file) };
}
