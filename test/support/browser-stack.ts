/**
 * The real stack for the staff page's browser tests: the Temporal dev server, a real database
 * (PostgreSQL or PGlite), a worker with every activity, the clearinghouse sync Schedule, the
 * local clearinghouse answered by the payer SIMULATOR (which a test can pause, or tell how to
 * answer a claim), and the API serving the built page on a loopback port. A second API on the
 * same services can run with a short idle timeout for the inactivity test.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { x12SettingsFromEnv } from '../../activities/claims/x12-settings';
import { createApp, type ApiDeps } from '../../api/app';
import { createApiKey } from '../../api/auth';
import { hashPassword } from '../../api/passwords';
import { DEFAULT_SESSION_CONFIG, type SessionConfig } from '../../api/session-config';
import { LocalDirectoryClearinghouse } from '../../clearinghouse/local-directory';
import { runSimulatorOnce, type OutcomeRules } from '../../clearinghouse/simulator';
import { AesGcmCodec } from '../../codec/aes-gcm-codec';
import { ensureSyncWorkflow } from '../../temporal/sync-workflow';
import { SYNC_WORKFLOW_ID } from '../../workflows/sync/loop';
import { createLogger } from '../../observability/logger';
import { CapturedLog } from './api-harness';
import { testActivityContext } from './activity-context';
import { createTestDatabase, type TestDatabase } from './database';
import { devServerEnvironment, testDataConverter, testKeyRing } from './temporal';
import { workflowBundlePath } from './paths';
import { createWorker } from '../../worker/create-worker';

export interface Simulator {
  /** Outcomes by our claim number (CLM01), e.g. { SC0000012: 'rejected' }. */
  readonly outcomes: NonNullable<OutcomeRules['byClaimId']>;
  /** Stops answering: files sent meanwhile wait in the clearinghouse's inbound folder. */
  pause(): void;
  /** Answers again; `discard` first removes the files that came while paused (answered by hand). */
  resume(options?: { discard?: boolean }): void;
}

export interface BrowserStack {
  url: string;
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  clearinghouseDir: string;
  taskQueue: string;
  machineKey: string;
  adminKey: string;
  simulator: Simulator;
  log: CapturedLog;
  /** The same services behind another API process with its own session settings. */
  startApi(session: SessionConfig): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

export const STAFF_PASSWORD = 'correct horse battery staple';

async function listen(deps: ApiDeps): Promise<{ url: string; server: Server }> {
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startBrowserStack(taskQueue: string): Promise<BrowserStack> {
  const [env, database] = await Promise.all([devServerEnvironment(), createTestDatabase()]);
  const clearinghouseDir = mkdtempSync(path.join(tmpdir(), `${taskQueue}-ch-`));
  const clearinghouse = new LocalDirectoryClearinghouse(clearinghouseDir);
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundlePath,
    dataConverter: testDataConverter,
    context: testActivityContext(database.db, { clearinghouse, x12: x12SettingsFromEnv({}) }),
  });
  const running = worker.run();
  await ensureSyncWorkflow(env.client, taskQueue, 2);

  const outcomes: NonNullable<OutcomeRules['byClaimId']> = {};
  let paused = false;
  let busy = false;
  const timer = setInterval(() => {
    if (paused || busy) return;
    busy = true;
    runSimulatorOnce(clearinghouseDir, new Date(), { outcomes: { byClaimId: outcomes } })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, 700);
  const simulator: Simulator = {
    outcomes,
    pause: () => {
      paused = true;
    },
    resume: (options) => {
      if (options?.discard) {
        const inbound = path.join(clearinghouseDir, 'inbound');
        for (const name of readdirSync(inbound)) rmSync(path.join(inbound, name), { force: true });
      }
      paused = false;
    },
  };

  const log = new CapturedLog();
  const deps = (session: SessionConfig): ApiDeps => ({
    db: database.db,
    temporal: env.client,
    taskQueue,
    logger: createLogger({ level: 'info', name: 'api', destination: log }),
    batchWaitMs: 60_000,
    codec: { codec: new AesGcmCodec(testKeyRing), corsOrigins: [] },
    session,
  });
  const main = await listen(deps(DEFAULT_SESSION_CONFIG));
  const [machine, admin] = await Promise.all([
    createApiKey(database.db, { name: 'practice software', role: 'BILLING' }),
    createApiKey(database.db, { name: 'setup', role: 'ADMIN' }),
  ]);
  const extra: Server[] = [];
  return {
    url: main.url,
    env,
    database,
    clearinghouseDir,
    taskQueue,
    machineKey: machine.key,
    adminKey: admin.key,
    simulator,
    log,
    async startApi(session) {
      const other = await listen(deps(session));
      extra.push(other.server);
      return { url: other.url, close: () => closeServer(other.server) };
    },
    async close() {
      clearInterval(timer);
      await Promise.all([closeServer(main.server), ...extra.map((s) => closeServer(s))]);
      await env.client.workflow
        .getHandle(SYNC_WORKFLOW_ID)
        .terminate('the test is over')
        .catch(() => undefined);
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
      rmSync(clearinghouseDir, { recursive: true, force: true });
    },
  };
}

/** A staff account made straight in the database (the admin test makes one through the page). */
export async function createStaff(
  stack: BrowserStack,
  input: { name: string; email: string; role: 'BILLING' | 'ADMIN'; practiceIds?: string[]; allPractices?: boolean },
): Promise<string> {
  const row = await stack.database.db.staffAccount.create({
    data: {
      name: input.name,
      email: input.email,
      role: input.role,
      allPractices: input.allPractices ?? input.practiceIds === undefined,
      passwordHash: await hashPassword(STAFF_PASSWORD),
      createdBy: 'test',
      practices: { create: (input.practiceIds ?? []).map((practiceId) => ({ practiceId })) },
    },
  });
  return row.id;
}
