/**
 * A person matching a queued ERA claim (one that matched no claim by itself) to a claim, as an
 * action of the claim's bill: first checked (checkEraMatch: patient, member id, charge, payer,
 * dates of service), then posted as the ERA said it, reconciled with any payment standing
 * (postMatchedEra), the queue row marked MATCHED with who, when and any override. A wrong match
 * is undone (undoEraMatch): its payment reversed by an entry, the claim's payer claim number
 * restored, the row open again. Each is idempotent.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/prisma';
import { fromDbDate } from '../../db/dates';
import { eraMatchProblems, type EraClaimFacts } from '../../domain/era-match';
import type { FieldProblem } from '../../domain/problems';
import { RefusalType, type EraPostedEvent } from '../../workflows/bill/definitions';
import type { Claim835, Party } from '../../x12/835';
import { existingEraPosting, loadTargetClaim, postEraClaim, type QueuedEraClaim } from './era-claim';
import type { EraQueueState, StaffReversal } from '../../workflows/activity-contract';
import { reverseStaffPayment } from './staff-reversal';

const refuse = (type: string, message: string): ApplicationFailure => ApplicationFailure.create({ type, message, nonRetryable: true });

function memberIdsOf(c: Claim835): string[] {
  const parties: (Party | undefined)[] = [c.patient, c.insured, c.correctedInsured];
  return parties.flatMap((p) => (p?.id && p.id.qualifier === 'MI' ? [p.id.value] : []));
}

function eraFacts(data: QueuedEraClaim): EraClaimFacts {
  const c = data.claim;
  const person = c.patient ?? c.insured;
  const dates = [
    ...c.serviceLines.flatMap((l) => [l.serviceDate, l.servicePeriodStart, l.servicePeriodEnd]),
    c.statementFrom,
    c.statementTo,
  ].filter((d): d is string => typeof d === 'string');
  return {
    ...(person?.lastOrOrganizationName ? { patientLastName: person.lastOrOrganizationName } : {}),
    ...(person?.firstName ? { patientFirstName: person.firstName } : {}),
    memberIds: memberIdsOf(c),
    chargeCents: c.chargeCents,
    payerIds: [data.remittance.payerIdentifier].filter(Boolean),
    payerName: data.remittance.payerName,
    datesOfService: [...new Set(dates)],
  };
}

/** What does not fit between the queued ERA claim and the claim (no patient data in the words), and where the queue row stands. */
export async function checkEraMatch(
  db: Db,
  input: { unmatchedId: string; claimId: string; billId: string },
): Promise<{ state: EraQueueState; problems: FieldProblem[] }> {
  const row = await db.unmatchedEraClaim.findUnique({ where: { id: input.unmatchedId } });
  if (!row) return { state: 'UNKNOWN', problems: [{ path: ['unmatchedId'], message: 'no such ERA claim in the unmatched queue' }] };
  const state: EraQueueState =
    row.status === 'DISMISSED'
      ? 'DISMISSED'
      : row.status === 'MATCHED'
        ? row.matchedClaimId === input.claimId
          ? 'MATCHED_HERE'
          : 'MATCHED_ELSEWHERE'
        : 'OPEN';
  const claim = await db.claim.findUnique({
    where: { id: input.claimId },
    include: {
      payer: true,
      policy: true,
      bill: { include: { client: true, serviceLines: { select: { dateOfService: true } } } },
    },
  });
  if (!claim || claim.billId !== input.billId)
    return { state, problems: [{ path: ['claimId'], message: 'the claim is not a claim of this bill' }] };
  const problems = eraMatchProblems(eraFacts(row.claimData as unknown as QueuedEraClaim), {
    clientLastName: claim.bill.client.lastName,
    clientFirstName: claim.bill.client.firstName,
    memberId: claim.policy.memberId,
    chargeCents: claim.totalChargeCents,
    payerCode: claim.payer.payerCode,
    payerName: claim.payer.name,
    datesOfService: claim.bill.serviceLines.map((l) => fromDbDate(l.dateOfService)),
  });
  return { state, problems };
}

