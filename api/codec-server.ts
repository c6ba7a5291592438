/**
 * The codec server, as Temporal documents it: `POST /codec/decode` and `POST /codec/encode`
 * take and give `{ payloads: [...] }` in protobuf JSON, so that the Temporal UI and CLI show
 * the encrypted payloads decoded. Only an OPS key may use it:
 *  - the CLI sends it as a header: `temporal workflow show --codec-endpoint <api>/codec
 *    --codec-auth 'Bearer <OPS key>'`;
 *  - a browser signs in once on `GET /codec` (the key goes into an HttpOnly, SameSite=Strict
 *    cookie scoped to /codec), and the UI sends that cookie when its codec setting "Include
 *    cross-origin credentials" is on (TEMPORAL_CODEC_INCLUDE_CREDENTIALS for the UI server).
 * CORS answers only the configured UI origins. Anyone else gets 401/403, and the UI then shows
 * the payloads as they are stored: ciphertext.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Db } from '../db/prisma';
import { PayloadDecryptError } from '../codec/aes-gcm-codec';
import { presentedKey, principalForKey, type Principal } from './auth';
import { HttpProblem, ProblemType } from './problem';

export const CODEC_COOKIE = 'scx_codec';
const COOKIE_MAX_AGE_S = 8 * 60 * 60;
const ALLOWED_HEADERS = 'Content-Type, X-Namespace, Authorization, Authorization-Extras';

export interface CodecServerOptions {
  db: Db;
  codec: PayloadCodec;
  /** Browser origins allowed to call the codec (the Temporal UI's), e.g. http://127.0.0.1:8233. */
  corsOrigins: readonly string[];
}

function cookieKey(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CODEC_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

async function opsPrincipal(db: Db, req: Request, res: Response): Promise<Principal> {
  const key = presentedKey(req.get('authorization'), req.get('x-api-key')) ?? cookieKey(req);
  const problem = (status: 401 | 403, detail: string) =>
    new HttpProblem(status, status === 401 ? 'Unauthorized' : 'Forbidden', detail, {
      type: status === 401 ? ProblemType.unauthorized : ProblemType.forbidden,
    });
  if (!key) throw problem(401, 'the codec needs an OPS key: Authorization: Bearer <key>, or sign in at /codec');
  const principal = await principalForKey(db, key);
  if (!principal) throw problem(401, 'the API key is not valid or has been revoked');
  res.locals.principal = principal;
  if (principal.role !== 'OPS') throw problem(403, `decoding payloads needs the OPS role; the key has ${principal.role}`);
  return principal;
}

function corsHeaders(origins: readonly string[], req: Request, res: Response): void {
  const origin = req.get('origin');
  res.vary('Origin');
  if (!origin || !origins.includes(origin)) return;
  res.set({
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  });
}

/** `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }` in and out, as protobuf JSON has it. */
function payloadsIn(body: unknown): temporal.api.common.v1.IPayload[] {
  const payloads = (body as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(payloads)) {
    throw new HttpProblem(422, 'Invalid request', 'the body must be { "payloads": [...] }', { type: ProblemType.invalidRequest });
  }
  try {
    return temporal.api.common.v1.Payloads.fromObject({ payloads }).payloads;
  } catch {
    throw new HttpProblem(422, 'Invalid request', 'payloads must be protobuf JSON (metadata values and data in base64)', {
      type: ProblemType.invalidRequest,
    });
  }
}

function payloadsOut(payloads: temporal.api.common.v1.IPayload[]): unknown {
  return temporal.api.common.v1.Payloads.toObject(temporal.api.common.v1.Payloads.create({ payloads }), { bytes: String });
}

const page = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Codec sign-in</title>
<style>body{font:16px system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em}input{width:100%;padding:.4em;font:inherit}button{margin-top:.8em;padding:.4em 1em;font:inherit}</style>
</head><body><h1>Temporal UI codec</h1>${body}</body></html>`;

function signInPage(signedIn: Principal | undefined, message = ''): string {
  const state = signedIn
    ? `<p id="state">Signed in with OPS key <code>${signedIn.keyId}</code>: the Temporal UI in this browser shows payloads decoded (its codec setting must include cross-origin credentials).</p>
<form method="post" action="/codec/sign-out"><button type="submit">Sign out</button></form>`
    : `<p id="state">Not signed in: the Temporal UI shows payloads encrypted.</p>`;
  return page(`${message ? `<p role="alert">${message}</p>` : ''}${state}
<form method="post" action="/codec/session"><label>OPS API key<input name="key" type="password" autocomplete="off" required></label>
<button type="submit">Sign in</button></form>`);
}

function sameOriginPost(req: Request): boolean {
  const origin = req.get('origin');
  return !origin || origin === `${req.protocol}://${req.get('host') ?? ''}`;
}

function setCookie(req: Request, res: Response, value: string): void {
  res.cookie(CODEC_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/codec',
    maxAge: COOKIE_MAX_AGE_S * 1000,
  });
}

export function codecRouter(options: CodecServerOptions): Router {
  const router = Router();
  const json = express.json({ limit: '8mb', type: () => true });
  const html = (res: Response, status: number, body: string) =>
    res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).send(body);

  for (const op of ['encode', 'decode'] as const) {
    router.options(`/codec/${op}`, (req, res) => {
      corsHeaders(options.corsOrigins, req, res);
      res.status(204).end();
    });
    const cors: RequestHandler = (req, res, next) => {
      corsHeaders(options.corsOrigins, req, res);
      next();
    };
    router.post(`/codec/${op}`, cors, json, async (req, res) => {
      await opsPrincipal(options.db, req, res);
      const payloads = payloadsIn(req.body);
      let out: temporal.api.common.v1.IPayload[];
      try {
        out = op === 'decode' ? await options.codec.decode(payloads) : await options.codec.encode(payloads);
      } catch (err) {
        if (!(err instanceof PayloadDecryptError)) throw err;
        throw new HttpProblem(422, 'Cannot decode', err.message, { type: ProblemType.refusedInput });
      }
      res.set('Cache-Control', 'no-store').json(payloadsOut(out));
    });
  }

  router.get('/codec', async (req, res) => {
    const key = cookieKey(req);
    const principal = key ? await principalForKey(options.db, key) : undefined;
    html(res, 200, signInPage(principal?.role === 'OPS' ? principal : undefined));
  });
  router.post('/codec/session', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    if (!sameOriginPost(req)) return html(res, 403, signInPage(undefined, 'Sign in from this page only.'));
    const key = typeof req.body?.key === 'string' ? req.body.key.trim() : '';
    const principal = key ? await principalForKey(options.db, key) : undefined;
    if (!principal) return html(res, 401, signInPage(undefined, 'That key is not valid or has been revoked.'));
    res.locals.principal = principal;
    if (principal.role !== 'OPS') return html(res, 403, signInPage(undefined, `Decoding needs an OPS key; this one is ${principal.role}.`));
    setCookie(req, res, key);
    res.redirect(303, '/codec');
  });
  router.post('/codec/sign-out', (req, res) => {
    if (!sameOriginPost(req)) return html(res, 403, signInPage(undefined, 'Sign out from this page only.'));
    res.clearCookie(CODEC_COOKIE, { path: '/codec' });
    res.redirect(303, '/codec');
  });
  return router;
}
