/** The OpenAPI 3.1 document, written from the route table (plus GET /health, which needs no key). */
import { openApiOperation, openApiPath, type RouteDef } from './route-table';
import { ProblemType } from './problem';
import { OPS_PATHS } from './ops-openapi';

const PROBLEM_SCHEMA = {
  type: 'object',
  description:
    'RFC 9457 problem details. `errors` names each bad field: `in` (body, query, path, header), `pointer` (a JSON Pointer into that part, as a URI fragment: the one way fields are named, in errors and everywhere else), `detail` and `code` (`required`, the name of an 837P rule, or a zod issue code).',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri-reference', description: `One of: ${Object.values(ProblemType).join(', ')}` },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', format: 'uri-reference' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['in', 'pointer', 'detail'],
        properties: {
          in: { enum: ['body', 'query', 'path', 'header'] },
          pointer: { type: 'string', examples: ['#/lines/0/paidCents'] },
          detail: { type: 'string' },
          code: { type: 'string' },
        },
      },
    },
  },
};

const HEALTH = {
  get: {
    operationId: 'health',
    summary: 'Whether the database and Temporal answer (no key needed; tells nothing private)',
    tags: ['health'],
    security: [],
    responses: { 200: { description: 'Both answer' }, 503: { description: 'One does not' } },
  },
};

export function buildOpenApiDocument(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = { '/health': HEALTH, ...OPS_PATHS };
  for (const route of routes) {
    const p = openApiPath(route.path);
    paths[p] = { ...(paths[p] ?? {}), [route.method]: openApiOperation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Secondary claims: staff API',
      version: '0.1.0',
      description: [
        'Billing staff carry each bill from its primary claim to its secondary one. Money is in integer cents (`...Cents`), dates of service are YYYY-MM-DD.',
        "Authentication: machines send an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`; people sign in (`POST /session`) and send the session cookie, with the session's CSRF token in `X-CSRF-Token` on every change. Roles: BILLING (clients, bills, batches, remittances; sees PHI), ADMIN (practices, providers, payers, keys, staff accounts; no PHI) and OPS (the codec server only). `x-roles` on each operation lists the roles allowed. A staff member sees the practices their account has access to only.",
        'Staff actions go to the bill workflow: a refused action answers 409 (wrong state) or 422 (refused input) with the reason, as problem details (RFC 9457).',
        'Lists paginate with `limit` and `cursor` (the `nextCursor` of the previous page).',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'health' },
      { name: 'configuration', description: 'Practices, providers, payers and their settings' },
      { name: 'access', description: 'API keys and staff accounts' },
      { name: 'session', description: 'Staff sign-in for the staff page' },
      { name: 'clients', description: 'Clients (patients) and insurance policies: PHI' },
      { name: 'bills' },
      { name: 'bill actions', description: "Staff actions, answered by the bill's workflow" },
      { name: 'batches' },
      { name: 'remittances' },
      { name: 'clearinghouse' },
      { name: 'documentation' },
      { name: 'operations', description: 'Prometheus metrics and the codec server the Temporal UI decodes payloads with' },
    ],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        bearerKey: { type: 'http', scheme: 'bearer', description: 'An API key' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'scx_session',
          description: 'A staff session (POST /session); changes also need its CSRF token in X-CSRF-Token',
        },
        codecCookie: { type: 'apiKey', in: 'cookie', name: 'scx_codec', description: 'Set by POST /codec/session; codec routes only' },
      },
    },
  };
}
