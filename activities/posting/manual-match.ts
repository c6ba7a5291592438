/**
 * A person matches a queued ERA claim (one that matched no claim by itself) to a claim: the
 * payment is posted to that claim as the ERA said it, the queue row is marked MATCHED with who
 * and when. Idempotent: the same match again returns the same event and posts nothing more.
 * The posting has the queue row's sourceKey, so the same ERA claim read again later is not
 * posted a second time either.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/prisma';
import type { BillEvent } from '../../workflows/activity-contract';
import { existingEraPosting, loadTargetClaim, postEraClaim, type QueuedEraClaim } from './era-claim';

export async function matchUnmatchedEraClaim(db: Db, input: { unmatchedId: string; claimId: string; actor: string }): Promise<BillEvent> {
  const row = await db.unmatchedEraClaim.findUnique({ where: { id: input.unmatchedId } });
  if (!row) throw ApplicationFailure.nonRetryable(`unmatched ERA claim ${input.unmatchedId} does not exist`, 'UnknownUnmatchedEraClaim');
  const data = row.claimData as unknown as QueuedEraClaim;
  if (row.status === 'DISMISSED')
    throw ApplicationFailure.nonRetryable(`unmatched ERA claim ${row.id} was dismissed`, 'UnmatchedEraClaimClosed');
  if (row.status === 'MATCHED') {
    if (row.matchedClaimId !== input.claimId) {
      throw ApplicationFailure.nonRetryable(
        `unmatched ERA claim ${row.id} is already matched to claim ${row.matchedClaimId ?? '?'}`,
        'UnmatchedEraClaimClosed',
      );
    }
    const earlier = await existingEraPosting(db, row.sourceKey, data.claim);
    if (earlier) return earlier.event;
  }
  const target = await loadTargetClaim(db, input.claimId);
  if (!target) throw ApplicationFailure.nonRetryable(`claim ${input.claimId} does not exist`, 'UnknownClaim');
  const posted = await postEraClaim(db, target, data.claim, {
    sourceKey: row.sourceKey,
    remittanceId: row.remittanceId,
    adjudicationDate: data.adjudicationDate,
    postedBy: input.actor,
  });
  // A reversal goes to the claim of the payment it undoes, which is on the chosen claim's bill.
  if (posted.event.billId !== target.billId) {
    throw ApplicationFailure.nonRetryable(
      `unmatched ERA claim ${row.id} was posted to another bill already (payment ${posted.paymentId})`,
      'UnmatchedEraClaimClosed',
    );
  }
  const resolvedAt = new Date();
  const updated = await db.unmatchedEraClaim.updateMany({
    where: { id: row.id, status: 'OPEN' },
    data: { status: 'MATCHED', matchedClaimId: input.claimId, resolvedBy: input.actor, resolvedAt },
  });
  if (updated.count === 1) {
    await db.auditEvent.createMany({
      data: [
        {
          actor: input.actor,
          action: 'era-claim-matched',
          entityType: 'unmatched-era-claim',
          entityId: row.id,
          billId: target.billId,
          details: { claimId: posted.claimId, paymentId: posted.paymentId, claimStatusCode: row.claimStatusCode, paidCents: row.paidCents },
          dedupeKey: `era-claim-matched:${row.id}`,
        },
      ],
      skipDuplicates: true,
    });
  }
  return posted.event;
}
