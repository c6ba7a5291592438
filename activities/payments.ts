/** Staff posting a payment from a paper EOB or a denial letter (path 2 and 3). */
import { ApplicationFailure } from '@temporalio/common';
import type { BillActivities, PostEobPaymentInput } from '../workflows/activity-contract';
import type { ActivityContext } from './context';
import { recordPayment } from './posting/record-payment';

export function paymentActivities({ db }: ActivityContext): Pick<BillActivities, 'postEobPayment'> {
  return {
    async postEobPayment(input: PostEobPaymentInput): Promise<{ paymentId: string }> {
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
      });
      return { paymentId };
    },
  };
}
