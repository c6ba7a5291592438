/**
 * Idempotency-Key for the routes that create or act: the first request with a key is
 * recorded (who sent it, method, path, SHA-256 of the canonical request) before the handler
 * runs, and its answer is kept. The same request again replays that answer; a different
 * request under the same key is 422; a duplicate that arrives while the first still runs is
 * 409 (never a second create). A refusal (4xx) is forgotten, so the request may be corrected
 * and sent again under its key. An answer of 5xx (a timeout, a crash) is not kept: the record
 * is marked FAILED and the same request again runs the handler again, under the same record
 * id, which a create uses as the id of what it makes, so it finds what the first attempt made
 * and goes on from there instead of making a second one.
 */
import type { Request, Response } from 'express';
import type { Db } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { sha256Hex } from '../runtime/sha256';
import type { Principal } from './auth';
import { HttpProblem, ProblemType, type FieldError } from './problem';

/** How long a key is remembered. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * An attempt still IN_PROGRESS after this long is taken to have died with its process (an API
 * killed mid-request): the next one takes over. Longer than any live request can run (a
 * workflow update gives up after 30 s and answers 504), short enough that a client retrying
 * after an API crash is not told 409 for minutes.
 */
export const IDEMPOTENCY_LEASE_MS = 60 * 1000;

export interface IdempotencyOptions {
  /** The answer holds a secret (a new API key): only its id is kept, and a replay answers 409 pointing at it. */
  secretAnswer?: boolean;
}

/** JSON with object keys sorted, so the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A password is no part of a request's identity: it is left out of the hash, which is kept. */
function withoutPasswords(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([k]) => !/password/i.test(k)));
}

/** The SHA-256 of what makes two requests "the same": the query and the body (a raw body by its own hash). */
export function requestHash(query: unknown, body: unknown, raw: Buffer | undefined): string {
  return sha256Hex(canonicalJson({ query, body: raw ? sha256Hex(raw) : withoutPasswords(body) }));
}

const keyField = (detail: string, code: string): FieldError => ({ in: 'header', pointer: '#/idempotency-key', detail, code });

const reused = () =>
  new HttpProblem(422, 'The Idempotency-Key was used for another request', 'send a new Idempotency-Key for a different request', {
    type: ProblemType.invalidRequest,
    errors: [keyField('was used before with a different request body or query', 'idempotency_key_reused')],
  });

const inProgress = () =>
  new HttpProblem(
    409,
    'A request with this Idempotency-Key is in progress',
    'the first request with this key has not answered yet; send it again shortly',
    {
      type: ProblemType.conflict,
      headers: { 'Retry-After': '1' },
      errors: [keyField('a request with this key is still running', 'idempotency_key_in_progress')],
    },
  );

type Row = Prisma.IdempotentRequestGetPayload<object>;

function replay(row: Row, res: Response, options: IdempotencyOptions): void {
  const body = row.responseBody;
  if (options.secretAnswer) {
    throw new HttpProblem(
      409,
      'Already created',
      'the first request with this Idempotency-Key created it; its secret was shown once, in that answer',
      {
        type: ProblemType.conflict,
        extensions: { id: (body as { id?: string } | null)?.id ?? null },
      },
    );
  }
  if (row.location) res.location(row.location);
  res
    .set('Idempotent-Replayed', 'true')
    .status(row.status ?? 200)
    .json(body);
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}

/** Records the request, or finds its record: the row to run under, or undefined when the answer was replayed. */
async function claim(
  db: Db,
  where: { scope: string; key: string; method: string; path: string },
  hash: string,
): Promise<{ run: Row } | { replay: Row } | HttpProblem> {
  try {
    return { run: await db.idempotentRequest.create({ data: { ...where, requestHash: hash } }) };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const existing = await db.idempotentRequest.findUnique({ where: { scope_key_method_path: where } });
  if (!existing) return inProgress(); // removed between the two queries: the client's retry starts afresh
  if (existing.requestHash !== hash) return reused();
  if (existing.state === 'DONE') return { replay: existing };
  const stale = existing.updatedAt.getTime() < Date.now() - IDEMPOTENCY_LEASE_MS;
  if (existing.state === 'IN_PROGRESS' && !stale) return inProgress();
  // FAILED, or IN_PROGRESS by a process that died: take it over, once.
  const took = await db.idempotentRequest.updateMany({
    where: { id: existing.id, state: existing.state, updatedAt: existing.updatedAt },
    data: { state: 'IN_PROGRESS' },
  });
  return took.count === 1 ? { run: existing } : inProgress();
}

/**
 * Runs a route's handler at most once per Idempotency-Key. `run` gets the record's id (the
 * same on every attempt of one request), or undefined when the request has no key.
 */
export async function runIdempotently(
  db: Db,
  principal: Principal,
  req: Request,
  res: Response,
  request: { query: unknown; body: unknown; raw: Buffer | undefined },
  options: IdempotencyOptions,
  run: (requestId: string | undefined) => Promise<void>,
): Promise<void> {
  const key = req.get('idempotency-key');
  if (!key || principal.kind === 'anonymous') return run(undefined);
  await db.idempotentRequest.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS) } } });
  const where = { scope: principal.actor, key, method: req.method, path: req.baseUrl + req.path };
  const claimed = await claim(db, where, requestHash(request.query, request.body, request.raw));
  if (claimed instanceof HttpProblem) throw claimed;
  if ('replay' in claimed) return replay(claimed.replay, res, options);
  const row = claimed.run;
  let answered: unknown;
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    answered = body;
    return json(body);
  };
  try {
    await run(row.id);
  } catch (err) {
    // A refusal (4xx) is not kept: the request may be corrected and sent again under the same key.
    if (err instanceof HttpProblem && err.status < 500) await forget(db, row.id);
    else await db.idempotentRequest.update({ where: { id: row.id }, data: { state: 'FAILED' } });
    throw err;
  }
  if (res.statusCode >= 500) {
    await db.idempotentRequest.update({ where: { id: row.id }, data: { state: 'FAILED' } });
  } else if (answered === undefined || res.statusCode >= 400) {
    // A file, not JSON: nothing to keep; the same request again runs again (such routes are reads or idempotent by themselves).
    await forget(db, row.id);
  } else {
    const kept: unknown = options.secretAnswer ? { id: (answered as { id?: unknown }).id ?? null } : answered;
    const responseBody = JSON.parse(JSON.stringify(kept ?? null)) as Prisma.InputJsonValue;
    await finish(db, row.id, { status: res.statusCode, responseBody, location: res.get('location') ?? null });
  }
}

async function finish(
  db: Db,
  id: string,
  data: { status: number; responseBody: Prisma.InputJsonValue; location?: string | null },
): Promise<void> {
  await db.idempotentRequest.update({ where: { id }, data: { ...data, state: 'DONE' } });
}

async function forget(db: Db, id: string): Promise<void> {
  await db.idempotentRequest.deleteMany({ where: { id } });
}
