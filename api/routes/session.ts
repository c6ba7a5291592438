/**
 * Staff sign-in for the staff page: sign in (a new session and cookie every time), who is
 * signed in (with the CSRF token; it also counts as activity), sign out, change one's own
 * password. Repeated failed sign-ins lock the account for a while (api/session-config.ts).
 */
import { z } from 'zod';
import type { ApiDeps } from '../app';
import type { Principal } from '../auth';
import { burnVerification, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../passwords';
import { HttpProblem, ProblemType, fieldError } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { sessionConfigFromEnv, type SessionConfig } from '../session-config';
import {
  clearSessionCookie,
  csrfTokenOf,
  endPresentedSession,
  endSession,
  endStaffSessions,
  openSession,
  sameOrigin,
  setSessionCookie,
  staffActor,
} from '../staff-sessions';
import { audit } from '../support';
import { loadStaff, staffMeOut, staffMeView } from './staff-accounts.schemas';

const sessionOut = z.object({
  staff: staffMeOut,
  csrfToken: z.string().describe('Send it as X-CSRF-Token with every change'),
  idleTimeoutSeconds: z.number().int().describe('The session ends after this long without a request'),
  expiresAt: z.string().describe('The session ends then, however active'),
});

const configOf = (deps: ApiDeps): SessionConfig => deps.session ?? sessionConfigFromEnv();

const badCredentials = () =>
  new HttpProblem(401, 'Not signed in', 'the e-mail or the password is not right', { type: ProblemType.unauthorized });

const locked = (until: Date) =>
  new HttpProblem(
    423,
    'Account locked',
    `too many failed sign-ins: the account is locked until ${until.toISOString()}; try again then, or ask an administrator to unlock it`,
    {
      type: ProblemType.accountLocked,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) },
      extensions: { lockedUntil: until.toISOString() },
    },
  );

const staffPrincipal = (staff: { id: string; role: Principal['role']; allPractices: boolean }): Principal => ({
  kind: 'staff',
  staffId: staff.id,
  role: staff.role,
  actor: staffActor(staff.id),
  practices: staff.allPractices ? 'all' : [],
});

function sessionOnly(principal: Principal): { staffId: string; sessionId: string } {
  if (principal.kind !== 'staff' || !principal.staffId || !principal.sessionId) {
    throw new HttpProblem(404, 'No session', 'this is for a staff member signed in to the staff page, not an API key', {
      type: ProblemType.notFound,
    });
  }
  return { staffId: principal.staffId, sessionId: principal.sessionId };
}

