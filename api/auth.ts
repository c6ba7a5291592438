/**
 * Who is calling. Machines send an API key: random secrets shown once, kept as their SHA-256
 * in `ApiKey.keyHash`, with a role (BILLING for billing staff's software, ADMIN for
 * configuration and keys, OPS for the codec server that decodes workflow payloads in the
 * Temporal UI), as `Authorization: Bearer <key>` or `X-API-Key: <key>`. People sign in to the
 * staff page and send its session cookie (api/staff-sessions.ts). Nothing valid: 401; a role
 * the route does not allow: 403.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../runtime/sha256';
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/prisma';
import { HttpProblem, ProblemType } from './problem';

export const ROLES = ['BILLING', 'ADMIN', 'OPS'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The practices a caller may see and change: every one, or these. */
export type PracticeScope = 'all' | readonly string[];

export interface Principal {
  kind: 'key' | 'staff' | 'anonymous';
  keyId?: string;
  staffId?: string;
  sessionId?: string;
  /** Null for the anonymous caller of a public route (signing in). */
  role: Role | null;
  /** What goes into audit events and workflow actors: `key:<id>` or `staff:<id>`, never a person's name. */
  actor: string;
  practices: PracticeScope;
}

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous', role: null, actor: 'anonymous', practices: [] });

const KEY_PREFIX = 'scx_';

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** A new key: `scx_` + 43 url-safe characters (32 random bytes). Its first 12 characters are kept to recognize it. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12), keyHash: hashApiKey(key) };
}

export function actorOf(keyId: string): string {
  return `key:${keyId}`;
}

/** Creates a key in the database; the key itself is returned once and never stored. */
export async function createApiKey(
  db: Db,
  input: { name: string; role: Role },
): Promise<{ id: string; key: string; prefix: string; role: Role; name: string; createdAt: Date }> {
  const { key, prefix, keyHash } = generateApiKey();
  const row = await db.apiKey.create({ data: { name: input.name, role: input.role, prefix, keyHash } });
  return { id: row.id, key, prefix, role: row.role, name: row.name, createdAt: row.createdAt };
}

/**
 * BOOTSTRAP_ADMIN_KEY: an admin key chosen by the operator, hashed and stored at start when
 * no key has that hash yet (so the first admin can create the others). Returns the key's id.
 */
export async function ensureBootstrapAdminKey(db: Db, key: string | undefined): Promise<string | undefined> {
  if (!key) return undefined;
  if (key.length < 32) throw new Error('BOOTSTRAP_ADMIN_KEY must be at least 32 characters');
  const keyHash = hashApiKey(key);
  // Insert-or-nothing in one statement: two API processes starting at once both end with the one row.
  await db.apiKey.createMany({
    data: [{ name: 'bootstrap admin', role: 'ADMIN', keyHash, prefix: key.slice(0, 12) }],
    skipDuplicates: true,
  });
  const row = await db.apiKey.findUniqueOrThrow({ where: { keyHash }, select: { id: true } });
  return row.id;
}

export function presentedKey(authorization: string | undefined, headerKey: string | undefined): string | undefined {
  if (headerKey && headerKey.trim()) return headerKey.trim();
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

const unauthorized = (detail: string) =>
  new HttpProblem(401, 'Unauthorized', detail, {
    type: ProblemType.unauthorized,
    headers: { 'WWW-Authenticate': 'Bearer realm="secondary-claims"' },
  });

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('route reached without authentication');
  return principal;
}

/** Whether the request carries an API key (then it is a machine's: no session, no CSRF token). */
export function hasApiKey(req: Request): boolean {
  return presentedKey(req.get('authorization'), req.get('x-api-key')) !== undefined;
}

/** The principal of a key, or undefined when the key is unknown or revoked. A key reaches every practice. */
export async function principalForKey(db: Db, key: string): Promise<Principal | undefined> {
  return principalForKeyHash(db, hashApiKey(key));
}

async function principalForKeyHash(db: Db, keyHash: string): Promise<Principal | undefined> {
  const row = await db.apiKey.findUnique({ where: { keyHash } });
  if (!row || row.revokedAt) return undefined;
  return Object.freeze({ kind: 'key', keyId: row.id, role: row.role, actor: actorOf(row.id), practices: 'all' });
}

