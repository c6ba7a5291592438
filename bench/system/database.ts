/**
 * The bench's database: a fresh database on the PostgreSQL named by BENCH_DATABASE_URL (else
 * TEST_DATABASE_URL), dropped at the end; else an in-memory PGlite served on a free port, as the
 * embedded default runs it. Migrations applied either way.
 */
import { Client } from 'pg';
import { migrateDeploy } from '../../db/migrate';
import { spawnPglite } from '../../db/spawn-pglite';
import { freePort } from './ports';

export interface BenchDatabase {
  kind: 'postgresql' | 'pglite';
  url: string;
  /** What the table's header says about it. */
  describe: string;
  drop(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(sql);
    return String((res.rows[0] as Record<string, unknown> | undefined)?.v ?? '');
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `scx_bench_${process.pid}_${Date.now().toString(36)}`;
    const version = await admin(adminUrl, "SELECT current_setting('server_version') AS v");
    await admin(adminUrl, `CREATE DATABASE ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    const drop = () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined);
    try {
      await migrateDeploy(url);
    } catch (err) {
      await drop();
      throw err;
    }
    return { kind: 'postgresql', url, describe: `PostgreSQL ${version} (database ${name} on ${u.host}, dropped after)`, drop };
  }
  const server = await spawnPglite({ port: await freePort(), applyMigrations: true });
  return { kind: 'pglite', url: server.url, describe: `PGlite in memory on ${new URL(server.url).host}`, drop: () => server.stop() };
}
