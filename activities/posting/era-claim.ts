/**
 * Posting one 835 claim (loop 2100) to one of our claims, through recordPayment: the payment,
 * its claim-level adjustments and its service lines with their adjustments, verbatim. Used by
 * ERA posting and by the manual match of a queued ERA claim.
 */
import type { Claim835 } from '../../x12/835';
import type { Db } from '../../db/prisma';
import type { BillEvent } from '../../workflows/activity-contract';
import type { EraPostedEvent } from '../../workflows/bill/definitions';
import { compareRemittances, describeDifferences, type ComparableAdjudication } from '../../domain/remittance-compare';
import { matchServiceLines } from './line-match';
import { standingAnswer } from './standing';
import { recordPayment, type PaymentLine, type PaymentRecord } from './record-payment';

/** A claim with what posting needs: its bill's lines and the claim numbers of the bill. */
export interface TargetClaim {
  id: string;
  billId: string;
  rank: 'PRIMARY' | 'SECONDARY' | 'TERTIARY';
  patientControlNumber: string;
  bill: {
    serviceLines: { id: string; lineNumber: number; procedureCode: string }[];
    claims: { id: string; patientControlNumber: string }[];
  };
}

export const targetClaimInclude = {
  bill: {
    select: {
      serviceLines: { select: { id: true, lineNumber: true, procedureCode: true }, orderBy: { lineNumber: 'asc' as const } },
      claims: { select: { id: true, patientControlNumber: true } },
    },
  },
};

export async function loadTargetClaim(db: Db, claimId: string): Promise<TargetClaim | null> {
  return db.claim.findUnique({
    where: { id: claimId },
    select: { id: true, billId: true, rank: true, patientControlNumber: true, ...targetClaimInclude },
  });
}

export interface EraClaimSource {
  sourceKey: string;
  remittanceId: string | null;
  /** BPR16 (or the production date): YYYY-MM-DD. */
  adjudicationDate: string;
  postedBy: string;
}

/** True when the payer says it forwarded the claim to the next payer itself. */
export function isCrossover(c: Claim835): boolean {
  return c.forwardedToAnotherPayer || c.crossoverCarrier !== undefined;
}

/** How a posted ERA claim relates to what stood on the claim before it. */
export interface Reconciliation {
  outcome: 'posted' | 'confirmed' | 'discrepancy';
  relatedPaymentId?: string;
  differences?: string;
}

export function eraEvent(billId: string, claimId: string, paymentId: string, c: Claim835, reconciled?: Reconciliation): BillEvent {
  const event: EraPostedEvent = {
    claimId,
    paymentId,
    claimStatusCode: c.status.code,
    paidCents: c.paidCents,
    patientResponsibilityCents: c.patientResponsibilityCents ?? 0,
    crossover: isCrossover(c),
    reversal: c.isReversal,
    ...(reconciled && reconciled.outcome !== 'posted' ? reconciled : {}),
  };
  return { billId, kind: 'era', event };
}

/** Every adjustment of an 835 claim, claim and line level, as compared with what stands. */
export function comparableOf(c: Claim835): ComparableAdjudication {
  return {
    claimStatusCode: c.status.code,
    paidCents: c.paidCents,
    patientResponsibilityCents: c.patientResponsibilityCents ?? 0,
    adjustments: [...c.adjustments, ...c.serviceLines.flatMap((l) => l.adjustments)],
  };
}

function reconciliationOf(p: { standing: string; relatedPaymentId: string | null }, differences?: string): Reconciliation {
  if (p.standing === 'CONFIRMING' && p.relatedPaymentId) return { outcome: 'confirmed', relatedPaymentId: p.relatedPaymentId };
  if (p.standing === 'PENDING_REVIEW' && p.relatedPaymentId) {
    return { outcome: 'discrepancy', relatedPaymentId: p.relatedPaymentId, ...(differences ? { differences } : {}) };
  }
  return { outcome: 'posted' };
}

/**
 * The payment a reversal (CLP02 22) takes back: a payment not itself a reversal and not reversed
 * yet, with the same payer claim control number (CLP07), on the same claim first, else on another
 * claim of the same bill (a crossover payer answers under the primary's claim number); without a
 * CLP07, the latest payment of the claim that paid exactly the reversed amount.
 */
async function findReversedPayment(
  db: Db,
  target: TargetClaim,
  c: Claim835,
  sourceKey: string,
): Promise<{ id: string; claimId: string } | null> {
  const open = { claimStatusCode: { not: '22' }, standing: 'STANDING' as const, reversedBy: { is: null }, sourceKey: { not: sourceKey } };
  const select = { id: true, claimId: true };
  if (c.payerClaimControlNumber) {
    const pccn = c.payerClaimControlNumber;
    return (
      (await db.payment.findFirst({
        where: { ...open, claimId: target.id, payerClaimControlNumber: pccn },
        orderBy: { postedAt: 'desc' },
        select,
      })) ??
      (await db.payment.findFirst({
        where: { ...open, claim: { billId: target.billId }, payerClaimControlNumber: pccn },
        orderBy: { postedAt: 'desc' },
        select,
      }))
    );
  }
  return db.payment.findFirst({ where: { ...open, claimId: target.id, paidCents: -c.paidCents }, orderBy: { postedAt: 'desc' }, select });
}

export interface PostedEraClaim {
  paymentId: string;
  claimId: string;
  created: boolean;
  /** The file whose remittance first posted it (a duplicate from another file tells nobody). */
  fileId: string | null;
  reconciled: Reconciliation;
  /** For a reversal: the payment it undoes, when found. */
  reversesPaymentId: string | null;
  event: BillEvent;
}

