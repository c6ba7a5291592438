import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client';

/** A Prisma client over the `pg` driver adapter (no native query engine). */
export function createPrisma(url: string, options: { maxConnections?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: url, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}

/** True when the URL points at the embedded PGlite, which must be used through one connection. */
export function isEmbedded(url: string, pglitePort: number): boolean {
  return url.includes(`:${pglitePort}/`);
}
