/**
 * The whole stack for the system bench, on free ports, torn down by `stop()` whatever
 * happened: a Temporal dev server (in memory), the database (database.ts), the worker and the
 * API as child processes (the worker on a workflow bundle built ahead of time, as in the Docker
 * image), a local-directory clearinghouse in a temporary folder, and the payer simulator
 * answering it from this process every second (no delay).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runSimulatorOnce } from '../../clearinghouse/simulator';
import { repoRoot, workerSizingFromEnv } from '../../config/env';
import { createPrisma, type Db } from '../../db/prisma';
import { startDevServer, type DevServer } from '../../temporal/dev-server';
import { buildWorkflowBundle } from '../../worker/bundle';
import { createBenchDatabase, type BenchDatabase } from './database';
import { freePort } from './ports';
import { startService, type ServiceProcess } from './processes';

export interface Stack {
  apiUrl: string;
  temporalAddress: string;
  database: BenchDatabase;
  /** The bench's own connection (keys, seeding checks, progress queries). */
  db: Db;
  clearinghouseDir: string;
  worker: ServiceProcess;
  api: ServiceProcess;
  logDir: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** How often the clearinghouse sync polls (the worker's SYNC_EVERY_SECONDS). */
  syncEverySeconds: number;
  /** Extra environment for the worker (e.g. cache size settings being measured). */
  workerEnv?: Record<string, string>;
  log: (line: string) => void;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const home = mkdtempSync(path.join(tmpdir(), 'scx-bench-'));
  // The services' logs are kept (and named in the report); the rest of the folder goes at the end.
  const logDir = path.join(repoRoot, 'test-output', 'bench-system', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(logDir, { recursive: true });
  const clearinghouseDir = path.join(home, 'clearinghouse');
  const stops: (() => Promise<unknown>)[] = [async () => rmSync(home, { recursive: true, force: true })];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const s of stops.reverse()) {
      await s().catch((err: unknown) => options.log(`while stopping: ${(err as Error).message}`));
    }
  };
  try {
    options.log('starting the database');
    const database = await createBenchDatabase();
    stops.push(() => database.drop());
    const db = createPrisma(database.url, { maxConnections: database.kind === 'pglite' ? 1 : 4 });
    stops.push(() => db.$disconnect());

    options.log('starting the Temporal dev server');
    const [temporalPort, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const dev: DevServer = await startDevServer({ port: temporalPort, uiPort, host: '127.0.0.1' });
    stops.push(() => dev.stop());

    const common: Record<string, string> = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: dev.address,
      PAYLOAD_CODEC_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      DATA_DIR: home,
      CLEARINGHOUSE: 'local-directory',
      CLEARINGHOUSE_DATA_DIR: clearinghouseDir,
      LOG_LEVEL: 'warn',
      // PGlite runs one session: each process keeps to one connection, as the embedded default does.
      ...(database.kind === 'pglite' ? { DB_POOL_MAX: '1' } : {}),
    };
    // The worker loads a workflow bundle built ahead of time, as the Docker image's does
    // (WORKFLOW_BUNDLE_PATH when given; else built here from this checkout's workflows/).
    const workflowBundle = process.env.WORKFLOW_BUNDLE_PATH ?? path.join(home, 'workflow-bundle.js');
    if (!process.env.WORKFLOW_BUNDLE_PATH) {
      options.log('building the workflow bundle');
      await buildWorkflowBundle(workflowBundle);
    }
    options.log('starting the worker');
    const worker = await startService({
      name: 'worker',
      script: 'worker/main.ts',
      // The heap limit `npm run worker` gives it (WORKER_HEAP_MB), so that its RSS is the one production sees.
      nodeArgs: [`--max-old-space-size=${workerSizingFromEnv().heapMb}`],
      env: {
        ...common,
        LOG_LEVEL: 'info',
        SYNC_EVERY_SECONDS: String(options.syncEverySeconds),
        WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
        WORKFLOW_BUNDLE_PATH: workflowBundle,
        ...options.workerEnv,
      },
      logDir,
      ready: async () => readFileSync(path.join(logDir, 'worker.log'), 'utf8').includes('worker running'),
    });
    stops.push(() => worker.stop());

    options.log('starting the API');
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = await startService({
      name: 'api',
      script: 'api/main.ts',
      env: { ...common, API_HOST: '127.0.0.1', API_PORT: String(apiPort) },
      logDir,
      ready: async () => (await fetch(`${apiUrl}/health`)).ok,
    });
    stops.push(() => api.stop());

    // The payer simulator: every second, answers what the engine uploaded (999, 277CA, 835).
    let simulating = false;
    const timer = setInterval(() => {
      if (simulating) return;
      simulating = true;
      runSimulatorOnce(clearinghouseDir, new Date())
        .catch((err: unknown) => options.log(`payer simulator: ${(err as Error).message}`))
        .finally(() => (simulating = false));
    }, 1000);
    stops.push(async () => clearInterval(timer));

    return { apiUrl, temporalAddress: dev.address, database, db, clearinghouseDir, worker, api, logDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
