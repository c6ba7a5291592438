/**
 * `npm start`: the whole service on one machine, on its embedded default.
 *  - Temporal dev server (SQLite file under DATA_DIR, Web UI), unless TEMPORAL_ADDRESS is set;
 *  - PGlite served on a loopback port (data under DATA_DIR), unless DATABASE_URL is set;
 *  - migrations applied; the worker, the API and (with the local clearinghouse) the payer
 *    simulator, in this process;
 *  - payloads encrypted with the keys configured (PAYLOAD_CODEC_KEYS / _KEY_FILE), else with a
 *    key file written under DATA_DIR on the first start; the dev server's UI decodes them
 *    through the API's codec server for a browser signed in with an OPS key.
 * Prints where each part listens; Ctrl-C stops them all. Data survives a restart.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { x12SettingsFromEnv } from '../activities/claims/x12-settings';
import { createApp } from '../api/app';
import { AesGcmCodec } from '../codec/aes-gcm-codec';
import { encryptingDataConverter } from '../codec/data-converter';
import { ensureKeyFile, keyRingFromEnv } from '../codec/keys';
import { ensureBootstrapAdminKey } from '../api/auth';
import { createClearinghouse, loadClearinghouseConfig } from '../clearinghouse';
import { loadConfig, repoRoot } from '../config/env';
import { migrateDeploy } from '../db/migrate';
import { createPrisma } from '../db/prisma';
import { spawnPglite, type PgliteProcess } from '../db/spawn-pglite';
import { createLogger } from '../observability/logger';
import { startDevServer, type DevServer } from '../temporal/dev-server';
import { ensureAllSchedules } from '../temporal/schedules';
import { ensureSearchAttributes } from '../temporal/search-attributes-admin';
import { temporalCliPath } from '../temporal/binaries';
import { systemClock } from '../activities';
import { createWorker } from '../worker/create-worker';
import { installWorkerRuntime } from '../worker/runtime';
import { startPayerSimulator } from './start-simulator';
import { applyDemoDefaults } from './demo/defaults';
import { runDemo } from './demo/run';

function ensureTools(): void {
  try {
    temporalCliPath();
  } catch {
    execFileSync('bash', [path.join(repoRoot, 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
  }
}

/** DEFAULT_BATCH_CRON: the batch schedule of a practice created without one; `off` for none. */
function defaultBatchCron(): string | undefined {
  const value = process.env.DEFAULT_BATCH_CRON?.trim() || '@every 3m';
  return value === 'off' ? undefined : value;
}

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  if (demo) applyDemoDefaults(process.env);
  process.env.SYNC_EVERY_SECONDS ??= '15';
  const config = loadConfig();
  const logger = createLogger({ name: 'start', level: config.logLevel });
  const stops: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping...');
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        console.error(`while stopping: ${(err as Error).message}`);
      }
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    ensureTools();
    mkdirSync(config.dataDir, { recursive: true });

    // Database
    let databaseUrl = config.databaseUrl;
    let embeddedDb: PgliteProcess | undefined;
    if (!databaseUrl) {
      embeddedDb = await spawnPglite({ port: config.pglitePort, dataDir: path.join(config.dataDir, 'pglite') });
      stops.push(() => embeddedDb!.stop());
      databaseUrl = embeddedDb.url;
    }
    await migrateDeploy(databaseUrl);
    const db = createPrisma(databaseUrl, { maxConnections: embeddedDb ? 1 : 10 });
    stops.push(() => db.$disconnect());

    // Payload keys: configured, or the embedded default's key file (written once, kept with the data).
    const keyFile = path.join(config.dataDir, 'payload-keys.json');
    let ring = keyRingFromEnv();
    let keysFrom = 'from the environment';
    if (!ring) {
      const embedded = ensureKeyFile(keyFile);
      ring = embedded.ring;
      keysFrom = `${keyFile} (current key ${ring.currentId})`;
      if (embedded.created)
        console.log(`generated a payload encryption key in ${keyFile}: keep it with the data (history cannot be read without it)`);
    }
    const dataConverter = encryptingDataConverter(ring);
    const apiUrl = `http://${config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host}:${config.api.port}`;

    // Temporal
    let devServer: DevServer | undefined;
    let address = config.temporal.address;
    if (!process.env.TEMPORAL_ADDRESS) {
      devServer = await startDevServer({
        dataDir: path.join(config.dataDir, 'temporal'),
        host: '127.0.0.1',
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        uiCodecEndpoint: `${apiUrl}/codec`,
      });
      stops.push(() => devServer!.stop());
      address = devServer.address;
    }
    installWorkerRuntime({ metricsAddress: config.workerMetricsAddress });
    const clientConnection = await Connection.connect({ address });
    stops.push(() => clientConnection.close());
    await ensureSearchAttributes(clientConnection, config.temporal.namespace);
    const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter });
    await ensureAllSchedules(temporal, db, config.temporal.taskQueue, config.syncEverySeconds);

    // Worker
    const clearinghouseConfig = loadClearinghouseConfig({
      CLEARINGHOUSE_DATA_DIR: path.join(config.dataDir, 'clearinghouse'),
      ...process.env,
    });
    const clearinghouse = createClearinghouse(clearinghouseConfig);
    const workerConnection = await NativeConnection.connect({ address });
    const worker: Worker = await createWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      context: { db, clearinghouse, x12: x12SettingsFromEnv(), clock: systemClock, escalationTimeScale: config.escalationTimeScale },
      dataConverter,
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
      await workerConnection.close();
    });

    // Payer simulator, for the local clearinghouse only: clearly not Office Ally.
    let simulatorNote = 'off';
    if (clearinghouseConfig.kind === 'local-directory' && process.env.PAYER_SIMULATOR !== 'off') {
      const dir = clearinghouseConfig.local.dataDir;
      stops.push(startPayerSimulator({ db, dir, logger }));
      simulatorNote = `PAYER SIMULATOR answering ${dir} (not Office Ally)`;
    }

    // API (BOOTSTRAP_ADMIN_KEY, when set, becomes the first admin key)
    await ensureBootstrapAdminKey(db, process.env.BOOTSTRAP_ADMIN_KEY);
    const app = createApp({
      db,
      temporal,
      taskQueue: config.temporal.taskQueue,
      clearinghouseKind: clearinghouseConfig.kind,
      // The embedded default batches by itself: a practice created without a schedule gets this one.
      ...(defaultBatchCron() ? { defaultBatchCron: defaultBatchCron() } : {}),
      logger: createLogger({ name: 'api', level: config.logLevel }),
      codec: {
        codec: new AesGcmCodec(ring),
        corsOrigins: [...config.codecCorsOrigins, ...(devServer ? [devServer.uiUrl, `http://localhost:${config.temporal.uiPort}`] : [])],
      },
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.api.port, config.api.host, () => resolve(s));
      s.once('error', reject);
    });
    stops.push(() => new Promise((resolve) => server.close(() => resolve(undefined))));

    const rows: [string, string][] = [
      ['Staff API', `http://${config.api.host}:${config.api.port}  (health: /health)`],
      ['Temporal', `${address}${devServer ? '  (dev server, data in ' + path.join(config.dataDir, 'temporal') + ')' : ''}`],
      ['Temporal UI', devServer ? devServer.uiUrl : "the cluster's own"],
      ['Codec server', `${apiUrl}/codec  (sign in with an OPS key to see payloads decoded)`],
      ['Payload keys', keysFrom],
      [
        'Metrics',
        `${apiUrl}/metrics (business); worker: ${config.workerMetricsAddress ? `http://${config.workerMetricsAddress}/metrics` : 'off'}`,
      ],
      ['Database', embeddedDb ? `PGlite on ${databaseUrl}  (data in ${path.join(config.dataDir, 'pglite')})` : 'DATABASE_URL'],
      [
        'Clearinghouse',
        clearinghouseConfig.kind === 'local-directory' ? `local directory ${clearinghouseConfig.local.dataDir}` : 'Office Ally over SFTP',
      ],
      ['Simulator', simulatorNote],
      ['Worker', `task queue ${config.temporal.taskQueue}`],
    ];
    console.log('\nsecondary-claims engine is running:');
    for (const [what, where] of rows) console.log(`  ${what.padEnd(14)} ${where}`);
    console.log('\nCtrl-C stops everything; data is kept for the next start.');
    if (demo) {
      if (clearinghouseConfig.kind !== 'local-directory') throw new Error('--demo needs the local clearinghouse and its payer simulator');
      console.log('\ndemo: creating practices, payers with each scenario, clients and bills through the API...');
      await runDemo({
        apiUrl,
        adminKey: process.env.BOOTSTRAP_ADMIN_KEY as string,
        ...(devServer ? { uiUrl: devServer.uiUrl } : {}),
        namespace: config.temporal.namespace,
      });
    }
  } catch (err) {
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    await stopAll(1);
  }
}

void main();