/** Default time an API key's verdict is kept (API_KEY_CACHE_SECONDS). */
export const DEFAULT_API_KEY_CACHE_MS = 5_000;

/**
 * API keys' verdicts (the principal, or unknown/revoked) kept for a short time, so a machine
 * calling many times a second costs one key lookup per TTL instead of one per request. A key
 * revoked through this process is forgotten at once; revoked by another process (or in the
 * database), it is refused within the TTL. Bounded: past `max` keys the cache starts over.
 * A TTL of 0 looks every key up.
 */
export class ApiKeyCache {
  private entries = new Map<string, { principal: Principal | undefined; until: number }>();

  constructor(
    readonly ttlMs: number = DEFAULT_API_KEY_CACHE_MS,
    private readonly max = 10_000,
  ) {}

  async principal(db: Db, key: string): Promise<Principal | undefined> {
    const keyHash = hashApiKey(key);
    if (this.ttlMs <= 0) return principalForKeyHash(db, keyHash);
    const now = Date.now();
    const kept = this.entries.get(keyHash);
    if (kept && kept.until > now) return kept.principal;
    const principal = await principalForKeyHash(db, keyHash);
    if (this.entries.size >= this.max) this.entries = new Map();
    this.entries.set(keyHash, { principal, until: now + this.ttlMs });
    return principal;
  }

  /** Drops a key's verdict (on revocation), so this process refuses it from the next request. */
  forget(keyHash: string): void {
    this.entries.delete(keyHash);
  }
}

/** API_KEY_CACHE_SECONDS (default 5; 0 turns the cache off) in milliseconds. */
export function apiKeyCacheMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.API_KEY_CACHE_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_API_KEY_CACHE_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 300) {
    throw new Error(`API_KEY_CACHE_SECONDS must be a number of seconds from 0 to 300, got "${raw}"`);
  }
  return Math.round(seconds * 1000);
}

const CACHES = new WeakMap<object, ApiKeyCache>();

/** The one key cache of an app (by its deps object), made on first use with the TTL its deps give. */
export function apiKeyCacheOf(deps: { apiKeyCacheMs?: number }): ApiKeyCache {
  let cache = CACHES.get(deps);
  if (!cache) {
    cache = new ApiKeyCache(deps.apiKeyCacheMs ?? apiKeyCacheMsFromEnv());
    CACHES.set(deps, cache);
  }
  return cache;
}

/**
 * Finds the key (through `keys`, a short-lived cache: see ApiKeyCache), or else the staff
 * session (`sessionAuth`); refuses a missing, unknown or revoked key, and a missing, ended or
 * idle session. A key revoked through this process is refused on the next request, one revoked
 * elsewhere within the cache's TTL.
 */
export function authenticate(
  db: Db,
  sessionAuth: (req: Request, res: Response) => Promise<Principal | undefined>,
  keys: ApiKeyCache = new ApiKeyCache(0),
): RequestHandler {
  return async (req, res, next) => {
    const key = presentedKey(req.get('authorization'), req.get('x-api-key'));
    if (!key) {
      const staff = await sessionAuth(req, res);
      if (!staff) throw unauthorized('sign in, or send an API key: Authorization: Bearer <key> or X-API-Key: <key>');
      res.locals.principal = staff;
      next();
      return;
    }
    const principal = await keys.principal(db, key);
    if (!principal) throw unauthorized('the API key is not valid or has been revoked');
    res.locals.principal = principal;
    next();
  };
}

export function authorize(roles: readonly Role[]): RequestHandler {
  return (_req, res, next) => {
    const { role, kind } = principalOf(res);
    if (!role || !roles.includes(role)) {
      const who = kind === 'staff' ? 'your account' : 'the key';
      throw new HttpProblem(403, 'Forbidden', `this action needs the ${roles.join(' or ')} role; ${who} has ${role ?? 'none'}`, {
        type: ProblemType.forbidden,
      });
    }
    next();
  };
}
