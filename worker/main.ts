/**
 * `npm run worker`: one worker process against a Temporal cluster and a PostgreSQL, set by
 * the environment (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, DATABASE_URL,
 * CLEARINGHOUSE and its variables). Run as many as needed; they share the task queue. Its
 * size is set on purpose (WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_CONCURRENT_*, WORKER_HEAP_MB)
 * and it loads the prebuilt workflow bundle when there is one (see the README's "Sizing the worker").
 */
import { getHeapStatistics } from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { encryptingDataConverter } from '../codec/data-converter';
import { requireKeyRing } from '../codec/keys';
import { x12SettingsFromEnv } from '../activities/claims/x12-settings';
import { createClearinghouseFromEnv } from '../clearinghouse';
import { loadConfig } from '../config/env';
import { createPrisma } from '../db/prisma';
import { createLogger } from '../observability/logger';
import { ensureAllSchedules } from '../temporal/schedules';
import { ensureSearchAttributes } from '../temporal/search-attributes-admin';
import { systemClock } from '../activities';
import { workflowBundleToLoad } from './bundle';
import { createWorker } from './create-worker';
import { installWorkerRuntime } from './runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ name: 'worker', level: config.logLevel });
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is not set: a worker process needs a PostgreSQL (or run `npm start` for the embedded default)');
  const dataConverter = encryptingDataConverter(requireKeyRing());
  installWorkerRuntime({ metricsAddress: config.workerMetricsAddress, logger });
  const db = createPrisma(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  await ensureSearchAttributes(clientConnection, config.temporal.namespace);
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter });
  await ensureAllSchedules(client, db, config.temporal.taskQueue, config.syncEverySeconds);
  const { workflowBundlePath: configuredBundle, heapMb, ...sizing } = config.worker;
  const workflowBundlePath = workflowBundleToLoad(configuredBundle);
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    context: {
      db,
      clearinghouse: createClearinghouseFromEnv(),
      x12: x12SettingsFromEnv(),
      clock: systemClock,
      escalationTimeScale: config.escalationTimeScale,
    },
    dataConverter,
    workflowBundlePath,
    sizing,
  });
  logger.info(
    {
      taskQueue: config.temporal.taskQueue,
      address: config.temporal.address,
      metrics: config.workerMetricsAddress ?? 'off',
      ...sizing,
      workflowBundle: workflowBundlePath ?? 'bundled at start',
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024),
      heapMbAsked: heapMb,
    },
    'worker running',
  );
  await worker.run();
  await db.$disconnect();
  await clientConnection.close();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(`worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
