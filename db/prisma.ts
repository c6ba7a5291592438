import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { poolConfig, poolSettingsFromEnv, type PoolSettings } from './pool-settings';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client';

export type PrismaOptions = Partial<PoolSettings>;

/**
 * A Prisma client over the `pg` driver adapter (no native query engine), with the pool's
 * timeouts from the environment (db/pool-settings.ts) unless given.
 */
export function createPrisma(url: string, options: PrismaOptions = {}): Db {
  const settings = { ...poolSettingsFromEnv(), ...options };
  const adapter = new PrismaPg(poolConfig(url, settings));
  return new PrismaClient({ adapter });
}

/** True when the URL points at the embedded PGlite, which must be used through one connection. */
export function isEmbedded(url: string, pglitePort: number): boolean {
  return url.includes(`:${pglitePort}/`);
}