/** Posts a queued ERA claim to the claim, once; answers what the bill must hear. */
export async function postMatchedEra(
  db: Db,
  input: { unmatchedId: string; claimId: string; billId: string; actor: string; override?: string; now: Date },
): Promise<{ event: EraPostedEvent }> {
  const row = await db.unmatchedEraClaim.findUnique({ where: { id: input.unmatchedId } });
  if (!row) throw refuse(RefusalType.invalidInput, `unmatched ERA claim ${input.unmatchedId} does not exist`);
  const data = row.claimData as unknown as QueuedEraClaim;
  if (row.status === 'DISMISSED') throw refuse(RefusalType.wrongState, `unmatched ERA claim ${row.id} was dismissed`);
  if (row.status === 'MATCHED' && row.matchedClaimId !== input.claimId) {
    throw refuse(RefusalType.wrongState, `unmatched ERA claim ${row.id} is matched to another claim already`);
  }
  const target = await loadTargetClaim(db, input.claimId);
  if (!target || target.billId !== input.billId)
    throw refuse(RefusalType.invalidInput, `claim ${input.claimId} is not a claim of this bill`);

  // Take the row for this match (a retry finds it taken by the same match), keeping the claim's payer claim number to restore on undo.
  if (row.status === 'OPEN' && row.matchedClaimId === null) {
    const before = await db.claim.findUniqueOrThrow({ where: { id: input.claimId }, select: { payerClaimControlNumber: true } });
    const postedBefore = await db.payment.count({ where: { sourceKey: { startsWith: row.sourceKey } } });
    const taken = await db.unmatchedEraClaim.updateMany({
      where: { id: row.id, status: 'OPEN', matchedClaimId: null },
      data: {
        matchedClaimId: input.claimId,
        priorPayerClaimControlNumber: before.payerClaimControlNumber,
        matchSourceKey: postedBefore === 0 ? row.sourceKey : `${row.sourceKey}#match-${postedBefore + 1}`,
      },
    });
    if (taken.count === 0) throw refuse(RefusalType.wrongState, `unmatched ERA claim ${row.id} is being matched by someone else`);
  }
  const current = await db.unmatchedEraClaim.findUniqueOrThrow({ where: { id: row.id } });
  if (current.matchedClaimId !== input.claimId || !current.matchSourceKey) {
    throw refuse(RefusalType.wrongState, `unmatched ERA claim ${row.id} is being matched to another claim`);
  }
  const sourceKey = current.matchSourceKey;
  const posted =
    (await existingEraPosting(db, sourceKey, data.claim)) ??
    (await postEraClaim(db, target, data.claim, {
      sourceKey,
      remittanceId: row.remittanceId,
      adjudicationDate: data.adjudicationDate,
      postedBy: input.actor,
    }));
  // A reversal goes to the claim of the payment it undoes, which must be on this bill.
  if (posted.event.billId !== input.billId) {
    throw refuse(RefusalType.wrongState, `unmatched ERA claim ${row.id} takes back a payment of another bill`);
  }
  const updated = await db.unmatchedEraClaim.updateMany({
    where: { id: row.id, status: 'OPEN', matchedClaimId: input.claimId },
    data: {
      status: 'MATCHED',
      matchedPaymentId: posted.paymentId,
      resolvedBy: input.actor,
      resolvedAt: input.now,
      overrideReason: input.override ?? null,
    },
  });
  if (updated.count === 1) {
    await db.auditEvent.createMany({
      data: [
        {
          at: input.now,
          actor: input.actor,
          action: 'era-claim-matched',
          entityType: 'unmatched-era-claim',
          entityId: row.id,
          billId: input.billId,
          details: {
            claimId: posted.claimId,
            paymentId: posted.paymentId,
            claimStatusCode: row.claimStatusCode,
            paidCents: row.paidCents,
            outcome: posted.reconciled.outcome,
            override: input.override ?? null,
          },
          dedupeKey: `era-claim-matched:${row.id}:${sourceKey}`,
        },
      ],
      skipDuplicates: true,
    });
  }
  if (posted.event.kind !== 'era') throw new Error('a posted ERA claim is told as an ERA');
  return { event: posted.event.event };
}

