/**
 * The worker and the API as child processes of the bench (plain `node --import tsx`, one
 * process each, so that /proc gives each one's own RSS), their output kept in log files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config/env';
import { stopChild } from '../../runtime/child-process';
import { GiveUp, waitFor } from './ports';

export interface ServiceProcess {
  name: string;
  pid: number;
  logFile: string;
  child: ChildProcess;
  /** Resident set size now, in MB (VmRSS of /proc/<pid>/status). */
  rssMb(): number;
  stop(): Promise<void>;
}

export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

function lastLines(file: string, n = 15): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
  } catch {
    return '(no output)';
  }
}

/** Starts `node [nodeArgs] --import tsx <script>` with `env` on top of this process's environment. */
export async function startService(options: {
  name: string;
  script: string;
  env: Record<string, string>;
  /** Node's own options (the worker's heap limit, as `npm run worker` gives it). */
  nodeArgs?: string[];
  logDir: string;
  /** Resolves true once the service is ready to use. */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}): Promise<ServiceProcess> {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(repoRoot, options.script)], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start`);
  const service: ServiceProcess = {
    name: options.name,
    pid,
    logFile,
    child,
    rssMb: () => rssMbOf(pid),
    stop: () => stopChild(child),
  };
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitFor(
      `${options.name} to start`,
      async () => {
        if (exited) throw new GiveUp('it exited');
        return options.ready();
      },
      options.timeoutMs ?? 90_000,
    );
  } catch (err) {
    await service.stop();
    throw new Error(`${options.name} did not start (${(err as Error).message}); its last output (${logFile}):\n${lastLines(logFile)}`, {
      cause: err,
    });
  }
  if (exited) throw new Error(`${options.name} exited at start; its last output (${logFile}):\n${lastLines(logFile)}`);
  return service;
}
