/** Staff posting a payment from a paper EOB or a denial letter (path 2 and 3). */
import { ApplicationFailure } from '@temporalio/common';
import { compareRemittances, describeDifferences } from '../domain/remittance-compare';
import type { BillActivities, EobPosted, PostEobPaymentInput } from '../workflows/activity-contract';
import type { ActivityContext } from './context';
import { recordPayment } from './posting/record-payment';
import { standingAnswer } from './posting/standing';

export function paymentActivities({ db }: ActivityContext): Pick<BillActivities, 'postEobPayment'> {
  return {
    async postEobPayment(input: PostEobPaymentInput): Promise<EobPosted> {
      const claim = await db.claim.findUnique({
        where: { id: input.claimId },
        include: { bill: { include: { serviceLines: { orderBy: { lineNumber: 'asc' } } } } },
      });
      if (!claim || claim.billId !== input.billId)
        throw ApplicationFailure.nonRetryable(`claim ${input.claimId} is not a claim of bill ${input.billId}`);
      const byNumber = new Map(claim.bill.serviceLines.map((l) => [l.lineNumber, l]));
      const lines = (input.lines ?? []).map((l) => {
        const line = byNumber.get(l.lineNumber);
        if (!line) throw ApplicationFailure.nonRetryable(`bill ${input.billId} has no line ${l.lineNumber}`);
        return {
          serviceLineId: line.id,
          procedureCode: line.procedureCode,
          modifiers: line.modifiers,
          chargeCents: line.chargeCents,
          paidCents: l.paidCents,
          units: line.units,
          adjustments: l.adjustments,
        };
      });
      // Posted once: a retry finds the payment it made, and what it made of it.
      const earlier = await db.payment.findUnique({
        where: { sourceKey: input.idempotencyKey },
        select: { id: true, standing: true, relatedPaymentId: true },
      });
      if (earlier) {
        const outcome = earlier.standing === 'CONFIRMING' ? 'confirmed' : earlier.standing === 'PENDING_REVIEW' ? 'discrepancy' : 'posted';
        return { paymentId: earlier.id, outcome, ...(earlier.relatedPaymentId ? { relatedPaymentId: earlier.relatedPaymentId } : {}) };
      }
      // An ERA posted before the bill heard of it: the EOB is reconciled with it, never counted beside it.
      const standing = await standingAnswer(db, claim.id);
      const claimAdjustments = input.adjustments;
      const differences = standing
        ? compareRemittances(standing, {
            claimStatusCode: input.claimStatusCode,
            paidCents: input.paidCents,
            patientResponsibilityCents: input.patientResponsibilityCents,
            adjustments: [...claimAdjustments, ...lines.flatMap((l) => l.adjustments)],
          })
        : [];
      const outcome = !standing ? 'posted' : differences.length === 0 ? 'confirmed' : 'discrepancy';
      const { paymentId } = await recordPayment(db, {
        claimId: claim.id,
        sourceKey: input.idempotencyKey,
        source: 'EOB',
        remittanceId: input.remittanceId ?? null,
        claimStatusCode: input.claimStatusCode,
        chargeCents: claim.totalChargeCents,
        paidCents: input.paidCents,
        patientResponsibilityCents: input.patientResponsibilityCents,
        adjudicationDate: input.adjudicationDate,
        payerClaimControlNumber: input.payerClaimControlNumber ?? null,
        postedBy: input.actor,
        adjustments: input.adjustments,
        lines,
        standing: outcome === 'confirmed' ? 'CONFIRMING' : outcome === 'discrepancy' ? 'PENDING_REVIEW' : 'STANDING',
        relatedPaymentId: standing?.id ?? null,
      });
      return {
        paymentId,
        outcome,
        ...(standing ? { relatedPaymentId: standing.id } : {}),
        ...(differences.length > 0 ? { differences: describeDifferences(differences) } : {}),
      };
    },
  };
}
