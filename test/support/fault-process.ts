/**
 * One service process the fault harness runs and kills: a worker (`worker/main.ts`), an API
 * (`api/main.ts`) or anything else started with the same loader `npm run worker` / `npm run api`
 * use (tsx). It is spawned as `node --import tsx <entry>` so that the pid is the service's own
 * (kill -9 reaches it, not a wrapper that would leave it running). Its output goes to a log file
 * under test-output/faults/ and is kept in memory, so that a test can wait for a line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, testOutputDir } from './paths';

export const faultLogDir = path.join(testOutputDir, 'faults');

export interface ExitRecord {
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the harness killed it; false when it went on its own. */
  killed: boolean;
}

export class ServiceProcess {
  child: ChildProcess | undefined;
  startedAt = 0;
  private output = '';
  private killing = false;
  readonly exits: ExitRecord[] = [];
  readonly logFile: string;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    runLabel: string,
  ) {
    mkdirSync(faultLogDir, { recursive: true });
    this.logFile = path.join(faultLogDir, `${runLabel}-${name}.log`);
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Output since the last start. */
  text(): string {
    return this.output;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.output = '';
    this.killing = false;
    this.startedAt = Date.now();
    appendFileSync(this.logFile, `\n=== start ${new Date(this.startedAt).toISOString()}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', this.entry], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      const s = chunk.toString();
      this.output += s;
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
      appendFileSync(this.logFile, s);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      this.exits.push({ at: Date.now(), code, signal, killed: this.killing });
      appendFileSync(this.logFile, `=== exit code=${code} signal=${signal} ${this.killing ? '(killed by the harness)' : ''}\n`);
    });
    this.child = child;
  }

  /** kill -9, and waits until the process is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.killing = true;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await gone;
  }

  /** A polite stop (SIGTERM, then SIGKILL after 10 s), for the end of a test. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.killing = true;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }

  /** Exits the harness did not cause. */
  unexpectedExits(): ExitRecord[] {
    return this.exits.filter((e) => !e.killed);
  }
}
