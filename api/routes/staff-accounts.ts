/**
 * Staff accounts (ADMIN with access to every practice): create with a first password, list,
 * change (role, practices, name, e-mail, a new password, disable), unlock after failed
 * sign-ins. Passwords are never answered; a new password or a disabled account ends the
 * account's sessions. Also the directory of actors (names for the ids in audit trails).
 */
import { z } from 'zod';
import type { Db } from '../../db/prisma';
import { hashPassword, passwordProblem } from '../passwords';
import { fieldError, HttpProblem, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { endStaffSessions, staffActor } from '../staff-sessions';
import { audit, pageArgs, pageOf } from '../support';
import { page } from './common.schemas';
import {
  createStaffBody,
  listStaffQuery,
  loadStaff,
  staffInclude,
  staffOut,
  staffParams,
  staffView,
  updateStaffBody,
} from './staff-accounts.schemas';

function weak(problem: string): HttpProblem {
  return new HttpProblem(422, 'The request is not valid', `password ${problem}`, {
    type: ProblemType.invalidRequest,
    errors: [fieldError('body', ['password'], problem, 'weak_password')],
  });
}

async function checkPractices(db: Db, practiceIds: readonly string[]): Promise<void> {
  const found = new Set((await db.practice.findMany({ where: { id: { in: [...practiceIds] } }, select: { id: true } })).map((p) => p.id));
  const errors = practiceIds.flatMap((p, i) =>
    found.has(p) ? [] : [fieldError('body', ['practiceIds', i], `no practice ${p}`, 'invalid_reference')],
  );
  if (errors.length > 0)
    throw new HttpProblem(422, 'The request is not valid', 'unknown practice(s)', { type: ProblemType.invalidRequest, errors });
}

async function emailFree(db: Db, email: string, except?: string): Promise<void> {
  const other = await db.staffAccount.findUnique({ where: { email } });
  if (other && other.id !== except) {
    throw new HttpProblem(409, 'Already exists', 'another staff account has this e-mail', {
      type: ProblemType.conflict,
      errors: [fieldError('body', ['email'], 'is taken', 'duplicate')],
    });
  }
}

const actorOut = z.object({ actor: z.string(), name: z.string(), kind: z.enum(['staff', 'key']) });

export const staffAccountRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/staff-accounts',
    operationId: 'listStaffAccounts',
    summary: 'List staff accounts (never their passwords)',
    tag: 'access',
    roles: ['ADMIN'],
    query: listStaffQuery,
    responses: { 200: { description: 'A page of staff accounts', schema: page(staffOut) } },
    async handler({ deps, query, res }) {
      const rows = await deps.db.staffAccount.findMany({ include: staffInclude, orderBy: { id: 'asc' }, ...pageArgs(query) });
      res.json(pageOf(rows, query.limit, staffView));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/staff-accounts',
    operationId: 'createStaffAccount',
    idempotent: true,
    summary: 'Create a staff account with its first password',
    tag: 'access',
    roles: ['ADMIN'],
    body: createStaffBody,
    responses: { 201: { description: 'The account', schema: staffOut }, 409: { description: 'The e-mail is taken' } },
    async handler({ deps, body, principal, res }) {
      const problem = passwordProblem(body.password, body.email);
      if (problem) throw weak(problem);
      await emailFree(deps.db, body.email);
      const practiceIds = body.allPractices ? [] : [...new Set(body.practiceIds ?? [])];
      await checkPractices(deps.db, practiceIds);
      const passwordHash = await hashPassword(body.password);
      const created = await deps.db.$transaction(async (tx) => {
        const row = await tx.staffAccount.create({
          data: {
            name: body.name,
            email: body.email,
            role: body.role,
            allPractices: body.allPractices ?? false,
            passwordHash,
            createdBy: principal.actor,
            practices: { create: practiceIds.map((practiceId) => ({ practiceId })) },
          },
        });
        await audit(tx, principal, {
          action: 'staff-account:created',
          entityType: 'staff',
          entityId: row.id,
          details: { role: row.role, allPractices: row.allPractices, practiceIds },
        });
        return row;
      });
      res
        .status(201)
        .location(`/staff-accounts/${created.id}`)
        .json(staffView(await loadStaff(deps.db, created.id)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/staff-accounts/:staffId',
    operationId: 'getStaffAccount',
    summary: 'A staff account',
    tag: 'access',
    roles: ['ADMIN'],
    params: staffParams,
    responses: { 200: { description: 'The account', schema: staffOut }, 404: { description: 'No such account' } },
    async handler({ deps, params, res }) {
      res.json(staffView(await loadStaff(deps.db, params.staffId)));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/staff-accounts/:staffId',
    operationId: 'updateStaffAccount',
    summary: 'Change a staff account: name, e-mail, role, practices, a new password, disabled',
    description: "Role and practice changes apply from the account's next request. A new password or disabling ends its sessions.",
    tag: 'access',
    roles: ['ADMIN'],
    params: staffParams,
    body: updateStaffBody,
    responses: { 200: { description: 'The account', schema: staffOut }, 404: { description: 'No such account' } },
    async handler({ deps, params, body, principal, res }) {
      const found = await loadStaff(deps.db, params.staffId);
      const email = body.email ?? found.email;
      if (body.email) await emailFree(deps.db, body.email, found.id);
      if (body.password !== undefined) {
        const problem = passwordProblem(body.password, email);
        if (problem) throw weak(problem);
      }
      const allPractices = body.allPractices ?? found.allPractices;
      const practiceIds = body.practiceIds ? [...new Set(body.practiceIds)] : undefined;
      if (practiceIds) await checkPractices(deps.db, practiceIds);
      const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
      await deps.db.$transaction(async (tx) => {
        await tx.staffAccount.update({
          where: { id: found.id },
          data: {
            ...(body.name ? { name: body.name } : {}),
            ...(body.email ? { email: body.email } : {}),
            ...(body.role ? { role: body.role } : {}),
            allPractices,
            ...(passwordHash ? { passwordHash, passwordChangedAt: new Date(), failedSignIns: 0, lockedUntil: null } : {}),
            ...(body.disabled !== undefined ? { disabledAt: body.disabled ? (found.disabledAt ?? new Date()) : null } : {}),
          },
        });
        if (practiceIds || allPractices) {
          await tx.staffPracticeAccess.deleteMany({ where: { staffId: found.id } });
          if (!allPractices && practiceIds)
            await tx.staffPracticeAccess.createMany({ data: practiceIds.map((practiceId) => ({ staffId: found.id, practiceId })) });
        }
        await audit(tx, principal, {
          action: 'staff-account:updated',
          entityType: 'staff',
          entityId: found.id,
          details: { fields: Object.keys(body), ...(practiceIds ? { practiceIds } : {}) },
        });
      });
      if (passwordHash) await endStaffSessions(deps.db, found.id, 'password-changed');
      if (body.disabled) await endStaffSessions(deps.db, found.id, 'disabled');
      res.json(staffView(await loadStaff(deps.db, found.id)));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/staff-accounts/:staffId/unlock',
    operationId: 'unlockStaffAccount',
    summary: 'Unlock an account locked after failed sign-ins',
    tag: 'access',
    roles: ['ADMIN'],
    params: staffParams,
    body: z.object({}).strict().optional(),
    responses: { 200: { description: 'The account', schema: staffOut }, 404: { description: 'No such account' } },
    async handler({ deps, params, principal, res }) {
      const found = await loadStaff(deps.db, params.staffId);
      await deps.db.staffAccount.update({ where: { id: found.id }, data: { lockedUntil: null, failedSignIns: 0 } });
      await audit(deps.db, principal, { action: 'staff-account:unlocked', entityType: 'staff', entityId: found.id });
      res.json(staffView(await loadStaff(deps.db, found.id)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/actors',
    operationId: 'listActors',
    summary: 'Names for the actors of audit trails and timelines (staff accounts and API keys); no patient data',
    tag: 'access',
    roles: ['BILLING', 'ADMIN'],
    responses: { 200: { description: 'Every staff account and API key, by actor id', schema: z.object({ items: z.array(actorOut) }) } },
    async handler({ deps, res }) {
      const [staff, keys] = await Promise.all([
        deps.db.staffAccount.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
        deps.db.apiKey.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
      ]);
      res.json({
        items: [
          ...staff.map((s) => ({ actor: staffActor(s.id), name: s.name, kind: 'staff' as const })),
          ...keys.map((k) => ({ actor: `key:${k.id}`, name: `${k.name} (API key)`, kind: 'key' as const })),
        ],
      });
    },
  }),
];
