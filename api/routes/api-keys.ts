/** API keys (ADMIN only): create (the key is shown once), list (prefixes only), revoke. */
import { z } from 'zod';
import type { ApiKey } from '../../generated/prisma/client';
import { apiKeyCacheOf, createApiKey, ROLES } from '../auth';
import { notFound } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, pageArgs, pageOf } from '../support';
import { id, page, pageQuery } from './common.schemas';

const keyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const view = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export const apiKeyRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/api-keys',
    operationId: 'listApiKeys',
    summary: 'List API keys (never the keys themselves)',
    tag: 'access',
    roles: ['ADMIN'],
    query: z.object({ ...pageQuery }).strict(),
    responses: { 200: { description: 'A page of keys', schema: page(keyOut) } },
    async handler({ deps, query, res }) {
      const rows = await deps.db.apiKey.findMany({ orderBy: { id: 'asc' }, ...pageArgs(query) });
      res.json(pageOf(rows, query.limit, view));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api-keys',
    operationId: 'createApiKey',
    idempotent: { secretAnswer: true },
    summary: 'Create an API key; the key is in this answer only',
    tag: 'access',
    roles: ['ADMIN'],
    body: z
      .object({
        name: z.string().min(1).max(100).describe('What the key is for, e.g. "front desk" (not a patient\'s name)'),
        role: z.enum(ROLES),
      })
      .strict(),
    responses: { 201: { description: 'The key, shown once', schema: keyOut.extend({ key: z.string() }) } },
    async handler({ deps, body, principal, res }) {
      const created = await createApiKey(deps.db, body);
      await audit(deps.db, principal, {
        action: 'api-key:created',
        entityType: 'api-key',
        entityId: created.id,
        details: { role: created.role, prefix: created.prefix },
      });
      res.status(201).set('Cache-Control', 'no-store').json({
        id: created.id,
        name: created.name,
        prefix: created.prefix,
        role: created.role,
        createdAt: created.createdAt.toISOString(),
        revokedAt: null,
        key: created.key,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api-keys/:keyId/revoke',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key (at once; revoking twice is a no-op)',
    tag: 'access',
    roles: ['ADMIN'],
    params: z.object({ keyId: id }).strict(),
    responses: { 200: { description: 'The revoked key', schema: keyOut }, 404: { description: 'No such key' } },
    async handler({ deps, params, principal, res }) {
      const found = await deps.db.apiKey.findUnique({ where: { id: params.keyId } });
      if (!found) throw notFound('API key', params.keyId);
      if (found.revokedAt) {
        res.json(view(found));
        return;
      }
      const revoked = await deps.db.apiKey.update({ where: { id: params.keyId }, data: { revokedAt: new Date() } });
      apiKeyCacheOf(deps).forget(revoked.keyHash);
      await audit(deps.db, principal, { action: 'api-key:revoked', entityType: 'api-key', entityId: revoked.id });
      res.json(view(revoked));
    },
  }),
];
