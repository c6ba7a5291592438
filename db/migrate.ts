/** Applies Prisma migrations (`prisma migrate deploy`) to a database, offline. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..');

export async function migrateDeploy(url: string): Promise<void> {
  const prismaBin = path.join(repoRoot, 'node_modules', '.bin', 'prisma');
  try {
    await run(prismaBin, ['migrate', 'deploy'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/dev/null',
        PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? '/dev/null',
      },
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prisma migrate deploy failed: ${e.stderr || e.stdout || e.message}`, { cause: err });
  }
}
