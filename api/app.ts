/**
 * The staff API: thin. It validates input, turns a staff action into a workflow update or
 * signal, and serves reads from the database. Every route but GET /health and signing in needs
 * an API key or a staff session (see api/README.md); the route table in api/routes/index.ts is
 * also the OpenAPI document. The staff page is served under /app/.
 */
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Db } from '../db/prisma';
import type { Logger } from '../observability/logger';
import { methodNotAllowed } from './method-not-allowed';
import type { InboundPort } from './ports';
import { codecRouter } from './codec-server';
import { metricsRouter } from './metrics';
import { notFoundHandler, problemHandler } from './problem';
import { requestLog } from './request-log';
import { mountRoutes } from './route-table';
import type { SessionConfig } from './session-config';
import { staffPage } from './web-page';
import { healthRouter } from './routes/health';
import { API_ROUTES } from './routes';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  /** How long a staff action waits for the bill's workflow to answer (default 30 s). */
  updateTimeoutMs?: number;
  /** How long POST /batches waits for the batch to be written before answering 202 (default 20 s). */
  batchWaitMs?: number;
  /** Hand upload of an 835 (default: activities/inbound.ts). */
  inbound?: InboundPort;
  /** Staff sign-in settings (default: from the environment, api/session-config.ts). */
  session?: SessionConfig;
  /** The built staff page (default: web/dist); served under /app/. */
  webRoot?: string;
  /** Express's `trust proxy` behind a TLS-terminating proxy (default: TRUST_PROXY), so the session cookie is Secure. */
  trustProxy?: string;
  /** The batch schedule of a practice created without one (`npm start`: DEFAULT_BATCH_CRON); none by default. */
  defaultBatchCron?: string;
  /** `local-directory` or `office-ally-sftp` (default: CLEARINGHOUSE); payer simulator scenarios exist only with the first. */
  clearinghouseKind?: string;
  /** The codec server (api/codec-server.ts): the payload codec, and the Temporal UI's origins for CORS. */
  codec: { codec: PayloadCodec; corsOrigins: readonly string[] };
}

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const trustProxy = deps.trustProxy ?? process.env.TRUST_PROXY;
  if (trustProxy) app.set('trust proxy', trustProxy === 'true' ? true : trustProxy);
  app.use(requestLog(deps.logger));
  app.use(healthRouter(deps));
  app.use(staffPage(deps.webRoot));
  app.use(metricsRouter(deps.db));
  app.use(codecRouter({ db: deps.db, ...deps.codec }));
  const api = express.Router();
  mountRoutes(api, API_ROUTES, deps);
  app.use(api);
  app.use(
    methodNotAllowed([
      ...API_ROUTES,
      { method: 'get', path: '/health' },
      { method: 'get', path: '/metrics' },
      { method: 'get', path: '/codec' },
      { method: 'post', path: '/codec/:operation' },
    ]),
  );
  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  return app;
}
