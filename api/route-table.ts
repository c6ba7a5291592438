/**
 * The route table: every route of the API is declared once, with its method, path, roles,
 * zod schemas and responses. The same declaration mounts the Express route (authenticate ->
 * authorize -> parse -> validate -> handler) and writes its OpenAPI operation, so the
 * document cannot drift from what the server does (a test checks the Express stack too).
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { ApiDeps } from './app';
import { ANONYMOUS, apiKeyCacheOf, authenticate, authorize, principalOf, type Principal, type Role } from './auth';
import { enforcePracticeAccess } from './practice-access';
import { sessionConfigFromEnv } from './session-config';
import { authenticateSession } from './staff-sessions';
import { fieldError, HttpProblem, ProblemType, validationProblem, zodFieldErrors, type FieldError } from './problem';
import { hostileStrings } from './routes/common.schemas';
import { idempotencyKeyError } from './support';
import { runIdempotently, type IdempotencyOptions } from './idempotency';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ResponseSpec {
  description: string;
  /** JSON body schema; omitted for no body or a binary body. */
  schema?: z.ZodType;
  /** For binary bodies: their media types. */
  binary?: string[];
}

export interface RawBodySpec {
  /** Media types accepted as the raw request body. */
  contentTypes: string[];
  maxBytes: number;
  description: string;
}

export interface HandlerContext<P, Q, B> {
  req: Request;
  res: Response;
  deps: ApiDeps;
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** The raw body, for routes that take a file. */
  raw: Buffer | undefined;
  /**
   * With an Idempotency-Key: the id of the request's record, the same on every attempt of
   * that request. A create uses it as the id of what it makes, so a retry after a failure
   * finds the first attempt's work instead of making a second one.
   */
  idempotentRequestId?: string;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method;
  /** Express path, e.g. "/bills/:billId/payments". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Roles allowed. */
  roles: readonly Role[];
  /** No key or session needed (signing in); the handler gets the anonymous principal. */
  public?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  rawBody?: RawBodySpec;
  /**
   * Accepts an Idempotency-Key header: the same request again with the same key replays the
   * first answer (api/idempotency.ts). Every route that creates or acts has it.
   */
  idempotent?: boolean | IdempotencyOptions;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<void> | void;
}

export interface RouteDef {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  roles: readonly Role[];
  public?: boolean;
  params?: AnyObject;
  query?: AnyObject;
  body?: z.ZodType;
  rawBody?: RawBodySpec;
  idempotent?: boolean | IdempotencyOptions;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: HandlerContext<unknown, unknown, unknown>) => Promise<void> | void;
}

const emptyObject = z.object({}).strict();

export function defineRoute<
  P extends AnyObject = typeof emptyObject,
  Q extends AnyObject = typeof emptyObject,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B>): RouteDef {
  return spec as unknown as RouteDef;
}

