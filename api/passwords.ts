/**
 * Staff passwords, kept as scrypt hashes (Node's own crypto): memory-hard parameters (N = 2^17,
 * r = 8, p = 1: 128 MiB and a few hundred milliseconds per guess), a random 16-byte salt per
 * account, compared in constant time. The parameters are stored with each hash, so they can be
 * raised later and older hashes still verify (and are rehashed at the next sign-in).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export const CURRENT_PARAMS: ScryptParams = { log2N: 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$17$8$1$<salt>$<key>`, both base64url. */
export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [log2N, r, p] = parts.slice(1, 4).map(Number);
  if (!log2N || !r || !p || log2N < 10 || log2N > 22 || r > 32 || p > 16) return undefined;
  return { params: { log2N, r, p }, salt: Buffer.from(parts[4]!, 'base64url'), key: Buffer.from(parts[5]!, 'base64url') };
}

/** Whether the password is the one hashed; the comparison takes the same time wherever the keys differ. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const parsed = parse(stored);
  const against = parsed ?? DUMMY;
  const key = await derive(password, against.salt, against.params);
  return parsed !== undefined && key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash uses weaker parameters than today's, so it is hashed again at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { log2N, r, p } = parsed.params;
  return log2N < CURRENT_PARAMS.log2N || r < CURRENT_PARAMS.r || p < CURRENT_PARAMS.p;
}

/**
 * A hash of no one's password, verified against when the e-mail is unknown or the account
 * disabled, so that such a sign-in takes as long as a wrong password does.
 */
const DUMMY: ParsedHash = { params: CURRENT_PARAMS, salt: Buffer.alloc(SALT_BYTES), key: Buffer.alloc(KEY_BYTES) };

export async function burnVerification(password: string): Promise<void> {
  await derive(password, DUMMY.salt, DUMMY.params);
}

/** What is wrong with a new password, or undefined (NIST SP 800-63B: length, not composition rules). */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return 'must not be the e-mail address';
  if (/^(.)\1+$/.test(password)) return 'must not be one character repeated';
  return undefined;
}
