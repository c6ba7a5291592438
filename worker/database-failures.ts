/**
 * An activity that fails on the database fails with a code, never with the driver's words:
 * Prisma's and pg's messages can quote the values of a query (a name, a member id), and an
 * activity's failure goes into the workflow's history and into the SDK's "Activity failed"
 * log. This inbound interceptor turns such an error into an ApplicationFailure of type
 * `DatabaseError` whose message holds the activity's name, the Prisma code and the SQLSTATE,
 * non-retryable only when trying again cannot help (a query the client refuses, bad data, a
 * schema that does not fit).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';

export const DATABASE_FAILURE_TYPE = 'DatabaseError';

export interface DatabaseErrorCodes {
  /** Prisma's error class, e.g. PrismaClientKnownRequestError. */
  kind: string;
  /** Prisma's code, e.g. P2002. */
  prismaCode?: string;
  /** PostgreSQL's SQLSTATE, e.g. 23505. */
  sqlState?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const PRISMA_CODE = /^P\d{4}$/;

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** The SQLSTATE somewhere in a driver error (pg's `code`, or under Prisma's driver adapter error). */
function sqlStateOf(err: unknown, depth = 0): string | undefined {
  if (depth > 5 || err === null || typeof err !== 'object') return undefined;
  for (const key of ['originalCode', 'code']) {
    const v = field(err, key);
    if (typeof v === 'string' && SQLSTATE.test(v) && !PRISMA_CODE.test(v)) return v;
  }
  for (const key of ['cause', 'meta', 'driverAdapterError']) {
    const found = sqlStateOf(field(err, key), depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The codes of a Prisma or pg error, or undefined when the error is not the database's. */
export function databaseErrorCodes(err: unknown): DatabaseErrorCodes | undefined {
  if (!(err instanceof Error)) return undefined;
  const kind = err.constructor.name;
  const isPrisma = kind.startsWith('PrismaClient') || err.name.startsWith('PrismaClient');
  const isPg = kind === 'DatabaseError' && typeof field(err, 'severity') === 'string';
  if (!isPrisma && !isPg && !err.name.startsWith('DriverAdapterError')) return undefined;
  const code = field(err, 'code');
  return {
    kind: isPrisma ? (err.name.startsWith('PrismaClient') ? err.name : kind) : isPg ? 'pg.DatabaseError' : err.name,
    ...(typeof code === 'string' && PRISMA_CODE.test(code) ? { prismaCode: code } : {}),
    ...(sqlStateOf(err) ? { sqlState: sqlStateOf(err) } : {}),
  };
}

/** Prisma codes of a request that will fail the same way every time. */
const PERMANENT_PRISMA = new Set([
  'P2000',
  'P2005',
  'P2006',
  'P2007',
  'P2009',
  'P2011',
  'P2012',
  'P2019',
  'P2020',
  'P2021',
  'P2022',
  'P2023',
]);

/** Whether trying again cannot help. Connection losses, timeouts, deadlocks, unique races stay retryable. */
export function isPermanent(codes: DatabaseErrorCodes): boolean {
  if (codes.kind === 'PrismaClientValidationError') return true;
  if (codes.prismaCode && PERMANENT_PRISMA.has(codes.prismaCode)) return true;
  // Class 22: data exception (bad value, overflow, bad encoding); 42: syntax or a missing column or table.
  return !!codes.sqlState && (codes.sqlState.startsWith('22') || codes.sqlState.startsWith('42'));
}

/** The failure that replaces a database error: codes and the activity's name only. */
export function databaseFailure(err: unknown, activityType: string): ApplicationFailure | undefined {
  const codes = databaseErrorCodes(err);
  if (!codes) return undefined;
  const parts = [codes.prismaCode, codes.sqlState ? `SQLSTATE ${codes.sqlState}` : undefined].filter(Boolean).join(', ');
  return ApplicationFailure.create({
    type: DATABASE_FAILURE_TYPE,
    message: `activity ${activityType}: database error ${codes.kind}${parts ? ` (${parts})` : ''}`,
    nonRetryable: isPermanent(codes),
    details: [{ activityType, ...codes }],
  });
}

/** The worker's activity interceptor: database errors leave the activity as codes. */
export function databaseFailureInterceptor(ctx: Context): ActivityInterceptors {
  return {
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (err) {
          const failure = databaseFailure(err, ctx.info.activityType);
          if (failure) throw failure;
          throw err;
        }
      },
    },
  };
}
