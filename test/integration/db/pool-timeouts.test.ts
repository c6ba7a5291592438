/**
 * The database connection gives up in seconds, not minutes: through a TCP proxy that passes,
 * drops or blackholes the connection to a real PostgreSQL (or PGlite), a query on a dead
 * connection fails within the configured timeout and the next one, on a fresh connection,
 * succeeds. The delays are measured and printed, not asserted.
 */
import { createPrisma, type Db } from '../../../db/prisma';
import { poolSettingsFromEnv } from '../../../db/pool-settings';
import { useTestDatabase } from '../../support/database';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';

const testDb = useTestDatabase();
let proxy: TcpFaultProxy;
let db: Db;
const QUERY_TIMEOUT_MS = 1_500;
const CONNECT_TIMEOUT_MS = 1_000;

beforeAll(async () => {
  const u = new URL(testDb.database.url);
  proxy = await startTcpFaultProxy({ host: u.hostname, port: Number(u.port || 5432) });
  db = createPrisma(proxy.url(testDb.database.url), {
    maxConnections: 1,
    queryTimeoutMs: QUERY_TIMEOUT_MS,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    statementTimeoutMs: 500,
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await proxy?.close();
});

const one = async () => (await db.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one'))[0]!.one;

async function timed(what: string, run: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = Math.round(performance.now() - started);
  console.log(`${what}: ${error ? 'failed' : 'answered'} after ${ms} ms${error instanceof Error ? ` (${error.constructor.name})` : ''}`);
  return { ms, error };
}

describe('the pool through a faulty network', () => {
  it('a query on a blackholed connection fails within the query timeout; the retry on a fresh connection answers', async () => {
    expect(await one()).toBe(1);
    proxy.setMode('blackhole');
    const { error } = await timed(`blackholed query (query timeout ${QUERY_TIMEOUT_MS} ms)`, one);
    expect(error).toBeDefined();
    proxy.setMode('pass');
    const retry = await timed('retry after the blackhole', one);
    expect(retry.error).toBeUndefined();
  });

  it('a dropped connection fails the query at once; the retry answers', async () => {
    expect(await one()).toBe(1);
    proxy.setMode('drop');
    const { error } = await timed('query on a dropped connection', one);
    expect(error).toBeDefined();
    proxy.setMode('pass');
    expect((await timed('retry after the drop', one)).error).toBeUndefined();
  });

  it('a new connection that is never answered fails within the connect timeout', async () => {
    await db.$disconnect();
    proxy.setMode('blackhole');
    const { error } = await timed(`connect to a blackhole (connect timeout ${CONNECT_TIMEOUT_MS} ms)`, one);
    expect(error).toBeDefined();
    proxy.setMode('pass');
    expect((await timed('retry after the connect timeout', one)).error).toBeUndefined();
  });

  it('a statement longer than the statement timeout is cancelled by PostgreSQL (57014)', async () => {
    if (testDb.database.kind !== 'postgresql') return console.log('PGlite ignores statement_timeout: skipped');
    const { error } = await timed('pg_sleep(5) with a 500 ms statement timeout', () => db.$queryRawUnsafe('SELECT pg_sleep(5)'));
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain('57014');
  });
});

describe('the settings', () => {
  it('have defaults, read the environment, and refuse nonsense', () => {
    expect(poolSettingsFromEnv({})).toEqual({
      maxConnections: 10,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
      lockTimeoutMs: 10_000,
      idleInTransactionTimeoutMs: 60_000,
      queryTimeoutMs: 35_000,
      keepAliveIdleMs: 10_000,
    });
    expect(poolSettingsFromEnv({ DB_STATEMENT_TIMEOUT_MS: '0', DB_POOL_MAX: '3' })).toMatchObject({
      statementTimeoutMs: 0,
      queryTimeoutMs: 0,
      maxConnections: 3,
    });
    expect(() => poolSettingsFromEnv({ DB_LOCK_TIMEOUT_MS: 'soon' })).toThrow('DB_LOCK_TIMEOUT_MS');
    expect(() => poolSettingsFromEnv({ DB_POOL_MAX: '0' })).toThrow('DB_POOL_MAX');
  });
});
