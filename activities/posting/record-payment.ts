/**
 * Records one payer's payment on one claim, with its adjustments kept verbatim, once:
 * the payment's `sourceKey` is unique, so the same ERA claim or the same EOB posted
 * again finds the payment already there and changes nothing.
 */
import type { Adjustment } from '../../x12/common/adjustment';
import { Prisma, type Db } from '../../db/prisma';
import { toDbDate } from '../../db/dates';

export interface PaymentLine {
  /** The bill's service line this adjudicates, when it could be matched. */
  serviceLineId: string | null;
  procedureCode: string;
  modifiers: string[];
  chargeCents: number;
  paidCents: number;
  units: number;
  adjustments: Adjustment[];
}

export interface PaymentRecord {
  claimId: string;
  sourceKey: string;
  source: 'ERA' | 'EOB' | 'REVERSAL';
  remittanceId?: string | null;
  claimStatusCode: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  adjudicationDate: string;
  payerClaimControlNumber?: string | null;
  reversesPaymentId?: string | null;
  /** Whether it counts (default STANDING); CONFIRMING and PENDING_REVIEW name the payment they concern. */
  standing?: 'STANDING' | 'CONFIRMING' | 'PENDING_REVIEW';
  relatedPaymentId?: string | null;
  reversalReason?: string | null;
  postedBy: string;
  adjustments: Adjustment[];
  lines: PaymentLine[];
}

export async function recordPayment(db: Db, p: PaymentRecord): Promise<{ paymentId: string; created: boolean }> {
  const existing = await db.payment.findUnique({ where: { sourceKey: p.sourceKey }, select: { id: true } });
  if (existing) return { paymentId: existing.id, created: false };
  try {
    const payment = await db.$transaction(async (tx) => {
      const created = await tx.payment.create({
        data: {
          claimId: p.claimId,
          remittanceId: p.remittanceId ?? null,
          source: p.source,
          sourceKey: p.sourceKey,
          claimStatusCode: p.claimStatusCode,
          chargeCents: p.chargeCents,
          paidCents: p.paidCents,
          patientResponsibilityCents: p.patientResponsibilityCents,
          adjudicationDate: toDbDate(p.adjudicationDate),
          payerClaimControlNumber: p.payerClaimControlNumber ?? null,
          reversesPaymentId: p.reversesPaymentId ?? null,
          standing: p.standing ?? 'STANDING',
          relatedPaymentId: p.relatedPaymentId ?? null,
          reversalReason: p.reversalReason ?? null,
          postedBy: p.postedBy,
          adjustments: {
            create: p.adjustments.map((a) => ({
              groupCode: a.group,
              reasonCode: a.reason,
              amountCents: a.amountCents,
              quantity: a.quantity ?? null,
            })),
          },
        },
      });
      for (const [lineIndex, line] of p.lines.entries()) {
        await tx.linePayment.create({
          data: {
            paymentId: created.id,
            serviceLineId: line.serviceLineId,
            lineIndex,
            procedureCode: line.procedureCode,
            modifiers: line.modifiers,
            chargeCents: line.chargeCents,
            paidCents: line.paidCents,
            units: line.units,
          },
        });
        if (line.adjustments.length > 0) {
          await tx.paymentAdjustment.createMany({
            data: line.adjustments.map((a) => ({
              paymentId: created.id,
              serviceLineId: line.serviceLineId,
              lineIndex,
              groupCode: a.group,
              reasonCode: a.reason,
              amountCents: a.amountCents,
              quantity: a.quantity ?? null,
            })),
          });
        }
      }
      // The payer's claim number: from the answer that stands; a confirming copy only fills a gap.
      if (p.payerClaimControlNumber && (p.standing ?? 'STANDING') === 'STANDING') {
        await tx.claim.update({ where: { id: p.claimId }, data: { payerClaimControlNumber: p.payerClaimControlNumber } });
      } else if (p.payerClaimControlNumber && p.standing === 'CONFIRMING') {
        await tx.claim.updateMany({
          where: { id: p.claimId, payerClaimControlNumber: null },
          data: { payerClaimControlNumber: p.payerClaimControlNumber },
        });
      }
      if (p.standing === 'PENDING_REVIEW') {
        const claim = await tx.claim.findUniqueOrThrow({ where: { id: p.claimId }, select: { billId: true } });
        await tx.bill.update({ where: { id: claim.billId }, data: { holdNextClaim: true } });
      }
      return created;
    });
    return { paymentId: payment.id, created: true };
  } catch (err) {
    // Two posters raced on the same source: the other one won, which is the same payment.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      const winner = await db.payment.findUniqueOrThrow({ where: { sourceKey: p.sourceKey }, select: { id: true } });
      return { paymentId: winner.id, created: false };
    }
    throw err;
  }
}
