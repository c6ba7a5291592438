/** Rendering providers of a practice (NPI, taxonomy). ADMIN writes; both roles read. */
import type { Provider } from '../../generated/prisma/client';
import { notFound } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, pageArgs, pageOf } from '../support';
import { page } from './common.schemas';
import {
  createProviderBody,
  listProvidersQuery,
  practiceProvidersParams,
  providerOut,
  providerParams,
  updateProviderBody,
} from './providers.schemas';

const view = (p: Provider) => ({ ...p, createdAt: p.createdAt.toISOString() });

export const providerRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/practices/:practiceId/providers',
    operationId: 'listProviders',
    summary: "List a practice's providers",
    tag: 'configuration',
    roles: ['BILLING', 'ADMIN'],
    params: practiceProvidersParams,
    query: listProvidersQuery,
    responses: { 200: { description: 'A page of providers', schema: page(providerOut) } },
    async handler({ deps, params, query, res }) {
      const rows = await deps.db.provider.findMany({
        where: { practiceId: params.practiceId },
        orderBy: { id: 'asc' },
        ...pageArgs(query),
      });
      res.json(pageOf(rows, query.limit, view));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/practices/:practiceId/providers',
    operationId: 'createProvider',
    idempotent: true,
    summary: 'Add a provider to a practice',
    tag: 'configuration',
    roles: ['ADMIN'],
    params: practiceProvidersParams,
    body: createProviderBody,
    responses: {
      201: { description: 'The provider', schema: providerOut },
      404: { description: 'No such practice' },
      409: { description: 'The practice has a provider with this NPI' },
    },
    async handler({ deps, params, body, principal, res }) {
      const provider = await deps.db.$transaction(async (tx) => {
        if (!(await tx.practice.findUnique({ where: { id: params.practiceId } }))) throw notFound('practice', params.practiceId);
        const created = await tx.provider.create({ data: { ...body, practiceId: params.practiceId } });
        await audit(tx, principal, {
          action: 'provider:created',
          entityType: 'provider',
          entityId: created.id,
          details: { practiceId: params.practiceId },
        });
        return created;
      });
      res.status(201).location(`/providers/${provider.id}`).json(view(provider));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/providers/:providerId',
    operationId: 'updateProvider',
    summary: 'Change a provider',
    tag: 'configuration',
    roles: ['ADMIN'],
    params: providerParams,
    body: updateProviderBody,
    responses: { 200: { description: 'The provider', schema: providerOut }, 404: { description: 'No such provider' } },
    async handler({ deps, params, body, principal, res }) {
      const provider = await deps.db.$transaction(async (tx) => {
        if (!(await tx.provider.findUnique({ where: { id: params.providerId } }))) throw notFound('provider', params.providerId);
        const updated = await tx.provider.update({ where: { id: params.providerId }, data: body });
        await audit(tx, principal, {
          action: 'provider:updated',
          entityType: 'provider',
          entityId: updated.id,
          details: { fields: Object.keys(body) },
        });
        return updated;
      });
      res.json(view(provider));
    },
  }),
];
