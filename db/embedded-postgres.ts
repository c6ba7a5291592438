/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) kept in a local
 * folder and served on a loopback port over the Postgres wire protocol, so that Prisma
 * and `pg` talk to it exactly as they talk to a real PostgreSQL. For one laptop, not
 * for production.
 *
 * PGlite runs one session: queries from every connection share it. Clients must keep
 * to one connection (see `createPrisma({ maxConnections: 1 })`) so that transactions
 * do not interleave.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** `dataDir` undefined keeps the database in memory (tests). */
export async function startEmbeddedPostgres(options: { dataDir?: string; port: number; host?: string }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: 8 });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw new Error(`could not serve PGlite on ${host}:${options.port}: ${(err as Error).message}`, { cause: err });
  }
  return {
    url: `postgresql://postgres@${host}:${options.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
