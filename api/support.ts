/** Small helpers the routes share: pagination, the audit trail, idempotency keys, PHI masking. */
import type { Request } from 'express';
import type { Db } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { Principal } from './auth';
import { validationProblem, type FieldError } from './problem';

/** Cursor pagination: fetch limit + 1 rows after the cursor's row, answer `limit` and the next cursor. */
export function pageArgs(query: { limit: number; cursor?: string }): { take: number; skip?: number; cursor?: { id: string } } {
  return query.cursor ? { take: query.limit + 1, skip: 1, cursor: { id: query.cursor } } : { take: query.limit + 1 };
}

export function pageOf<T extends { id: string }, R>(
  rows: T[],
  limit: number,
  map: (row: T) => R,
): { items: R[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items: items.map(map), nextCursor: more ? items[items.length - 1]!.id : null };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  billId?: string;
  /** Ids, codes and amounts only: never names, member ids, dates of birth or diagnoses. */
  details?: Prisma.InputJsonValue;
}

/**
 * Records a change in the audit trail with who made it (the key's id): one INSERT, awaited (a
 * record is never dropped), with nothing read back (createMany returns no row). Given a
 * transaction, it commits with the change it records.
 */
export async function audit(db: Db | Prisma.TransactionClient, principal: Principal, entry: AuditEntry): Promise<void> {
  await db.auditEvent.createMany({
    data: {
      actor: principal.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      billId: entry.billId ?? null,
      ...(entry.details !== undefined ? { details: entry.details } : {}),
    },
  });
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

/** What is wrong with an Idempotency-Key header's value; undefined when it is absent or fine. */
export function idempotencyKeyError(value: string | undefined): FieldError | undefined {
  if (value === undefined || IDEMPOTENCY_KEY.test(value)) return undefined;
  return {
    in: 'header',
    pointer: '#/idempotency-key',
    detail: 'must be 1-100 characters of A-Z a-z 0-9 . _ : -',
    code: 'invalid_format',
  };
}

/** The Idempotency-Key header, checked; undefined when absent. */
export function idempotencyKey(req: Request): string | undefined {
  const value = req.get('idempotency-key');
  const error = idempotencyKeyError(value);
  if (error) throw validationProblem([error]);
  return value;
}

/** A member id in a list: only its last 4 characters. */
export function maskMemberId(memberId: string): string {
  return memberId.length <= 4 ? '*'.repeat(memberId.length) : `${'*'.repeat(Math.min(memberId.length - 4, 8))}${memberId.slice(-4)}`;
}
