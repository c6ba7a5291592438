/** Payers and their settings (escalation days, timely filing days, filing indicator). ADMIN writes; both roles read. */
import { Prisma, type Payer } from '../../generated/prisma/client';
import type { ApiDeps } from '../app';
import { HttpProblem, invalidField, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, pageArgs, pageOf } from '../support';
import { page } from './common.schemas';
import { createPayerBody, listPayersQuery, payerOut, payerParams, updatePayerBody } from './payers.schemas';
import { checkPayerIndicator } from './door-rules';

const view = (p: Payer) => ({
  ...p,
  simulatorScenario: (p.simulatorScenario ?? null) as Record<string, unknown> | null,
  createdAt: p.createdAt.toISOString(),
});

/** The clearinghouse the service sends to: `CLEARINGHOUSE` (clearinghouse/config.ts) unless given. */
function clearinghouseKind(deps: ApiDeps): string {
  return deps.clearinghouseKind ?? (process.env.CLEARINGHOUSE?.trim() || 'local-directory');
}

/** A payer scenario exists only with the local clearinghouse and its payer simulator. */
function scenarioData<T extends { simulatorScenario?: Record<string, unknown> | null }>(deps: ApiDeps, body: T) {
  const { simulatorScenario, ...rest } = body;
  if (simulatorScenario === undefined) return rest;
  if (simulatorScenario !== null && clearinghouseKind(deps) !== 'local-directory') {
    throw invalidField(
      'body',
      ['simulatorScenario'],
      'exists only with the local clearinghouse and its payer simulator: this service sends claims to Office Ally',
      'simulator_only',
    );
  }
  return { ...rest, simulatorScenario: simulatorScenario === null ? Prisma.DbNull : (simulatorScenario as Prisma.InputJsonObject) };
}

const duplicateCode = (code: string) =>
  new HttpProblem(409, 'Already exists', `a payer with payer code ${code} exists already`, {
    type: ProblemType.conflict,
    errors: [{ in: 'body', pointer: '#/payerCode', detail: 'is taken', code: 'duplicate' }],
  });

export const payerRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/payers',
    operationId: 'listPayers',
    summary: 'List payers',
    tag: 'configuration',
    roles: ['BILLING', 'ADMIN'],
    query: listPayersQuery,
    responses: { 200: { description: 'A page of payers', schema: page(payerOut) } },
    async handler({ deps, query, res }) {
      const rows = await deps.db.payer.findMany({
        where: query.payerCode ? { payerCode: query.payerCode } : {},
        orderBy: { id: 'asc' },
        ...pageArgs(query),
      });
      res.json(pageOf(rows, query.limit, view));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/payers',
    operationId: 'createPayer',
    summary: 'Create a payer',
    tag: 'configuration',
    roles: ['ADMIN'],
    body: createPayerBody,
    responses: { 201: { description: 'The payer', schema: payerOut }, 409: { description: 'The payer code is taken' } },
    async handler({ deps, body, principal, res }) {
      const data = scenarioData(deps, body);
      if (await deps.db.payer.findUnique({ where: { payerCode: body.payerCode } })) throw duplicateCode(body.payerCode);
      const payer = await deps.db.$transaction(async (tx) => {
        const created = await tx.payer.create({ data });
        await audit(tx, principal, {
          action: 'payer:created',
          entityType: 'payer',
          entityId: created.id,
          details: { payerCode: created.payerCode },
        });
        return created;
      });
      res.status(201).location(`/payers/${payer.id}`).json(view(payer));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/payers/:payerId',
    operationId: 'getPayer',
    summary: 'Get a payer and its settings',
    tag: 'configuration',
    roles: ['BILLING', 'ADMIN'],
    params: payerParams,
    responses: { 200: { description: 'The payer', schema: payerOut }, 404: { description: 'No such payer' } },
    async handler({ deps, params, res }) {
      const payer = await deps.db.payer.findUnique({ where: { id: params.payerId } });
      if (!payer) throw notFound('payer', params.payerId);
      res.json(view(payer));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/payers/:payerId',
    operationId: 'updatePayer',
    summary: 'Change a payer or its settings',
    description:
      'Escalation and timely-filing days apply to bills whose workflow starts afterwards. A simulator scenario applies to the next claim file the simulator takes in.',
    tag: 'configuration',
    roles: ['ADMIN'],
    params: payerParams,
    body: updatePayerBody,
    responses: { 200: { description: 'The payer', schema: payerOut }, 404: { description: 'No such payer' } },
    async handler({ deps, params, body, principal, res }) {
      const found = await deps.db.payer.findUnique({ where: { id: params.payerId } });
      if (!found) throw notFound('payer', params.payerId);
      const data = scenarioData(deps, body);
      if (
        body.payerCode &&
        body.payerCode !== found.payerCode &&
        (await deps.db.payer.findUnique({ where: { payerCode: body.payerCode } }))
      ) {
        throw duplicateCode(body.payerCode);
      }
      await checkPayerIndicator(deps.db, found.id, body.claimFilingIndicator);
      const payer = await deps.db.$transaction(async (tx) => {
        const updated = await tx.payer.update({ where: { id: params.payerId }, data });
        await audit(tx, principal, {
          action: 'payer:updated',
          entityType: 'payer',
          entityId: updated.id,
          details: { fields: Object.keys(body) },
        });
        return updated;
      });
      res.json(view(payer));
    },
  }),
];
