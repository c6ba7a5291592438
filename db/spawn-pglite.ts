/** Runs db/pglite-server.ts as a child process and waits for it to answer. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { stopChild } from '../runtime/child-process';

const repoRoot = path.resolve(__dirname, '..');

export interface PgliteProcess {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function spawnPglite(options: { port: number; dataDir?: string; applyMigrations?: boolean }): Promise<PgliteProcess> {
  const args = [path.join(repoRoot, 'db', 'pglite-server.ts'), '--port', String(options.port)];
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  if (options.applyMigrations) args.push('--apply-migrations');
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`PGlite server exited with ${code}: ${err.trim()}`)));
  });
  return {
    url,
    process: child,
    stop: () => stopChild(child),
  };
}
