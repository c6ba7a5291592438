/**
 * `npm run db:migrate`: applies the Prisma migrations to DATABASE_URL, or, when none is
 * set, to the embedded PGlite under DATA_DIR (started for the purpose, then stopped).
 */
import path from 'node:path';
import { loadConfig } from '../config/env';
import { migrateDeploy } from '../db/migrate';
import { spawnPglite } from '../db/spawn-pglite';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) {
    await migrateDeploy(config.databaseUrl);
    console.log('migrations applied to DATABASE_URL');
    return;
  }
  const pglite = await spawnPglite({ port: config.pglitePort, dataDir: path.join(config.dataDir, 'pglite') });
  try {
    await migrateDeploy(pglite.url);
    console.log(`migrations applied to the embedded PGlite in ${path.join(config.dataDir, 'pglite')}`);
  } finally {
    await pglite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`db:migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
