/** Where the bench's bills are, read from the database the API reads (the workflows' steps). */
import type { Db } from '../../db/prisma';
import type { BillStatus } from '../../generated/prisma/client';
import { GiveUp } from './ports';

export function countBills(db: Db, practiceId: string, status?: BillStatus | { not: BillStatus }): Promise<number> {
  return db.bill.count({ where: { practiceId, ...(status ? { status } : {}) } });
}

export function countPayments(db: Db, practiceId: string): Promise<number> {
  return db.payment.count({ where: { claim: { bill: { practiceId } } } });
}

/**
 * Polls `count` until it reaches `target`; answers the seconds from `since` (performance.now()
 * ms) to the poll that saw it. Throws after `timeoutMs` saying how far it got.
 */
export async function secondsUntil(
  what: string,
  count: () => Promise<number>,
  target: number,
  since: number,
  timeoutMs: number,
  everyMs = 200,
): Promise<number> {
  const deadline = since + timeoutMs;
  for (;;) {
    const seen = await count();
    if (seen >= target) return (performance.now() - since) / 1000;
    if (performance.now() > deadline) {
      throw new GiveUp(`${what}: ${seen} of ${target} after ${Math.round(timeoutMs / 1000)} s (timed out; raise --timeout)`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