async function setAsideCopy(db: Db, input: { paymentId: string; claimId: string; billId: string }): Promise<StaffReversal> {
  await db.$transaction(async (tx) => {
    await tx.payment.update({ where: { id: input.paymentId }, data: { standing: 'SET_ASIDE' } });
    const pending = await tx.payment.count({ where: { claim: { billId: input.billId }, standing: 'PENDING_REVIEW' } });
    if (pending === 0) await tx.bill.update({ where: { id: input.billId }, data: { holdNextClaim: false } });
  });
  return { claimId: input.claimId, reversedPaymentId: input.paymentId, reversalPaymentId: null };
}

/** Undoes a match by hand: its payment reversed, the claim's payer claim number restored, the ERA claim back in the queue. */
export async function undoEraMatch(
  db: Db,
  input: { unmatchedId: string; billId: string; actor: string; reason: string; now: Date },
): Promise<StaffReversal> {
  const row = await db.unmatchedEraClaim.findUnique({ where: { id: input.unmatchedId } });
  if (!row) throw refuse(RefusalType.invalidInput, `unmatched ERA claim ${input.unmatchedId} does not exist`);
  const undoKey = `undo:${row.id}:${row.matchSourceKey ?? row.sourceKey}`;
  const done = await db.payment.findUnique({ where: { sourceKey: undoKey }, select: { id: true, claimId: true, reversesPaymentId: true } });
  if (done?.reversesPaymentId && row.status !== 'MATCHED') {
    return { claimId: done.claimId, reversedPaymentId: done.reversesPaymentId, reversalPaymentId: done.id };
  }
  if (row.status !== 'MATCHED' || !row.matchedPaymentId || !row.matchedClaimId)
    throw refuse(RefusalType.wrongState, `unmatched ERA claim ${row.id} is not matched`);
  const matchedPaymentId = row.matchedPaymentId;
  const matchedClaimId = row.matchedClaimId;
  const matched = await db.payment.findUniqueOrThrow({ where: { id: matchedPaymentId }, select: { standing: true } });
  // A match that only confirmed (or disputed) the payment standing never counted: it is set aside, not reversed.
  const reversal: StaffReversal =
    matched.standing === 'CONFIRMING' || matched.standing === 'PENDING_REVIEW'
      ? await setAsideCopy(db, { paymentId: matchedPaymentId, claimId: matchedClaimId, billId: input.billId })
      : await reverseStaffPayment(db, {
          paymentId: matchedPaymentId,
          billId: input.billId,
          actor: input.actor,
          reason: input.reason,
          sourceKey: undoKey,
        });
  await db.$transaction(async (tx) => {
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: matchedPaymentId }, select: { payerClaimControlNumber: true } });
    // The claim's payer claim number goes back to what it was, unless something since set another one.
    if (payment.payerClaimControlNumber && !reversal.promoted) {
      await tx.claim.updateMany({
        where: { id: matchedClaimId, payerClaimControlNumber: payment.payerClaimControlNumber },
        data: { payerClaimControlNumber: row.priorPayerClaimControlNumber },
      });
    }
    await tx.unmatchedEraClaim.update({
      where: { id: row.id },
      data: {
        status: 'OPEN',
        matchedClaimId: null,
        matchedPaymentId: null,
        matchSourceKey: null,
        overrideReason: null,
        resolvedBy: null,
        resolvedAt: null,
      },
    });
    await tx.auditEvent.createMany({
      data: [
        {
          at: input.now,
          actor: input.actor,
          action: 'era-match-undone',
          entityType: 'unmatched-era-claim',
          entityId: row.id,
          billId: input.billId,
          details: {
            claimId: matchedClaimId,
            paymentId: matchedPaymentId,
            reversalPaymentId: reversal.reversalPaymentId,
            reason: input.reason,
          },
          dedupeKey: `era-match-undone:${undoKey}`,
        },
      ],
      skipDuplicates: true,
    });
  });
  return reversal;
}
