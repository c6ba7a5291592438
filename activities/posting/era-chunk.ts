/**
 * Posting an 835 set-based, a chunk of claims at a time: what the chunk needs is looked up with
 * one query each (queued already, posted already by source key, our claims by CLP01, which of
 * them have an answer standing), and the payments that simply stand are written together
 * (recordStandingPayments). Everything else (a reversal, a claim with an answer standing, a
 * crossover to another claim, two ERA claims for one claim) is posted one by one as before.
 */
import { randomUUID } from 'node:crypto';
import { Prisma, type Db } from '../../db/prisma';
import type { Rank } from '../../domain/rank';
import type { Claim835 } from '../../x12/835';
import {
  eraEvent,
  eraPaymentRecord,
  paymentLinesOf,
  postedOf,
  postedSelect,
  targetClaimInclude,
  type EraClaimSource,
  type PostedEraClaim,
  type TargetClaim,
} from './era-claim';
import { recordStandingPayments } from './record-payment';
import { STANDING_ANSWER } from './standing';

/** How many ERA claims one look-up and one write covers. */
export const POSTING_CHUNK = 500;

export type MatchedClaim = TargetClaim & {
  status: string;
  bill: TargetClaim['bill'] & { client: { policies: { rank: Rank }[] } };
};

export const matchedClaimSelect = {
  id: true,
  billId: true,
  rank: true,
  status: true,
  patientControlNumber: true,
  bill: {
    select: {
      ...targetClaimInclude.bill.select,
      client: { select: { policies: { where: { active: true }, select: { rank: true } } } },
    },
  },
} as const;

export interface ChunkLookups {
  /** Source key -> the unmatched queue row. */
  queued: Map<string, string>;
  /** Source key -> the payment posted under it. */
  posted: Map<string, (c: Claim835) => PostedEraClaim>;
  /** CLP01 -> our claim. */
  claims: Map<string, MatchedClaim>;
  /** Claims that have an answer standing. */
  standing: Set<string>;
}

export async function lookUpChunk(db: Db, claims: readonly Claim835[], keys: readonly string[]): Promise<ChunkLookups> {
  const numbers = [...new Set(claims.map((c) => c.patientControlNumber))];
  const [queued, posted, ours] = await Promise.all([
    db.unmatchedEraClaim.findMany({ where: { sourceKey: { in: [...keys] } }, select: { id: true, sourceKey: true } }),
    db.payment.findMany({ where: { sourceKey: { in: [...keys] } }, select: postedSelect }),
    db.claim.findMany({ where: { patientControlNumber: { in: numbers } }, select: matchedClaimSelect }),
  ]);
  const standing = await db.payment.findMany({
    where: { claimId: { in: ours.map((c) => c.id) }, ...STANDING_ANSWER },
    select: { claimId: true },
    distinct: ['claimId'],
  });
  return {
    queued: new Map(queued.map((q) => [q.sourceKey, q.id])),
    posted: new Map(posted.map((p) => [p.sourceKey, (c: Claim835) => postedOf(p, c)])),
    claims: new Map(ours.map((c) => [c.patientControlNumber, c])),
    standing: new Set(standing.map((s) => s.claimId)),
  };
}

export interface PendingPosting {
  target: TargetClaim;
  claim: Claim835;
  source: EraClaimSource;
  /** Called with what was posted, in the order the claims were pended. */
  done: (posted: PostedEraClaim) => void;
}

/**
 * Writes the pended payments together; if another poster took one of their source keys
 * meanwhile (nothing is written then), posts them one by one with `oneByOne`.
 */
export async function writePending(
  db: Db,
  pending: PendingPosting[],
  fileId: string,
  oneByOne: (p: PendingPosting) => Promise<PostedEraClaim>,
): Promise<void> {
  if (pending.length === 0) return;
  const records = pending.map((p) => ({
    ...eraPaymentRecord(p.target.id, p.claim, p.source, paymentLinesOf(p.target, p.claim)),
    id: randomUUID(),
  }));
  try {
    await recordStandingPayments(db, records);
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    for (const p of pending) p.done(await oneByOne(p));
    return;
  }
  for (const [i, p] of pending.entries()) {
    const paymentId = records[i]!.id;
    p.done({
      paymentId,
      claimId: p.target.id,
      created: true,
      fileId,
      reconciled: { outcome: 'posted' },
      reversesPaymentId: null,
      event: eraEvent(p.target.billId, p.target.id, paymentId, p.claim, { outcome: 'posted' }),
    });
  }
}
