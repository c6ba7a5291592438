/**
 * The page's one way to the API: openapi-fetch over the types generated from the API's own
 * OpenAPI document (schema.ts), so a call the API does not document does not compile. The
 * session's CSRF token is kept in memory only and sent with every change; a 401 from a route
 * tells the page that the session has ended.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Problem = components['schemas']['Problem'];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  constructor(status: number, problem: Problem | undefined) {
    super(problem?.detail ?? problem?.title ?? `the request failed (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

let csrfToken: string | undefined;
let signedOut: (reason: string) => void = () => undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request finds the session ended (idle, signed out elsewhere, expired). */
export function onSignedOut(listener: (reason: string) => void): void {
  signedOut = listener;
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    const signingIn = request.method === 'POST' && new URL(request.url).pathname === '/session';
    if (response.status === 401 && !signingIn) {
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { reason?: string };
      signedOut(body.reason ?? 'unknown');
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The data of an answer, or an ApiError with the problem document. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body, error, response } = await call;
  if (!response.ok || body === undefined) {
    if (response.ok && response.status === 204) return undefined as T;
    throw new ApiError(response.status, error as Problem | undefined);
  }
  return body;
}

/** Saves a downloaded file (a Blob) under its server-given name, without putting anything in the URL bar. */
export function saveBlob(blob: Blob, response: Response, fallbackName: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
