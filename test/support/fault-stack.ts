/**
 * The fault harness: the service as it runs in production, in separate processes that a test
 * can kill -9 and start again.
 *  - a real Temporal dev server with its SQLite file on disk (`--db-filename`), so that a kill
 *    and a restart keep every workflow's history;
 *  - a real PostgreSQL database (TEST_DATABASE_URL; a fresh copy of the migrated template);
 *  - N worker processes (`worker/main.ts`, as `npm run worker`) and M API processes
 *    (`api/main.ts`, as `npm run api`), all on one task queue, one database, one Temporal;
 *  - the local-directory clearinghouse, answered by the payer SIMULATOR run from this process
 *    (999, 277CA and 835 files a second after each 837P).
 * Every kill, restart and readiness is recorded in `events` with its time, for the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { encryptingDataConverter } from '../../codec/data-converter';
import { newKey, parseKeyList } from '../../codec/keys';
import { runSimulatorOnce } from '../../clearinghouse/simulator/driver';
import { startDevServer, type DevServer } from '../../temporal/dev-server';
import { createTestDatabase, freePort, type TestDatabase } from './database';
import { ServiceProcess } from './fault-process';
import { waitUntil } from './wait-until';

export type Target = `worker-${number}` | `api-${number}` | 'temporal';

export interface FaultEvent {
  at: number;
  what: 'kill' | 'restart' | 'ready' | 'resumed';
  target: Target;
}

export interface FaultStackOptions {
  workers: number;
  apis: number;
  /** A label for the log files under test-output/faults/. */
  label: string;
  syncEverySeconds?: number;
  simulatorDelaySeconds?: number;
  /** How long a process may take to (re)start before the harness gives up; a hang guard. */
  startTimeoutMs?: number;
}

const ADMIN_KEY = `scx_admin_faults_${Date.now().toString(36)}0123456789abcdef`;

export class FaultStack {
  readonly events: FaultEvent[] = [];
  readonly adminKey = ADMIN_KEY;
  readonly workers: ServiceProcess[] = [];
  readonly apis: ServiceProcess[] = [];
  readonly apiPorts: number[] = [];
  readonly workerMetricsPorts: number[] = [];
  temporal!: DevServer;
  client!: Client;
  private connection!: Connection;
  private simulatorTimer: NodeJS.Timeout | undefined;
  private simulating = false;
  simulatorErrors = 0;

  private constructor(
    readonly options: FaultStackOptions,
    readonly database: TestDatabase,
    readonly dir: string,
    readonly temporalPort: number,
    private readonly uiPort: number,
    readonly payloadKeys: string,
  ) {}

