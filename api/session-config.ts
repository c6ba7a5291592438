/**
 * Staff sign-in settings, from the environment (see api/README.md):
 * | STAFF_IDLE_TIMEOUT_MINUTES | 15 | sign out after this long without a request (HIPAA automatic logoff) |
 * | STAFF_SESSION_MAX_HOURS | 12 | a session ends this long after sign-in however active it is |
 * | STAFF_LOCK_AFTER_FAILURES | 5 | failed sign-ins in a row that lock the account |
 * | STAFF_LOCK_MINUTES | 15 | how long the account stays locked (an admin can unlock it sooner) |
 */
export interface SessionConfig {
  idleTimeoutMs: number;
  maxAgeMs: number;
  lockAfterFailures: number;
  lockMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_SESSION_CONFIG: SessionConfig = {
  idleTimeoutMs: 15 * MINUTE,
  maxAgeMs: 12 * 60 * MINUTE,
  lockAfterFailures: 5,
  lockMs: 15 * MINUTE,
};

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, integer: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`environment variable ${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  }
  return value;
}

export function sessionConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SessionConfig {
  return {
    idleTimeoutMs: positive(env, 'STAFF_IDLE_TIMEOUT_MINUTES', 15, false) * MINUTE,
    maxAgeMs: positive(env, 'STAFF_SESSION_MAX_HOURS', 12, false) * 60 * MINUTE,
    lockAfterFailures: positive(env, 'STAFF_LOCK_AFTER_FAILURES', 5, true),
    lockMs: positive(env, 'STAFF_LOCK_MINUTES', 15, false) * MINUTE,
  };
}
