/**
 * Staff sessions for the staff page. Signing in sets a cookie (HttpOnly, SameSite=Strict,
 * Secure over TLS) carrying a random 256-bit token; the database keeps only its SHA-256, so a
 * leaked table signs no one in. Every sign-in issues a new token and ends whatever session the
 * browser presented (no session fixation). A session ends when signed out, after the idle
 * timeout without a request, at its maximum age, or when the account is disabled or its
 * password changes. Changes need the session's CSRF token in `X-CSRF-Token`: an HMAC of the
 * session token, so it is tied to the session and never stored; a cross-site Origin is refused.
 */
import { createHmac, timingSafeEqual, randomBytes } from 'node:crypto';
import { sha256Hex } from '../runtime/sha256';
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import type { Db } from '../db/prisma';
import type { Principal } from './auth';
import { HttpProblem, ProblemType } from './problem';
import type { SessionConfig } from './session-config';

export const SESSION_COOKIE = 'scx_session';
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function hashToken(token: string): string {
  return sha256Hex(token);
}

/** The session's CSRF token: derived from the session token, so only its holder can know it. */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf:v1').digest('base64url');
}

export function sessionTokenOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  const token = parseCookies(header)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' };
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, cookieOptions(req));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

export type EndReason = 'signed-out' | 'idle' | 'expired' | 'replaced' | 'password-changed' | 'disabled';

const ENDED_TEXT: Record<EndReason, string> = {
  'signed-out': 'you signed out',
  idle: 'you were signed out after a time without activity',
  expired: 'the session reached its maximum length',
  replaced: 'a new sign-in replaced this session',
  'password-changed': 'the password was changed',
  disabled: 'the account was disabled',
};

export function sessionEnded(reason: EndReason | 'unknown'): HttpProblem {
  const detail = reason === 'unknown' ? 'the session is not known: sign in' : `${ENDED_TEXT[reason]}: sign in again`;
  return new HttpProblem(401, 'Signed out', detail, {
    type: ProblemType.sessionEnded,
    extensions: { reason },
  });
}

export async function endSession(db: Db, sessionId: string, reason: EndReason): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
}

export async function endStaffSessions(db: Db, staffId: string, reason: EndReason, exceptSessionId?: string): Promise<number> {
  const ended = await db.staffSession.updateMany({
    where: { staffId, endedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { endedAt: new Date(), endReason: reason },
  });
  return ended.count;
}

/** Opens a session for the staff member: a new token, a new row. Returns the token (for the cookie). */
export async function openSession(
  db: Db,
  config: SessionConfig,
  staffId: string,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.maxAgeMs);
  const row = await db.staffSession.create({ data: { tokenHash: hashToken(token), staffId, lastSeenAt: now, expiresAt } });
  return { token, sessionId: row.id, expiresAt };
}

/** Ends the session the browser presents, whoever's it is (a sign-in never keeps a session id it did not issue). */
export async function endPresentedSession(db: Db, req: Request): Promise<void> {
  const token = sessionTokenOf(req);
  if (!token) return;
  await db.staffSession.updateMany({
    where: { tokenHash: hashToken(token), endedAt: null },
    data: { endedAt: new Date(), endReason: 'replaced' },
  });
}

/** True unless the request names an Origin other than this server (a cross-site form or script). */
export function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

function checkCsrf(req: Request, token: string): void {
  if (SAFE_METHODS.has(req.method)) return;
  const refuse = (detail: string) =>
    new HttpProblem(403, 'Forbidden', detail, {
      type: ProblemType.csrf,
      errors: [{ in: 'header', pointer: '#/x-csrf-token', detail, code: 'csrf' }],
    });
  if (!sameOrigin(req)) throw refuse('the request comes from another site');
  const sent = Buffer.from(req.get(CSRF_HEADER) ?? '', 'utf8');
  const expected = Buffer.from(csrfTokenOf(token), 'utf8');
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw refuse(`a change needs the session's CSRF token in ${CSRF_HEADER} (GET /session gives it)`);
  }
}

/**
 * The staff principal of the request's session cookie, or undefined when there is none. An
 * ended, idle or expired session is refused (401, and the cookie is cleared); a change without
 * the CSRF token is refused (403). A request counts as activity.
 */
export async function authenticateSession(db: Db, config: SessionConfig, req: Request, res: Response): Promise<Principal | undefined> {
  const token = sessionTokenOf(req);
  if (!token) return undefined;
  const row = await db.staffSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { staff: { include: { practices: { select: { practiceId: true } } } } },
  });
  const refuse = async (reason: EndReason | 'unknown'): Promise<never> => {
    if (row && reason !== 'unknown' && !row.endedAt) await endSession(db, row.id, reason);
    clearSessionCookie(req, res);
    throw sessionEnded(reason);
  };
  if (!row) return refuse('unknown');
  if (row.endedAt) return refuse((row.endReason as EndReason | null) ?? 'signed-out');
  const now = Date.now();
  if (now >= row.expiresAt.getTime()) return refuse('expired');
  if (now - row.lastSeenAt.getTime() > config.idleTimeoutMs) return refuse('idle');
  if (row.staff.disabledAt) return refuse('disabled');
  checkCsrf(req, token);
  if (now - row.lastSeenAt.getTime() > Math.min(30_000, config.idleTimeoutMs / 10)) {
    await db.staffSession.updateMany({ where: { id: row.id, endedAt: null }, data: { lastSeenAt: new Date(now) } });
  }
  res.locals.sessionToken = token;
  const staff = row.staff;
  return {
    kind: 'staff',
    staffId: staff.id,
    sessionId: row.id,
    role: staff.role,
    actor: staffActor(staff.id),
    practices: staff.allPractices ? 'all' : staff.practices.map((p) => p.practiceId),
  };
}

export function staffActor(staffId: string): string {
  return `staff:${staffId}`;
}