/** What a posted payment is told from (see postedOf). */
export const postedSelect = {
  id: true,
  sourceKey: true,
  claimId: true,
  reversesPaymentId: true,
  standing: true,
  relatedPaymentId: true,
  claim: { select: { billId: true } },
  remittance: { select: { fileId: true } },
} as const;

export interface PostedRow {
  id: string;
  claimId: string;
  reversesPaymentId: string | null;
  standing: string;
  relatedPaymentId: string | null;
  claim: { billId: string };
  remittance: { fileId: string | null } | null;
}

/** A payment posted already, told the same way as when it was posted. */
export function postedOf(existing: PostedRow, c: Claim835): PostedEraClaim {
  const reconciled = reconciliationOf(existing);
  return {
    paymentId: existing.id,
    claimId: existing.claimId,
    created: false,
    fileId: existing.remittance?.fileId ?? null,
    reconciled,
    reversesPaymentId: existing.reversesPaymentId,
    event: eraEvent(existing.claim.billId, existing.claimId, existing.id, c, reconciled),
  };
}

/** The payment already posted under `sourceKey`, told the same way as when it was posted. */
export async function existingEraPosting(db: Db, sourceKey: string, c: Claim835): Promise<PostedEraClaim | null> {
  const existing = await db.payment.findUnique({ where: { sourceKey }, select: postedSelect });
  return existing ? postedOf(existing, c) : null;
}

/** The 835 claim's service lines as payment lines, matched to the bill's lines where they can be. */
export function paymentLinesOf(target: TargetClaim, c: Claim835): PaymentLine[] {
  const numbers = new Set(target.bill.claims.map((k) => k.patientControlNumber));
  const lineIds = matchServiceLines(c.serviceLines, target.bill.serviceLines, numbers);
  return c.serviceLines.map((l, i) => ({
    serviceLineId: lineIds[i] ?? null,
    procedureCode: l.procedure?.code ?? l.procedureAsSent,
    modifiers: l.procedure?.modifiers ?? [],
    chargeCents: l.chargeCents,
    paidCents: l.paidCents,
    units: Number.isInteger(l.units) ? l.units : Math.round(l.units),
    adjustments: l.adjustments,
  }));
}

/** What an 835 claim posted as it stands (no reversal, no answer standing before it) records. */
export function eraPaymentRecord(claimId: string, c: Claim835, source: EraClaimSource, lines: PaymentLine[]): PaymentRecord {
  return {
    claimId,
    sourceKey: source.sourceKey,
    source: 'ERA',
    remittanceId: source.remittanceId,
    claimStatusCode: c.status.code,
    chargeCents: c.chargeCents,
    paidCents: c.paidCents,
    patientResponsibilityCents: c.patientResponsibilityCents ?? 0,
    adjudicationDate: source.adjudicationDate,
    payerClaimControlNumber: c.payerClaimControlNumber ?? null,
    reversesPaymentId: null,
    standing: 'STANDING',
    relatedPaymentId: null,
    postedBy: source.postedBy,
    adjustments: c.adjustments,
    lines,
  };
}

/** Posts one 835 claim to `target` (a reversal goes to the claim of the payment it reverses). Idempotent by sourceKey. */
export async function postEraClaim(db: Db, target: TargetClaim, c: Claim835, source: EraClaimSource): Promise<PostedEraClaim> {
  const existing = await existingEraPosting(db, source.sourceKey, c);
  if (existing) return existing;
  let claimId = target.id;
  let reversesPaymentId: string | null = null;
  let reconciled: Reconciliation = { outcome: 'posted' };
  if (c.isReversal) {
    const reversed = await findReversedPayment(db, target, c, source.sourceKey);
    if (reversed) {
      reversesPaymentId = reversed.id;
      claimId = reversed.claimId;
    }
  } else {
    // The claim has an answer standing already (a paper EOB keyed by staff, or the same claim
    // in another ERA): this one confirms it or disputes it; it never counts beside it.
    const standing = await standingAnswer(db, target.id);
    if (standing) {
      const differences = compareRemittances(standing, comparableOf(c));
      reconciled =
        differences.length === 0
          ? { outcome: 'confirmed', relatedPaymentId: standing.id }
          : { outcome: 'discrepancy', relatedPaymentId: standing.id, differences: describeDifferences(differences) };
    }
  }
  const { paymentId, created } = await recordPayment(db, {
    ...eraPaymentRecord(claimId, c, source, paymentLinesOf(target, c)),
    reversesPaymentId,
    standing: reconciled.outcome === 'confirmed' ? 'CONFIRMING' : reconciled.outcome === 'discrepancy' ? 'PENDING_REVIEW' : 'STANDING',
    relatedPaymentId: reconciled.relatedPaymentId ?? null,
  });
  const posted = await db.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      claimId: true,
      reversesPaymentId: true,
      standing: true,
      relatedPaymentId: true,
      claim: { select: { billId: true } },
      remittance: { select: { fileId: true } },
    },
  });
  // Another poster may have won the race: tell what was recorded, not what this one meant to record.
  const told = created ? reconciled : reconciliationOf(posted, reconciled.differences);
  return {
    paymentId,
    claimId: posted.claimId,
    created,
    fileId: posted.remittance?.fileId ?? null,
    reconciled: told,
    reversesPaymentId: posted.reversesPaymentId,
    event: eraEvent(posted.claim.billId, posted.claimId, paymentId, c, told),
  };
}

/** What a person needs to match a queued ERA claim, and what posting it later needs. */
export interface QueuedEraClaim {
  /** Why it was queued. */
  reason: string;
  adjudicationDate: string;
  remittance: { payerName: string; payerIdentifier: string; traceNumber: string; paymentMethod: string; paymentDate?: string };
  /** The typed 835 claim as read: amounts, codes, payer claim number, dates, lines, patient (PHI: database only). */
  claim: Claim835;
}
