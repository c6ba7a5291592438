/**
 * Every environment variable the service reads, in one place. Defaults give the
 * embedded set-up (Temporal dev server on localhost, PGlite, local clearinghouse).
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | DATABASE_URL | (none: start PGlite) | PostgreSQL connection string |
 * | DATA_DIR | ./.data | where the embedded PGlite, Temporal dev server and local clearinghouse keep their files |
 * | PGLITE_PORT | 55432 | port the embedded PGlite answers on (Postgres wire protocol) |
 * | TEMPORAL_ADDRESS | (embedded dev server) | Temporal frontend (host:port); when set, `npm start` starts no dev server |
 * | TEMPORAL_DEV_PORT | 7233 | port of the embedded dev server `npm start` runs when TEMPORAL_ADDRESS is not set |
 * | TEMPORAL_NAMESPACE | default | Temporal namespace |
 * | TEMPORAL_TASK_QUEUE | secondary-claims | task queue the workers poll |
 * | TEMPORAL_UI_PORT | 8233 | Web UI port of the embedded dev server |
 * | TEMPORAL_CLI | (temporal on PATH, else .tools/venv/bin/temporal) | Temporal CLI binary |
 * | API_PORT | 3000 | port the staff API listens on |
 * | API_HOST | 127.0.0.1 | address the staff API binds |
 * | LOG_LEVEL | info | pino log level |
 * | SYNC_EVERY_SECONDS | 300 (embedded: 15) | how often the clearinghouse sync Schedule polls for responses |
 * | PAYER_SIMULATOR | on (embedded default only) | `off` stops the payer simulator answering the local clearinghouse |
 * | SIMULATOR_DELAY_SECONDS | 5 | how long the simulator waits before it answers an uploaded 837P |
 * | ESCALATION_TIME_SCALE | 1 | demo stacks only: how much faster the bills' relative escalation timers run (1440: a day in a minute) |
 * | WORKER_METRICS_ADDRESS | 127.0.0.1:9464 | where the worker serves Prometheus metrics (`off`: none) |
 * | WORKER_MAX_CACHED_WORKFLOWS | 250 | bill workflows a worker keeps in memory (sticky cache); past it the least recently used are evicted and replayed when they next wake |
 * | WORKER_MAX_CONCURRENT_WORKFLOW_TASKS | 10 | workflow tasks a worker runs at once |
 * | WORKER_MAX_CONCURRENT_ACTIVITIES | 20 | activities a worker runs at once (each may hold a database connection) |
 * | WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES | 20 | local activities a worker runs at once |
 * | WORKFLOW_BUNDLE_PATH | none | the workflow bundle `npm run build:workflows` wrote; without one the worker bundles the workflows at start |
 * | WORKER_HEAP_MB | 384 | V8 old-space limit of `npm run worker` (--max-old-space-size), read by the npm script |
 * | CODEC_CORS_ORIGINS | (none; embedded: the dev server's UI) | browser origins (the Temporal UI's) allowed to call the codec server, comma-separated |
 *
 * The payload encryption keys (PAYLOAD_CODEC_KEYS, PAYLOAD_CODEC_KEY_ID, PAYLOAD_CODEC_KEY_FILE) are read by codec/keys.ts.
 *
 * The clearinghouse (CLEARINGHOUSE, CLEARINGHOUSE_DATA_DIR, OA_SFTP_*) is read by
 * clearinghouse/config.ts; the 837P envelope (X12_USAGE, SUBMITTER_*) by
 * activities/claims/x12-settings.ts.
 */
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');

function intVar(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`environment variable ${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

function positiveNumberVar(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`environment variable ${name} must be a positive number, got "${raw}"`);
  return value;
}

function strVar(name: string, fallback: string): string {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

function metricsAddress(raw: string): string | undefined {
  if (raw === 'off') return undefined;
  if (!/^[^\s:]+:\d{1,5}$/.test(raw)) throw new Error(`WORKER_METRICS_ADDRESS must be host:port or off, got "${raw}"`);
  return raw;
}

export interface ServiceConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  pglitePort: number;
  temporal: { address: string; namespace: string; taskQueue: string; uiPort: number; devServerPort: number };
  api: { host: string; port: number };
  logLevel: string;
  syncEverySeconds: number;
  /** host:port of the worker's Prometheus endpoint, or undefined for none. */
  workerMetricsAddress: string | undefined;
  codecCorsOrigins: string[];
  escalationTimeScale: number;
  worker: WorkerSizing;
}

/** How big a worker process may grow: see the README's "Sizing the worker". */
export interface WorkerSizing {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
  maxConcurrentLocalActivityExecutions: number;
  /** A prebuilt workflow bundle to load (WORKFLOW_BUNDLE_PATH), or undefined to bundle at start. */
  workflowBundlePath: string | undefined;
  /** The heap limit `npm run worker` starts node with, in MB (WORKER_HEAP_MB). */
  heapMb: number;
}

export function workerSizingFromEnv(): WorkerSizing {
  return {
    maxCachedWorkflows: intVar('WORKER_MAX_CACHED_WORKFLOWS', 250),
    maxConcurrentWorkflowTaskExecutions: intVar('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', 10),
    maxConcurrentActivityTaskExecutions: intVar('WORKER_MAX_CONCURRENT_ACTIVITIES', 20),
    maxConcurrentLocalActivityExecutions: intVar('WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES', 20),
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH ? path.resolve(process.env.WORKFLOW_BUNDLE_PATH) : undefined,
    heapMb: intVar('WORKER_HEAP_MB', 384),
  };
}

export function loadConfig(): ServiceConfig {
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: path.resolve(strVar('DATA_DIR', path.join(repoRoot, '.data'))),
    pglitePort: intVar('PGLITE_PORT', 55432),
    temporal: {
      address: strVar('TEMPORAL_ADDRESS', `127.0.0.1:${intVar('TEMPORAL_DEV_PORT', 7233)}`),
      devServerPort: intVar('TEMPORAL_DEV_PORT', 7233),
      namespace: strVar('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: strVar('TEMPORAL_TASK_QUEUE', 'secondary-claims'),
      uiPort: intVar('TEMPORAL_UI_PORT', 8233),
    },
    api: { host: strVar('API_HOST', '127.0.0.1'), port: intVar('API_PORT', 3000) },
    logLevel: strVar('LOG_LEVEL', 'info'),
    syncEverySeconds: intVar('SYNC_EVERY_SECONDS', 300),
    workerMetricsAddress: metricsAddress(strVar('WORKER_METRICS_ADDRESS', '127.0.0.1:9464')),
    codecCorsOrigins: strVar('CODEC_CORS_ORIGINS', '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter((s) => s !== ''),
    escalationTimeScale: positiveNumberVar('ESCALATION_TIME_SCALE', 1),
    worker: workerSizingFromEnv(),
  };
}
