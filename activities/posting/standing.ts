/**
 * The adjudication that stands on a claim: its latest payment that counts (STANDING), is not a
 * reversal entry and has not been reversed. A remittance that comes in for a claim that has one
 * is reconciled with it, never posted beside it (post-era, manual match).
 */
import type { ComparableAdjudication } from '../../domain/remittance-compare';
import type { Db } from '../../db/prisma';

/** Where payments that count toward money are. */
export const COUNTS = { standing: 'STANDING' } as const;

/** Payments that answer a claim (not reversal entries), that count, and that nothing took back. */
export const STANDING_ANSWER = { standing: 'STANDING', reversesPaymentId: null, reversedBy: { is: null } } as const;

export interface StandingAnswer extends ComparableAdjudication {
  id: string;
  source: string;
}

export async function standingAnswer(db: Db, claimId: string): Promise<StandingAnswer | null> {
  const p = await db.payment.findFirst({
    where: { claimId, ...STANDING_ANSWER },
    orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      source: true,
      claimStatusCode: true,
      paidCents: true,
      patientResponsibilityCents: true,
      adjustments: { select: { groupCode: true, reasonCode: true, amountCents: true } },
    },
  });
  if (!p) return null;
  return {
    id: p.id,
    source: p.source,
    claimStatusCode: p.claimStatusCode,
    paidCents: p.paidCents,
    patientResponsibilityCents: p.patientResponsibilityCents,
    adjustments: p.adjustments.map((a) => ({ group: a.groupCode, reason: a.reasonCode, amountCents: a.amountCents })),
  };
}
