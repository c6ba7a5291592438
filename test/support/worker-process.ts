/**
 * A worker in a process of its own (test/support/worker-child.ts), so a test can kill it the
 * hard way (`kill -9`: no shutdown, no last heartbeat, its activities simply stop) and start
 * another. One node process (no tsx wrapper), so the pid killed is the worker itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot, workflowBundlePath } from './paths';
import { testKeyList } from './temporal';

export interface WorkerProcessOptions {
  /** The Temporal server's address (host:port). */
  address: string;
  taskQueue: string;
  databaseUrl: string;
  /** The local clearinghouse's folder. */
  clearinghouseDir: string;
  /** Every upload and listing waits this long first (see worker-child.ts). */
  slowClearinghouseMs?: number;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote (stdout and stderr). */
  output(): string;
  /** Resolves once the output holds `text` (rejects if the process exits first or after timeoutMs). */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** SIGKILL, and resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGINT (the worker shuts down), and resolves once the process is gone. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a worker process and resolves once it polls its task queue ("worker running"). */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'support', 'worker-child.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.address,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      DATABASE_URL: options.databaseUrl,
      CLEARINGHOUSE_DATA_DIR: options.clearinghouseDir,
      WORKFLOW_BUNDLE: workflowBundlePath,
      PAYLOAD_CODEC_KEYS: testKeyList,
      PAYLOAD_CODEC_KEY_FILE: '',
      PAYLOAD_CODEC_KEY_ID: '',
      SLOW_CLEARINGHOUSE_MS: String(options.slowClearinghouseMs ?? 0),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const waitFor = (text: string, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const timer = setInterval(() => {
        if (out.includes(text)) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          clearInterval(timer);
          reject(new Error(`worker process (pid ${child.pid}) never said "${text}":\n${out.slice(-3000)}`));
        }
      }, 50);
    });
  const handle: WorkerProcess = {
    child,
    output: () => out,
    waitFor,
    async kill9() {
      const gone = exited(child);
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      const gone = exited(child);
      child.kill('SIGINT');
      await gone;
    },
  };
  try {
    await waitFor('worker running');
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return handle;
}
