/**
 * A worker process for tests that kill one (test/support/worker-process.ts starts it): the
 * project's activities over the test's database and a local clearinghouse folder, on the run's
 * workflow bundle, payloads encrypted with the test's key. With SLOW_CLEARINGHOUSE_MS, every
 * upload and every listing first waits that long (heartbeating, inside its activity) and says
 * so on stdout ("slow upload started"), so a test can kill the process in the middle of one.
 */
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { createActivities, systemClock } from '../../activities';
import { LocalDirectoryClearinghouse, type Clearinghouse } from '../../clearinghouse';
import { encryptingDataConverter } from '../../codec/data-converter';
import { requireKeyRing } from '../../codec/keys';
import { createPrisma } from '../../db/prisma';
import { testX12 } from './activity-context';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

/** The clearinghouse with every upload and listing made slow by `ms`. */
function slowed(inner: Clearinghouse, ms: number): Clearinghouse {
  const wait = async (what: string) => {
    console.log(`slow ${what} started`);
    await new Promise((r) => setTimeout(r, ms));
  };
  return {
    kind: inner.kind,
    claimFileName: (stem) => inner.claimFileName(stem),
    upload: async (file, options) => {
      await wait('upload');
      return inner.upload(file, options);
    },
    listResponses: async () => {
      await wait('listing');
      return inner.listResponses();
    },
    download: (name) => inner.download(name),
    acknowledge: (name) => inner.acknowledge?.(name) ?? Promise.resolve(),
    close: () => inner.close(),
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = createPrisma(need('DATABASE_URL'), { maxConnections: 5 });
  const local = new LocalDirectoryClearinghouse(need('CLEARINGHOUSE_DATA_DIR'));
  const slowMs = Number(process.env.SLOW_CLEARINGHOUSE_MS ?? '0');
  const connection = await NativeConnection.connect({ address: need('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: need('TEMPORAL_TASK_QUEUE'),
    workflowBundle: { codePath: need('WORKFLOW_BUNDLE') },
    dataConverter: encryptingDataConverter(requireKeyRing()),
    activities: createActivities({
      db,
      clearinghouse: slowMs > 0 ? slowed(local, slowMs) : local,
      x12: testX12,
      clock: systemClock,
      escalationTimeScale: 1,
    }),
  });
  console.log('worker running');
  await worker.run();
  await db.$disconnect();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(`worker-child: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