export const sessionRoutes: RouteDef[] = [
  defineRoute({
    method: 'post',
    path: '/session',
    operationId: 'signIn',
    summary: 'Sign in to the staff page: sets the session cookie and answers the CSRF token',
    description:
      'Every sign-in opens a new session (a new cookie) and ends the one the browser had. After too many failed sign-ins in a row the account is locked for a while (423).',
    tag: 'session',
    roles: [],
    public: true,
    body: z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1000) }).strict(),
    responses: {
      200: { description: 'Signed in', schema: sessionOut },
      401: { description: 'The e-mail or the password is not right' },
      423: { description: 'The account is locked after failed sign-ins (Retry-After says for how long)' },
    },
    async handler({ deps, body, req, res }) {
      if (!sameOrigin(req)) throw new HttpProblem(403, 'Forbidden', 'the sign-in comes from another site', { type: ProblemType.csrf });
      const config = configOf(deps);
      const email = body.email.toLowerCase();
      const found = await deps.db.staffAccount.findUnique({ where: { email } });
      if (!found || found.disabledAt) {
        await burnVerification(body.password);
        throw badCredentials();
      }
      if (found.lockedUntil && found.lockedUntil.getTime() > Date.now()) throw locked(found.lockedUntil);
      const principal = staffPrincipal(found);
      if (!(await verifyPassword(found.passwordHash, body.password))) {
        const counted = await deps.db.staffAccount.update({ where: { id: found.id }, data: { failedSignIns: { increment: 1 } } });
        await audit(deps.db, principal, { action: 'staff:sign-in-failed', entityType: 'staff', entityId: found.id });
        if (counted.failedSignIns >= config.lockAfterFailures) {
          const until = new Date(Date.now() + config.lockMs);
          await deps.db.staffAccount.update({ where: { id: found.id }, data: { lockedUntil: until, failedSignIns: 0 } });
          await audit(deps.db, principal, {
            action: 'staff:locked',
            entityType: 'staff',
            entityId: found.id,
            details: { failures: counted.failedSignIns, until: until.toISOString() },
          });
          throw locked(until);
        }
        throw badCredentials();
      }
      await endPresentedSession(deps.db, req);
      const rehash = needsRehash(found.passwordHash) ? { passwordHash: await hashPassword(body.password) } : {};
      await deps.db.staffAccount.update({
        where: { id: found.id },
        data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: new Date(), ...rehash },
      });
      const session = await openSession(deps.db, config, found.id);
      await audit(deps.db, principal, { action: 'staff:signed-in', entityType: 'staff', entityId: found.id });
      setSessionCookie(req, res, session.token);
      const staff = await loadStaff(deps.db, found.id);
      res.set('Cache-Control', 'no-store').json({
        staff: staffMeView(staff),
        csrfToken: csrfTokenOf(session.token),
        idleTimeoutSeconds: Math.round(config.idleTimeoutMs / 1000),
        expiresAt: session.expiresAt.toISOString(),
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/session',
    operationId: 'getSession',
    summary: 'Who is signed in, with the CSRF token for changes (a request: it keeps the session alive)',
    tag: 'session',
    roles: ['BILLING', 'ADMIN'],
    responses: { 200: { description: 'The session', schema: sessionOut }, 404: { description: 'Called with an API key' } },
    async handler({ deps, principal, res }) {
      const { staffId, sessionId } = sessionOnly(principal);
      const token = res.locals.sessionToken as string;
      const row = await deps.db.staffSession.findUniqueOrThrow({ where: { id: sessionId } });
      res.set('Cache-Control', 'no-store').json({
        staff: staffMeView(await loadStaff(deps.db, staffId)),
        csrfToken: csrfTokenOf(token),
        idleTimeoutSeconds: Math.round(configOf(deps).idleTimeoutMs / 1000),
        expiresAt: row.expiresAt.toISOString(),
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/session/sign-out',
    operationId: 'signOut',
    summary: 'Sign out: the session ends and the cookie is cleared',
    tag: 'session',
    roles: ['BILLING', 'ADMIN'],
    body: z.object({}).strict().optional(),
    responses: { 204: { description: 'Signed out' }, 404: { description: 'Called with an API key' } },
    async handler({ deps, principal, req, res }) {
      const { staffId, sessionId } = sessionOnly(principal);
      await endSession(deps.db, sessionId, 'signed-out');
      await audit(deps.db, principal, { action: 'staff:signed-out', entityType: 'staff', entityId: staffId });
      clearSessionCookie(req, res);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/session/password',
    operationId: 'changePassword',
    summary: "Change one's own password (the account's other sessions end)",
    tag: 'session',
    roles: ['BILLING', 'ADMIN'],
    body: z.object({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().max(1000) }).strict(),
    responses: { 204: { description: 'Changed' }, 404: { description: 'Called with an API key' } },
    async handler({ deps, principal, body, res }) {
      const { staffId, sessionId } = sessionOnly(principal);
      const staff = await deps.db.staffAccount.findUniqueOrThrow({ where: { id: staffId } });
      if (!(await verifyPassword(staff.passwordHash, body.currentPassword))) {
        throw new HttpProblem(422, 'The request is not valid', 'the current password is not right', {
          type: ProblemType.invalidRequest,
          errors: [fieldError('body', ['currentPassword'], 'is not right', 'wrong_password')],
        });
      }
      const problem = passwordProblem(body.newPassword, staff.email);
      if (problem) {
        throw new HttpProblem(422, 'The request is not valid', `newPassword ${problem}`, {
          type: ProblemType.invalidRequest,
          errors: [fieldError('body', ['newPassword'], problem, 'weak_password')],
        });
      }
      await deps.db.staffAccount.update({
        where: { id: staffId },
        data: { passwordHash: await hashPassword(body.newPassword), passwordChangedAt: new Date() },
      });
      const ended = await endStaffSessions(deps.db, staffId, 'password-changed', sessionId);
      await audit(deps.db, principal, { action: 'staff:password-changed', entityType: 'staff', entityId: staffId, details: { ended } });
      res.status(204).end();
    },
  }),
];
