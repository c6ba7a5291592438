/**
 * The staff API: thin. It validates input, turns a staff action into a workflow update or
 * signal, and serves reads from the database.
 */
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/prisma';
import type { Logger } from '../observability/logger';
import { healthRouter } from './routes/health';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
}

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRouter(deps));
  return app;
}
