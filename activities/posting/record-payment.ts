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

/** The payment's own row (its lines and adjustments are {@link detailRows}). */
function paymentRow(p: PaymentRecord): Omit<Prisma.PaymentCreateManyInput, 'id'> {
  return {
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
  };
}

/** A payment's line payments, and its adjustments: the claim's (no line) and each line's, verbatim. */
function detailRows(
  paymentId: string,
  p: PaymentRecord,
): { lines: Prisma.LinePaymentCreateManyInput[]; adjustments: Prisma.PaymentAdjustmentCreateManyInput[] } {
  const adjustment = (a: Adjustment, line?: { serviceLineId: string | null; lineIndex: number }) => ({
    paymentId,
    ...(line ?? {}),
    groupCode: a.group,
    reasonCode: a.reason,
    amountCents: a.amountCents,
    quantity: a.quantity ?? null,
  });
  const adjustments = p.adjustments.map((a) => adjustment(a));
  const lines: Prisma.LinePaymentCreateManyInput[] = [];
  for (const [lineIndex, line] of p.lines.entries()) {
    lines.push({
      paymentId,
      serviceLineId: line.serviceLineId,
      lineIndex,
      procedureCode: line.procedureCode,
      modifiers: line.modifiers,
      chargeCents: line.chargeCents,
      paidCents: line.paidCents,
      units: line.units,
    });
    for (const a of line.adjustments) adjustments.push(adjustment(a, { serviceLineId: line.serviceLineId, lineIndex }));
  }
  return { lines, adjustments };
}

export async function recordPayment(db: Db, p: PaymentRecord): Promise<{ paymentId: string; created: boolean }> {
  const existing = await db.payment.findUnique({ where: { sourceKey: p.sourceKey }, select: { id: true } });
  if (existing) return { paymentId: existing.id, created: false };
  try {
    const payment = await db.$transaction(async (tx) => {
      const created = await tx.payment.create({ data: paymentRow(p) });
      const { lines, adjustments } = detailRows(created.id, p);
      if (lines.length > 0) await tx.linePayment.createMany({ data: lines });
      if (adjustments.length > 0) await tx.paymentAdjustment.createMany({ data: adjustments });
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

/**
 * Records many new payments that stand (no reversal, nothing standing before them) in one
 * transaction: payments, line payments and adjustments each with one `createMany`, and each
 * claim's payer claim number in one statement. The caller chose the ids (UUIDs). All or
 * nothing: a payment whose `sourceKey` is taken already (another poster won a race) fails the
 * whole set with P2002 and writes nothing, so the caller can post them one by one instead.
 */
export async function recordStandingPayments(db: Db, records: (PaymentRecord & { id: string })[]): Promise<void> {
  if (records.length === 0) return;
  if (records.some((p) => (p.standing ?? 'STANDING') !== 'STANDING' || p.reversesPaymentId))
    throw new Error('recordStandingPayments records standing payments only');
  const lines: Prisma.LinePaymentCreateManyInput[] = [];
  const adjustments: Prisma.PaymentAdjustmentCreateManyInput[] = [];
  for (const p of records) {
    const rows = detailRows(p.id, p);
    lines.push(...rows.lines);
    adjustments.push(...rows.adjustments);
  }
  // The payer's claim number: from the answer that stands (the last one of a claim wins, as one by one).
  const numbers = new Map<string, string>();
  for (const p of records) if (p.payerClaimControlNumber) numbers.set(p.claimId, p.payerClaimControlNumber);
  await db.$transaction(async (tx) => {
    await tx.payment.createMany({ data: records.map((p) => ({ id: p.id, ...paymentRow(p) })) });
    if (lines.length > 0) await tx.linePayment.createMany({ data: lines });
    if (adjustments.length > 0) await tx.paymentAdjustment.createMany({ data: adjustments });
    if (numbers.size > 0) {
      const ids = [...numbers.keys()];
      const values = ids.map((id) => numbers.get(id)!);
      await tx.$executeRaw`UPDATE "Claim" AS c SET "payerClaimControlNumber" = v.pccn
        FROM unnest(${ids}::uuid[], ${values}::text[]) AS v(id, pccn) WHERE c.id = v.id`;
    }
  });
}
