/**
 * Problem details for HTTP APIs (RFC 9457): every error the API answers is an
 * `application/problem+json` document with type, title, status, detail and instance, and,
 * when input is at fault, an `errors` extension member naming each bad field with a JSON
 * Pointer into the part of the request it came from: the one way fields are named (a header
 * by its lower-case name, e.g. "#/idempotency-key").
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { jsonPointer, valueAt } from '../x12/837p/rules';
import type { Logger } from '../observability/logger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Where a bad field was found. */
export type FieldLocation = 'body' | 'query' | 'path' | 'header';

export interface FieldError {
  in: FieldLocation;
  /** JSON Pointer (RFC 6901) into that part of the request, as a URI fragment: "#/lines/0/paidCents"; "#" is the whole part. */
  pointer: string;
  detail: string;
  /** What kind of problem: "required", a rule of the 837P ("npi-check-digit", "future-date", ...) or zod's issue code. */
  code?: string;
}

/** The problem types this API uses. Relative URI references, described in the OpenAPI document. */
export const ProblemType = {
  invalidRequest: '/problems/invalid-request',
  malformedBody: '/problems/malformed-body',
  unsupportedMediaType: '/problems/unsupported-media-type',
  payloadTooLarge: '/problems/payload-too-large',
  unauthorized: '/problems/unauthorized',
  forbidden: '/problems/forbidden',
  sessionEnded: '/problems/session-ended',
  csrf: '/problems/csrf',
  accountLocked: '/problems/account-locked',
  notFound: '/problems/not-found',
  methodNotAllowed: '/problems/method-not-allowed',
  conflict: '/problems/conflict',
  wrongState: '/problems/wrong-state',
  refusedInput: '/problems/refused-input',
  unavailable: '/problems/unavailable',
  internal: '/problems/internal',
} as const;

export interface ProblemOptions {
  type?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extension members (ids and codes only, never PHI). */
  extensions?: Record<string, unknown>;
}

export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly extensions?: Record<string, unknown>;

  constructor(status: number, title: string, detail: string, options: ProblemOptions = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.title = title;
    this.type = options.type ?? 'about:blank';
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

export const notFound = (what: string, id: string): HttpProblem =>
  new HttpProblem(404, 'Not found', `${what} ${id} does not exist`, { type: ProblemType.notFound });

/** Input that passed the schema but names something that does not fit (unknown id, wrong practice). */
export const invalidField = (location: FieldLocation, path: (string | number)[], detail: string, code = 'invalid_reference'): HttpProblem =>
  new HttpProblem(422, 'The request is not valid', detail, {
    type: ProblemType.invalidRequest,
    errors: [fieldError(location, path, detail, code)],
  });

export function fieldError(location: FieldLocation, path: readonly PropertyKey[], detail: string, code?: string): FieldError {
  return { in: location, pointer: `#${jsonPointer(path)}`, detail, ...(code ? { code } : {}) };
}

/**
 * Zod's issues as field errors. A field that is not there "is required" (whatever type it
 * should have had); a shared 837P rule gives its own name as the code.
 */
export function zodFieldErrors(location: FieldLocation, error: z.ZodError, input?: unknown): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(fieldError(location, [...issue.path, key], 'is not a known field', issue.code));
    } else if (
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      issue.path.length > 0 &&
      valueAt(input, issue.path) === undefined
    ) {
      out.push(fieldError(location, issue.path, 'is required', 'required'));
    } else {
      const rule = issue.code === 'custom' && typeof issue.params?.rule === 'string' ? issue.params.rule : issue.code;
      out.push(fieldError(location, issue.path, issue.message, rule));
    }
  }
  return out;
}

export function validationProblem(errors: FieldError[]): HttpProblem {
  const fields = errors.map((e) => `${e.in} ${e.pointer}`).join(', ');
  return new HttpProblem(422, 'The request is not valid', `${errors.length} field(s) are not valid: ${fields}`, {
    type: ProblemType.invalidRequest,
    errors,
  });
}

export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  if (problem.headers) res.set(problem.headers);
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        type: problem.type,
        title: problem.title,
        status: problem.status,
        detail: problem.message,
        // The path only: a query string could hold anything a client typed.
        instance: req.baseUrl + req.path,
        ...(res.locals.requestId ? { requestId: res.locals.requestId as string } : {}),
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...(problem.extensions ?? {}),
      }),
    );
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

function prismaCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    const code = (err as { code: string }).code;
    if (/^P\d{4}$/.test(code)) return code;
  }
  return undefined;
}

/** Turns anything thrown into a problem document. Logs ids and error names, never the error's data. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpProblem) {
      sendProblem(req, res, err);
      return;
    }
    const bodyError = err as BodyParserError;
    if (bodyError?.type === 'entity.parse.failed') {
      sendProblem(
        req,
        res,
        new HttpProblem(400, 'The body is not valid JSON', 'the request body could not be parsed as JSON', {
          type: ProblemType.malformedBody,
          errors: [{ in: 'body', pointer: '#', detail: 'not valid JSON', code: 'malformed_json' }],
        }),
      );
      return;
    }
    if (bodyError?.type === 'entity.too.large') {
      sendProblem(
        req,
        res,
        new HttpProblem(413, 'The body is too large', 'the request body is larger than this route accepts', {
          type: ProblemType.payloadTooLarge,
        }),
      );
      return;
    }
    const code = prismaCode(err);
    if (code === 'P2002') {
      sendProblem(
        req,
        res,
        new HttpProblem(409, 'Already exists', 'a record with the same unique value exists already', { type: ProblemType.conflict }),
      );
      return;
    }
    if (code === 'P2025') {
      sendProblem(req, res, new HttpProblem(404, 'Not found', 'the record does not exist', { type: ProblemType.notFound }));
      return;
    }
    // Prisma's messages can quote the data of the query: log the error's name and code only.
    const name = err instanceof Error ? err.constructor.name : typeof err;
    logger.error({ requestId: res.locals.requestId, errorName: name, code }, 'request failed');
    sendProblem(
      req,
      res,
      new HttpProblem(500, 'Internal error', 'the request failed; see the service log under this request id', {
        type: ProblemType.internal,
      }),
    );
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(req, res, new HttpProblem(404, 'Not found', `no route ${req.method} ${req.path}`, { type: ProblemType.notFound }));
};
