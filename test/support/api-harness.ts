/**
 * The staff API for tests: the real app over a real database, with an ADMIN and a BILLING
 * key, and a logger whose every line is kept (to look for PHI in it). Temporal is either a
 * real client (end-to-end tests) or a stand-in that fails loudly (auth and validation tests,
 * which never reach a workflow).
 */
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import { createApp, type ApiDeps } from '../../api/app';
import { createApiKey } from '../../api/auth';
import type { Db } from '../../db/prisma';
import { createLogger } from '../../observability/logger';
import { AesGcmCodec } from '../../codec/aes-gcm-codec';
import { testKeyRing } from './temporal';

export class CapturedLog extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export interface ApiHarness {
  app: Express;
  adminKey: string;
  billingKey: string;
  adminKeyId: string;
  billingKeyId: string;
  log: CapturedLog;
  deps: ApiDeps;
}

/** A Temporal client that no auth or validation test should ever reach. */
export function unreachableTemporal(): Client {
  return new Proxy({} as Client, {
    get(_target, prop) {
      if (prop === 'then') return undefined;
      throw new Error(`the test reached Temporal (${String(prop)}) though it should have been refused before`);
    },
  });
}

export async function createApiHarness(
  db: Db,
  options: { temporal?: Client; taskQueue?: string; deps?: Partial<ApiDeps> } = {},
): Promise<ApiHarness> {
  const log = new CapturedLog();
  const logger = createLogger({ level: 'debug', name: 'api', destination: log });
  const [admin, billing] = await Promise.all([
    createApiKey(db, { name: 'test admin', role: 'ADMIN' }),
    createApiKey(db, { name: 'test billing', role: 'BILLING' }),
  ]);
  const deps: ApiDeps = {
    db,
    temporal: options.temporal ?? unreachableTemporal(),
    taskQueue: options.taskQueue ?? 'api-test',
    logger,
    codec: { codec: new AesGcmCodec(testKeyRing), corsOrigins: [] },
    ...options.deps,
  };
  return { app: createApp(deps), adminKey: admin.key, billingKey: billing.key, adminKeyId: admin.id, billingKeyId: billing.id, log, deps };
}

/** Every (method, path) Express serves, read from the app's router stack. */
export function expressRoutes(app: Express): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') out.push({ method, path: layer.route.path });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** An Express path with every parameter filled by a UUID of no record. */
export function concretePath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '00000000-0000-4000-8000-000000000000');
}
