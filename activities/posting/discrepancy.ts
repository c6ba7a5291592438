/**
 * An ERA that differs from the payment posted for its claim is held (PENDING_REVIEW) until staff
 * choose which adjudication stands: the posted one (the ERA is set aside) or the ERA's (the
 * posted one is set aside and the ERA stands). Nothing is deleted; the choice is audited, and
 * the bill's next claim is released once no ERA of the bill waits for review. Idempotent.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/prisma';
import type { DiscrepancyResolution } from '../../workflows/activity-contract';
import { RefusalType } from '../../workflows/bill/definitions';

export async function resolveDiscrepancy(
  db: Db,
  input: { paymentId: string; billId: string; actor: string; stands: 'POSTED' | 'ERA'; now: Date },
): Promise<DiscrepancyResolution> {
  const era = await db.payment.findUnique({ where: { id: input.paymentId }, include: { claim: { select: { billId: true } } } });
  if (!era || era.claim.billId !== input.billId || !era.relatedPaymentId) {
    throw ApplicationFailure.create({
      type: RefusalType.invalidInput,
      message: `payment ${input.paymentId} is not an ERA of this bill held against a posted payment`,
      nonRetryable: true,
    });
  }
  const relatedPaymentId = era.relatedPaymentId;
  const decided = era.standing === 'STANDING' ? 'ERA' : era.standing === 'SET_ASIDE' ? 'POSTED' : undefined;
  if (decided && decided !== input.stands) {
    throw ApplicationFailure.create({
      type: RefusalType.wrongState,
      message: `the discrepancy was resolved already: the ${decided} adjudication stands`,
      nonRetryable: true,
    });
  }
  if (!decided) {
    await db.$transaction(async (tx) => {
      if (input.stands === 'ERA') {
        // The posted payment no longer counts, nor does anything that took it back (they netted to zero).
        await tx.payment.update({ where: { id: relatedPaymentId }, data: { standing: 'SET_ASIDE' } });
        await tx.payment.updateMany({ where: { reversesPaymentId: relatedPaymentId }, data: { standing: 'SET_ASIDE' } });
        await tx.payment.update({ where: { id: era.id }, data: { standing: 'STANDING' } });
        if (era.payerClaimControlNumber)
          await tx.claim.update({ where: { id: era.claimId }, data: { payerClaimControlNumber: era.payerClaimControlNumber } });
      } else {
        await tx.payment.update({ where: { id: era.id }, data: { standing: 'SET_ASIDE' } });
      }
      const pending = await tx.payment.count({ where: { claim: { billId: input.billId }, standing: 'PENDING_REVIEW' } });
      if (pending === 0) await tx.bill.update({ where: { id: input.billId }, data: { holdNextClaim: false } });
      await tx.auditEvent.createMany({
        data: [
          {
            at: input.now,
            actor: input.actor,
            action: 'discrepancy-resolved',
            entityType: 'payment',
            entityId: era.id,
            billId: input.billId,
            details: { stands: input.stands, eraPaymentId: era.id, postedPaymentId: relatedPaymentId },
            dedupeKey: `discrepancy-resolved:${era.id}`,
          },
        ],
        skipDuplicates: true,
      });
    });
  }
  return {
    claimId: era.claimId,
    stands: input.stands,
    standingPaymentId: input.stands === 'ERA' ? era.id : relatedPaymentId,
    ...(input.stands === 'ERA'
      ? {
          answer: {
            paymentId: era.id,
            claimStatusCode: era.claimStatusCode,
            paidCents: era.paidCents,
            patientResponsibilityCents: era.patientResponsibilityCents,
          },
        }
      : {}),
  };
}