/** Express path to OpenAPI path: "/bills/:billId" -> "/bills/{billId}". */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parsePart(schema: z.ZodType | undefined, value: unknown, location: FieldError['in'], errors: FieldError[]): unknown {
  if (!schema) return value;
  const hostile = location === 'path' ? [] : hostileStrings(value);
  if (hostile.length > 0) {
    // Refused before the schema: its rules (and the database) never see such a string.
    errors.push(...hostile.map((h) => fieldError(location, h.path, h.message, h.code)));
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  errors.push(...zodFieldErrors(location, parsed.error, value));
  return undefined;
}

function mediaType(req: Request): string {
  return (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function bodyParsers(route: RouteDef): RequestHandler[] {
  if (route.rawBody) {
    const accepted = route.rawBody.contentTypes.map((t) => t.toLowerCase());
    const raw = route.rawBody;
    return [
      (req, _res, next) => {
        const type = mediaType(req);
        if (!accepted.includes(type)) {
          throw new HttpProblem(
            415,
            'Unsupported media type',
            `this route takes ${accepted.join(', ')}; got ${type || 'no Content-Type'}`,
            {
              type: ProblemType.unsupportedMediaType,
              errors: [
                {
                  in: 'header',
                  pointer: '#/content-type',
                  detail: `must be one of ${accepted.join(', ')}`,
                  code: 'unsupported_media_type',
                },
              ],
            },
          );
        }
        next();
      },
      express.raw({ type: () => true, limit: raw.maxBytes }),
    ];
  }
  if (route.body) return [express.json({ limit: '1mb', strict: true, type: () => true })];
  return [];
}

function contentTypeCheck(route: RouteDef): RequestHandler[] {
  if (!route.body) return [];
  return [
    (req, _res, next) => {
      const type = mediaType(req);
      const empty = !req.headers['content-length'] || req.headers['content-length'] === '0';
      if (type !== 'application/json' && !(type === '' && empty)) {
        throw new HttpProblem(415, 'Unsupported media type', `this route takes application/json; got ${type || 'no Content-Type'}`, {
          type: ProblemType.unsupportedMediaType,
          errors: [
            {
              in: 'header',
              pointer: '#/content-type',
              detail: 'must be application/json',
              code: 'unsupported_media_type',
            },
          ],
        });
      }
      next();
    },
  ];
}

export function mountRoutes(router: Router, routes: readonly RouteDef[], deps: ApiDeps): void {
  const sessions = deps.session ?? sessionConfigFromEnv();
  const authn = authenticate(deps.db, (req, res) => authenticateSession(deps.db, sessions, req, res), apiKeyCacheOf(deps));
  for (const route of routes) {
    const handler: RequestHandler = async (req, res) => {
      const errors: FieldError[] = [];
      const params = parsePart(route.params ?? emptyObject, req.params, 'path', errors);
      const query = parsePart(route.query ?? emptyObject, req.query, 'query', errors);
      const rawBuffer = route.rawBody ? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)) : undefined;
      const body = route.body ? parsePart(route.body, req.body ?? undefined, 'body', errors) : undefined;
      if (route.idempotent) {
        const keyError = idempotencyKeyError(req.get('idempotency-key'));
        if (keyError) errors.push(keyError);
      }
      if (errors.length > 0) throw validationProblem(errors);
      if (route.rawBody && rawBuffer!.length === 0) {
        throw validationProblem([{ in: 'body', pointer: '#', detail: 'the file is empty', code: 'empty_body' }]);
      }
      const principal = route.public ? ANONYMOUS : principalOf(res);
      await enforcePracticeAccess(deps.db, principal, route, { params, query, body });
      const run = (idempotentRequestId: string | undefined) =>
        Promise.resolve(route.handler({ req, res, deps, principal, params, query, body, raw: rawBuffer, idempotentRequestId }));
      if (!route.idempotent) return run(undefined);
      const options = route.idempotent === true ? {} : route.idempotent;
      await runIdempotently(deps.db, principal, req, res, { query: req.query, body: req.body as unknown, raw: rawBuffer }, options, run);
    };
    const guards = route.public ? [] : [authn, authorize(route.roles)];
    router[route.method](route.path, ...guards, ...contentTypeCheck(route), ...bodyParsers(route), handler);
  }
}

// ------------------------------------------------------------------ OpenAPI

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function outputSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function parameters(location: 'path' | 'query', schema: AnyObject | undefined): Record<string, unknown>[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = jsonSchema(field as z.ZodType);
    const description = typeof s.description === 'string' ? s.description : undefined;
    return {
      name,
      in: location,
      required: location === 'path' ? true : !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: s,
    };
  });
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
}

export function openApiOperation(route: RouteDef): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    if (spec.binary) {
      responses[status] = {
        description: spec.description,
        content: Object.fromEntries(spec.binary.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
      };
    } else if (spec.schema) {
      responses[status] = { description: spec.description, content: { 'application/json': { schema: outputSchema(spec.schema) } } };
    } else {
      responses[status] = { description: spec.description };
    }
  }
  if (!route.public) {
    responses['401'] = responses['401'] ?? problemResponse('No API key or session, an unknown or revoked key, or a session that has ended');
    responses['403'] = problemResponse(
      `The role may not do this (allowed: ${route.roles.join(', ')}), the practice is not the caller's, or a session's change lacks its CSRF token`,
    );
  }
  if (route.params || route.query || route.body || route.rawBody)
    responses['422'] = responses['422'] ?? problemResponse('A field is not valid: `errors` names each one');
  if (route.body) responses['400'] = problemResponse('The body is not valid JSON');
  if (route.body || route.rawBody) responses['415'] = problemResponse('The body is not of a media type this route takes');
  const requestBody = route.body
    ? { required: !route.body.safeParse(undefined).success, content: { 'application/json': { schema: jsonSchema(route.body) } } }
    : route.rawBody
      ? {
          required: true,
          description: route.rawBody.description,
          content: Object.fromEntries(route.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
        }
      : undefined;
  const idempotencyHeader = route.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'A key of your choice (1-100 characters [A-Za-z0-9._:-]), kept 24 hours: the same request sent again with the same key is done once and answers as the first did (header Idempotent-Replayed: true); a different request under the key is 422; while the first still runs, 409 with Retry-After. After a 5xx, send the same request with the same key again.',
          schema: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' },
        },
      ]
    : [];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    'x-roles': route.public ? [] : route.roles,
    security: route.public ? [] : [{ bearerKey: [] }, { apiKeyHeader: [] }, { sessionCookie: [] }],
    parameters: [...parameters('path', route.params), ...parameters('query', route.query), ...idempotencyHeader],
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}
