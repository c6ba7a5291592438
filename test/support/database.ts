/**
 * A fresh, migrated database for one test file: a real PostgreSQL database copied from the
 * migrated template when TEST_DATABASE_URL is set, else an in-memory PGlite served on a
 * loopback port, with the same migrations applied. Either way the code under test talks
 * to it through Prisma over the Postgres wire protocol.
 */
import net from 'node:net';
import { Client } from 'pg';
import { createPrisma, type Db } from '../../db/prisma';
import { spawnPglite } from '../../db/spawn-pglite';
import { TEMPLATE_DATABASE } from './paths';

export interface TestDatabase {
  url: string;
  db: Db;
  kind: 'postgresql' | 'pglite';
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let counter = 0;

export async function createTestDatabase(options: { kind?: 'postgresql' | 'pglite' } = {}): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  const kind = options.kind ?? (admin ? 'postgresql' : 'pglite');
  if (kind === 'postgresql') {
    if (!admin) throw new Error('TEST_DATABASE_URL is not set: no real PostgreSQL for this test');
    const name = `scx_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    const url = u.toString();
    const db = createPrisma(url, { maxConnections: 5 });
    return {
      url,
      db,
      kind,
      async close() {
        await db.$disconnect();
        const c = new Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const server = await spawnPglite({ port: await freePort(), applyMigrations: true });
  const db = createPrisma(server.url, { maxConnections: 1 });
  return {
    url: server.url,
    db,
    kind,
    async close() {
      await db.$disconnect();
      await server.stop();
    },
  };
}

/** A test file's own database, created before its tests and closed after them. */
export function useTestDatabase(): { readonly db: Db; readonly database: TestDatabase } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  const current = (): TestDatabase => {
    if (!database) throw new Error('the test database is used before beforeAll ran');
    return database;
  };
  return {
    get database() {
      return current();
    },
    get db() {
      return current().db;
    },
  };
}

/** Which database the suite runs on, for test names. */
export function databaseLabel(): string {
  return process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
}
