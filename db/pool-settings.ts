/**
 * How the service's connections to PostgreSQL give up, so that a fault costs seconds, not
 * minutes: each setting from an environment variable, with a default for production.
 *
 * | variable | default | what it bounds |
 * | --- | --- | --- |
 * | DB_POOL_MAX | 10 | connections per process |
 * | DB_CONNECT_TIMEOUT_MS | 5000 | opening a connection (TCP, TLS, start-up) |
 * | DB_STATEMENT_TIMEOUT_MS | 30000 | one statement, on the server (PostgreSQL cancels it: SQLSTATE 57014) |
 * | DB_LOCK_TIMEOUT_MS | 10000 | waiting for a row or table lock (SQLSTATE 55P03) |
 * | DB_IDLE_IN_TRANSACTION_TIMEOUT_MS | 60000 | a transaction left open and idle (the server ends the session) |
 * | DB_QUERY_TIMEOUT_MS | statement timeout + 5000 | one query, on the client: an answer that never comes (a dead or blackholed connection) |
 * | DB_KEEPALIVE_IDLE_MS | 10000 | TCP keepalive: idle time before the first probe, so a dead peer is noticed |
 *
 * 0 turns a timeout off. The embedded PGlite accepts the server-side settings and ignores them;
 * the client-side ones (connect, query, keepalive) hold there too.
 */
import type { PoolConfig } from 'pg';

export interface PoolSettings {
  maxConnections: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  queryTimeoutMs: number;
  keepAliveIdleMs: number;
}

function msVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds (0: off); got ${raw}`);
  return value;
}

export function poolSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PoolSettings {
  const statementTimeoutMs = msVar(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000);
  const maxConnections = msVar(env, 'DB_POOL_MAX', 10);
  if (maxConnections < 1) throw new Error('DB_POOL_MAX must be at least 1');
  return {
    maxConnections,
    connectTimeoutMs: msVar(env, 'DB_CONNECT_TIMEOUT_MS', 5_000),
    statementTimeoutMs,
    lockTimeoutMs: msVar(env, 'DB_LOCK_TIMEOUT_MS', 10_000),
    idleInTransactionTimeoutMs: msVar(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000),
    queryTimeoutMs: msVar(env, 'DB_QUERY_TIMEOUT_MS', statementTimeoutMs > 0 ? statementTimeoutMs + 5_000 : 0),
    keepAliveIdleMs: msVar(env, 'DB_KEEPALIVE_IDLE_MS', 10_000),
  };
}

/** The pg pool's configuration for these settings: the server-side ones are sent in the connection's start-up. */
export function poolConfig(url: string, s: PoolSettings): PoolConfig {
  const on = (ms: number) => (ms > 0 ? ms : undefined);
  return {
    connectionString: url,
    max: s.maxConnections,
    ...(on(s.connectTimeoutMs) ? { connectionTimeoutMillis: s.connectTimeoutMs } : {}),
    ...(on(s.queryTimeoutMs) ? { query_timeout: s.queryTimeoutMs } : {}),
    keepAlive: s.keepAliveIdleMs > 0,
    ...(on(s.keepAliveIdleMs) ? { keepAliveInitialDelayMillis: s.keepAliveIdleMs } : {}),
    ...(on(s.statementTimeoutMs) ? { statement_timeout: s.statementTimeoutMs } : {}),
    ...(on(s.lockTimeoutMs) ? { lock_timeout: s.lockTimeoutMs } : {}),
    ...(on(s.idleInTransactionTimeoutMs) ? { idle_in_transaction_session_timeout: s.idleInTransactionTimeoutMs } : {}),
  };
}
