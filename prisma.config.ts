// Prisma 6.19 with the JavaScript schema engine and the pg driver adapter: works offline
// (no engine download), against PostgreSQL and the embedded PGlite alike.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

function connectionString(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run migrations through `npm run db:migrate`, which starts PGlite when none is configured');
  return url;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new PrismaPg({ connectionString: connectionString() }),
});
