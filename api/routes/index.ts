/** Every route of the API but GET /health, in one table: mounted by createApp and written into the OpenAPI document. */
import { z } from 'zod';
import { buildOpenApiDocument } from '../openapi';
import { defineRoute, type RouteDef } from '../route-table';
import { apiKeyRoutes } from './api-keys';
import { batchRoutes } from './batches';
import { billSearchRoutes } from './bill-search';
import { billWorkRoutes } from './bill-work';
import { eraCandidateRoutes } from './era-candidates';
import { sessionRoutes } from './session';
import { staffAccountRoutes } from './staff-accounts';
import { billActionRoutes } from './bill-actions';
import { billMoneyRoutes } from './bill-money';
import { billRoutes } from './bills';
import { clientRoutes } from './clients';
import { fileRoutes } from './files';
import { payerRoutes } from './payers';
import { practiceRoutes } from './practices';
import { providerRoutes } from './providers';
import { unmatchedEraRoutes } from './unmatched-era';

const resourceRoutes: RouteDef[] = [
  ...practiceRoutes,
  ...providerRoutes,
  ...payerRoutes,
  ...apiKeyRoutes,
  ...sessionRoutes,
  ...staffAccountRoutes,
  ...clientRoutes,
  ...billSearchRoutes,
  ...billRoutes,
  ...billWorkRoutes,
  ...billActionRoutes,
  ...billMoneyRoutes,
  ...batchRoutes,
  ...fileRoutes,
  ...unmatchedEraRoutes,
  ...eraCandidateRoutes,
];

let document: Record<string, unknown> | undefined;

const openApiRoute = defineRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This document',
  tag: 'documentation',
  roles: ['BILLING', 'ADMIN'],
  responses: { 200: { description: 'The OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) } },
  handler({ res }) {
    document ??= buildOpenApiDocument(API_ROUTES);
    res.json(document);
  },
});

export const API_ROUTES: readonly RouteDef[] = [...resourceRoutes, openApiRoute];
