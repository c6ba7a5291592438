import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client';

/** The pool size of a process that does not choose one: DATABASE_POOL_MAX, else 10. */
export function defaultPoolMax(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DATABASE_POOL_MAX;
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`DATABASE_POOL_MAX must be a whole number of connections >= 1, got "${raw}"`);
  return n;
}

/** A Prisma client over the `pg` driver adapter (no native query engine). */
export function createPrisma(url: string, options: { maxConnections?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: url, max: options.maxConnections ?? defaultPoolMax() });
  return new PrismaClient({ adapter });
}

/** True when the URL points at the embedded PGlite, which must be used through one connection. */
export function isEmbedded(url: string, pglitePort: number): boolean {
  return url.includes(`:${pglitePort}/`);
}
