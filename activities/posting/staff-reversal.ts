/**
 * Staff taking back a payment posted by mistake (a wrong match by hand, a wrongly keyed EOB):
 * a reversal entry with the payment's amounts and adjustments negated, pointing at it. Nothing
 * is deleted. An electronic copy that had confirmed (or disputed) the reversed payment is what
 * the payer says, so it becomes the answer that stands. Idempotent by the reversal's key.
 */
import { ApplicationFailure } from '@temporalio/common';
import { fromDbDate } from '../../db/dates';
import type { Db } from '../../db/prisma';
import type { Adjustment, AdjustmentGroup } from '../../x12/common/adjustment';
import type { StaffReversal } from '../../workflows/activity-contract';
import { RefusalType } from '../../workflows/bill/definitions';
import { recordPayment } from './record-payment';

const negate = (a: { groupCode: string; reasonCode: string; amountCents: number; quantity: number | null }): Adjustment => ({
  group: a.groupCode as AdjustmentGroup,
  reason: a.reasonCode,
  amountCents: -a.amountCents,
  ...(a.quantity !== null ? { quantity: -a.quantity } : {}),
});

export async function reverseStaffPayment(
  db: Db,
  input: { paymentId: string; billId: string; actor: string; reason: string; sourceKey: string },
): Promise<StaffReversal> {
  const payment = await db.payment.findUnique({
    where: { id: input.paymentId },
    include: { claim: { select: { billId: true } }, adjustments: true, linePayments: { orderBy: { lineIndex: 'asc' } }, reversedBy: true },
  });
  if (!payment || payment.claim.billId !== input.billId) {
    throw ApplicationFailure.create({
      type: RefusalType.invalidInput,
      message: `payment ${input.paymentId} is not a payment of this bill`,
      nonRetryable: true,
    });
  }
  const earlier = await db.payment.findUnique({ where: { sourceKey: input.sourceKey }, select: { id: true } });
  if (!earlier) {
    if (payment.reversesPaymentId !== null || payment.source === 'REVERSAL') {
      throw ApplicationFailure.create({
        type: RefusalType.wrongState,
        message: `payment ${payment.id} is itself a reversal`,
        nonRetryable: true,
      });
    }
    if (payment.reversedBy)
      throw ApplicationFailure.create({
        type: RefusalType.wrongState,
        message: `payment ${payment.id} is reversed already`,
        nonRetryable: true,
      });
    if (payment.standing !== 'STANDING') {
      throw ApplicationFailure.create({
        type: RefusalType.wrongState,
        message: `payment ${payment.id} does not count (${payment.standing}): there is nothing to take back`,
        nonRetryable: true,
      });
    }
  }
  const { paymentId: reversalPaymentId } = await recordPayment(db, {
    claimId: payment.claimId,
    sourceKey: input.sourceKey,
    source: 'REVERSAL',
    remittanceId: payment.remittanceId,
    claimStatusCode: '22',
    chargeCents: -payment.chargeCents,
    paidCents: -payment.paidCents,
    patientResponsibilityCents: -payment.patientResponsibilityCents,
    adjudicationDate: fromDbDate(payment.adjudicationDate),
    reversesPaymentId: payment.id,
    reversalReason: input.reason,
    postedBy: input.actor,
    adjustments: payment.adjustments.filter((a) => a.lineIndex === null).map(negate),
    lines: payment.linePayments.map((l) => ({
      serviceLineId: l.serviceLineId,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      chargeCents: -l.chargeCents,
      paidCents: -l.paidCents,
      units: l.units,
      adjustments: payment.adjustments.filter((a) => a.lineIndex === l.lineIndex).map(negate),
    })),
  });
  // What the payer said electronically about the same claim now stands in its place.
  const copy = await db.payment.findFirst({
    where: { relatedPaymentId: payment.id, standing: { in: ['CONFIRMING', 'PENDING_REVIEW'] }, reversedBy: { is: null } },
    orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      standing: true,
      claimStatusCode: true,
      paidCents: true,
      patientResponsibilityCents: true,
      payerClaimControlNumber: true,
    },
  });
  let promoted: StaffReversal['promoted'];
  if (copy) {
    await db.$transaction(async (tx) => {
      await tx.payment.update({ where: { id: copy.id }, data: { standing: 'STANDING' } });
      if (copy.payerClaimControlNumber) {
        await tx.claim.update({ where: { id: payment.claimId }, data: { payerClaimControlNumber: copy.payerClaimControlNumber } });
      }
      const pending = await tx.payment.count({ where: { claim: { billId: input.billId }, standing: 'PENDING_REVIEW' } });
      if (pending === 0) await tx.bill.update({ where: { id: input.billId }, data: { holdNextClaim: false } });
    });
    promoted = {
      paymentId: copy.id,
      claimStatusCode: copy.claimStatusCode,
      paidCents: copy.paidCents,
      patientResponsibilityCents: copy.patientResponsibilityCents,
    };
  }
  await db.auditEvent.createMany({
    data: [
      {
        actor: input.actor,
        action: 'payment-reversed',
        entityType: 'payment',
        entityId: payment.id,
        billId: input.billId,
        details: { reversalPaymentId, reason: input.reason, paidCents: payment.paidCents, promotedPaymentId: promoted?.paymentId ?? null },
        dedupeKey: `payment-reversed:${input.sourceKey}`,
      },
    ],
    skipDuplicates: true,
  });
  return { claimId: payment.claimId, reversedPaymentId: payment.id, reversalPaymentId, ...(promoted ? { promoted } : {}) };
}