  get clearinghouseDir(): string {
    return path.join(this.dir, 'clearinghouse');
  }

  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 180_000;
  }

  static async start(options: FaultStackOptions): Promise<FaultStack> {
    const dir = mkdtempSync(path.join(tmpdir(), `scx-faults-${options.label}-`));
    const database = await createTestDatabase({ kind: 'postgresql' });
    const payloadKeys = `faults-${Date.now().toString(36)}:${newKey()}`;
    const stack = new FaultStack(options, database, dir, await freePort(), await freePort(), payloadKeys);
    await stack.startTemporal();
    stack.connection = await Connection.connect({ address: `127.0.0.1:${stack.temporalPort}` });
    stack.client = new Client({
      connection: stack.connection,
      dataConverter: encryptingDataConverter(parseKeyList(payloadKeys, undefined)),
    });
    const common = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: `127.0.0.1:${stack.temporalPort}`,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'secondary-claims',
      PAYLOAD_CODEC_KEYS: payloadKeys,
      PAYLOAD_CODEC_KEY_FILE: '',
      PAYLOAD_CODEC_KEY_ID: '',
      LOG_LEVEL: 'info',
    };
    for (let i = 0; i < options.workers; i++) {
      const metricsPort = await freePort();
      stack.workerMetricsPorts.push(metricsPort);
      stack.workers.push(
        new ServiceProcess(
          `worker-${i}`,
          'worker/main.ts',
          {
            ...common,
            CLEARINGHOUSE: 'local-directory',
            CLEARINGHOUSE_DATA_DIR: stack.clearinghouseDir,
            SYNC_EVERY_SECONDS: String(options.syncEverySeconds ?? 2),
            WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
          },
          options.label,
        ),
      );
    }
    for (let i = 0; i < options.apis; i++) {
      const port = await freePort();
      stack.apiPorts.push(port);
      stack.apis.push(
        new ServiceProcess(
          `api-${i}`,
          'api/main.ts',
          { ...common, API_HOST: '127.0.0.1', API_PORT: String(port), BOOTSTRAP_ADMIN_KEY: ADMIN_KEY },
          options.label,
        ),
      );
    }
    try {
      // The first worker registers the search attributes and the schedules; then the other
      // workers at once. The APIs one after another: two APIs starting together race to store
      // BOOTSTRAP_ADMIN_KEY (Prisma's upsert is not atomic) and one exits on the unique key.
      await stack.restartWorker(0);
      await Promise.all([
        ...stack.workers.slice(1).map((_, i) => stack.restartWorker(i + 1)),
        (async () => {
          for (let i = 0; i < stack.apis.length; i++) await stack.restartApi(i);
        })(),
      ]);
    } catch (err) {
      await stack.stop();
      throw err;
    }
    stack.startSimulator();
    return stack;
  }

  private record(what: FaultEvent['what'], target: Target): number {
    const at = Date.now();
    this.events.push({ at, what, target });
    return at;
  }

  private async startTemporal(): Promise<void> {
    this.temporal = await startDevServer({
      dataDir: path.join(this.dir, 'temporal'),
      host: '127.0.0.1',
      port: this.temporalPort,
      uiPort: this.uiPort,
    });
  }

  private startSimulator(): void {
    const delayMs = (this.options.simulatorDelaySeconds ?? 1) * 1000;
    this.simulatorTimer = setInterval(() => {
      if (this.simulating) return;
      this.simulating = true;
      runSimulatorOnce(this.clearinghouseDir, new Date(), { delays: { ack999Ms: delayMs, claimAck277Ms: delayMs, era835Ms: delayMs } })
        .catch(() => (this.simulatorErrors += 1))
        .finally(() => (this.simulating = false));
    }, 500);
  }

  /**
   * Stops the simulator and waits for its run in progress to end, so that its folders hold still
   * while a test counts the files delivered.
   */
  async stopSimulator(): Promise<void> {
    if (this.simulatorTimer) clearInterval(this.simulatorTimer);
    this.simulatorTimer = undefined;
    await waitUntil(
      () => this.simulating,
      (busy) => !busy,
      { what: 'the simulator run to end', intervalMs: 50 },
    );
  }

  async killWorker(i: number): Promise<void> {
    await this.workers[i]!.kill9();
    this.record('kill', `worker-${i}`);
  }

  /** Starts the worker (again) and waits until it says it runs; returns when it did. */
  async restartWorker(i: number): Promise<{ startedAt: number; readyAt: number }> {
    const w = this.workers[i]!;
    w.start();
    const startedAt = this.record('restart', `worker-${i}`);
    await waitUntil(
      () => ({ ready: w.text().includes('worker running'), exited: !w.running }),
      (s) => s.ready || s.exited,
      { what: `worker-${i} to run`, timeoutMs: this.startTimeoutMs, intervalMs: 100 },
    ).then((s) => {
      if (s.exited) throw new Error(`worker-${i} exited while starting:\n${w.text().slice(-3000)}`);
    });
    return { startedAt, readyAt: this.record('ready', `worker-${i}`) };
  }

  async killApi(i: number): Promise<void> {
    await this.apis[i]!.kill9();
    this.record('kill', `api-${i}`);
  }

  async restartApi(i: number): Promise<{ startedAt: number; readyAt: number }> {
    const a = this.apis[i]!;
    a.start();
    const startedAt = this.record('restart', `api-${i}`);
    await waitUntil(
      async () => ({ ok: await this.apiAnswers(i), exited: !a.running }),
      (s) => s.ok || s.exited,
      { what: `api-${i} to answer`, timeoutMs: this.startTimeoutMs, intervalMs: 100 },
    ).then((s) => {
      if (s.exited) throw new Error(`api-${i} exited while starting:\n${a.text().slice(-3000)}`);
    });
    return { startedAt, readyAt: this.record('ready', `api-${i}`) };
  }

  private async apiAnswers(i: number): Promise<boolean> {
    try {
      return (await fetch(`http://127.0.0.1:${this.apiPorts[i]}/health`)).status < 500;
    } catch {
      return false;
    }
  }

  async killTemporal(): Promise<void> {
    const child = this.temporal.process;
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await gone;
    }
    this.record('kill', 'temporal');
  }

  /** Starts the dev server again on the same port and SQLite file; waits until it answers a call. */
  async restartTemporal(): Promise<{ startedAt: number; readyAt: number }> {
    const startedAt = this.record('restart', 'temporal');
    await this.startTemporal();
    await waitUntil(
      () =>
        this.connection.workflowService.getSystemInfo({}).then(
          () => true,
          () => false,
        ),
      (ok) => ok,
      { what: 'Temporal to answer', timeoutMs: this.startTimeoutMs, intervalMs: 200 },
    );
    return { startedAt, readyAt: this.record('ready', 'temporal') };
  }

  /**
   * How many tasks (workflow and activity) the worker has run since it started, from its
   * Prometheus endpoint; undefined while the endpoint does not answer.
   */
  async tasksRun(i: number): Promise<number | undefined> {
    try {
      const text = await (await fetch(`http://127.0.0.1:${this.workerMetricsPorts[i]}/metrics`)).text();
      let total = 0;
      for (const m of text.matchAll(
        /^temporal_(?:workflow_task_execution_latency|activity_execution_latency)_seconds_count(?:\{[^}]*\})? (\d+)/gm,
      ))
        total += Number(m[1]);
      return total;
    } catch {
      return undefined;
    }
  }

  /** Every process that went away without the harness killing it. */
  unexpectedExits(): string[] {
    const out: string[] = [];
    for (const p of [...this.workers, ...this.apis])
      for (const e of p.unexpectedExits())
        out.push(`${p.name} exited (code ${e.code}, signal ${e.signal}) at ${new Date(e.at).toISOString()}`);
    return out;
  }

  async stop(): Promise<void> {
    if (this.simulatorTimer) clearInterval(this.simulatorTimer);
    await Promise.all([...this.workers, ...this.apis].map((p) => p.stop()));
    await this.connection?.close().catch(() => undefined);
    await this.temporal?.stop().catch(() => undefined);
    await this.database.close().catch(() => undefined);
    if (!process.env.FAULT_KEEP_DIR) rmSync(this.dir, { recursive: true, force: true });
  }
}
