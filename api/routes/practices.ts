/** Practices and their settings (auto-batch secondary, batch schedule, manual upload). ADMIN writes; both roles read. */
import type { Practice } from '../../generated/prisma/client';
import { notFound } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, pageArgs, pageOf } from '../support';
import { page } from './common.schemas';
import { createPracticeBody, listPracticesQuery, practiceOut, practiceParams, updatePracticeBody } from './practices.schemas';
import { ensureBatchSchedule } from '../../temporal/schedules';
import { practiceFilter } from '../practice-access';

export function practiceView(p: Practice) {
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

export const practiceRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/practices',
    operationId: 'listPractices',
    summary: 'List practices',
    tag: 'configuration',
    roles: ['BILLING', 'ADMIN'],
    query: listPracticesQuery,
    responses: { 200: { description: 'A page of practices', schema: page(practiceOut) } },
    async handler({ deps, query, principal, res }) {
      const rows = await deps.db.practice.findMany({
        where: { id: practiceFilter(principal) },
        orderBy: { id: 'asc' },
        ...pageArgs(query),
      });
      res.json(pageOf(rows, query.limit, practiceView));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/practices',
    operationId: 'createPractice',
    summary: 'Create a practice',
    tag: 'configuration',
    roles: ['ADMIN'],
    body: createPracticeBody,
    responses: { 201: { description: 'The practice', schema: practiceOut } },
    async handler({ deps, body, principal, res }) {
      const practice = await deps.db.$transaction(async (tx) => {
        const data = body.batchCron === undefined && deps.defaultBatchCron ? { ...body, batchCron: deps.defaultBatchCron } : body;
        const created = await tx.practice.create({ data });
        await audit(tx, principal, {
          action: 'practice:created',
          entityType: 'practice',
          entityId: created.id,
          details: { fields: Object.keys(body) },
        });
        return created;
      });
      await ensureBatchSchedule(deps.temporal, deps.taskQueue, practice);
      res.status(201).location(`/practices/${practice.id}`).json(practiceView(practice));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/practices/:practiceId',
    operationId: 'getPractice',
    summary: 'Get a practice and its settings',
    tag: 'configuration',
    roles: ['BILLING', 'ADMIN'],
    params: practiceParams,
    responses: { 200: { description: 'The practice', schema: practiceOut }, 404: { description: 'No such practice' } },
    async handler({ deps, params, res }) {
      const practice = await deps.db.practice.findUnique({ where: { id: params.practiceId } });
      if (!practice) throw notFound('practice', params.practiceId);
      res.json(practiceView(practice));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/practices/:practiceId',
    operationId: 'updatePractice',
    summary: 'Change a practice or its settings',
    description:
      "Settings apply to bills whose workflow starts afterwards; a running bill keeps the plan it started with. A changed batchCron updates the practice's batch Schedule at once.",
    tag: 'configuration',
    roles: ['ADMIN'],
    params: practiceParams,
    body: updatePracticeBody,
    responses: { 200: { description: 'The practice', schema: practiceOut }, 404: { description: 'No such practice' } },
    async handler({ deps, params, body, principal, res }) {
      const practice = await deps.db.$transaction(async (tx) => {
        const found = await tx.practice.findUnique({ where: { id: params.practiceId } });
        if (!found) throw notFound('practice', params.practiceId);
        const updated = await tx.practice.update({ where: { id: params.practiceId }, data: body });
        await audit(tx, principal, {
          action: 'practice:updated',
          entityType: 'practice',
          entityId: updated.id,
          details: { fields: Object.keys(body) },
        });
        return updated;
      });
      if ('batchCron' in body) await ensureBatchSchedule(deps.temporal, deps.taskQueue, practice);
      res.json(practiceView(practice));
    },
  }),
];
