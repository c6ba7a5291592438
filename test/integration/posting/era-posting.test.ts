import { postMatchedEra, undoEraMatch } from '../../../activities/posting/manual-match';
import type { ClearinghouseActivities } from '../../../workflows/activity-contract';
import { databaseLabel, useTestDatabase } from '../../support/database';
import { seedBillWithClaim } from '../../support/posting-fixtures';
import { activitiesFor, expectNoPhi, processFixture } from './helpers';

const testDb = useTestDatabase();
let acts: ClearinghouseActivities;
let bill: Awaited<ReturnType<typeof seedBillWithClaim>>;
let firstPaymentId: string;

beforeAll(async () => {
  acts = activitiesFor(testDb.db).acts;
  bill = await seedBillWithClaim(testDb.db, 'PSTA0001');
});

describe(`ERA posting (${databaseLabel()})`, () => {
  it('posts a claim once with its lines matched by REF*6R and its adjustments verbatim, and queues the claim it cannot match', async () => {
    const { fileId, events } = await processFixture(testDb.db, acts, 'era-primary.835');
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({
      billId: bill.billId,
      kind: 'era',
      event: {
        claimId: bill.claimId,
        claimStatusCode: '1',
        paidCents: 12000,
        patientResponsibilityCents: 3000,
        crossover: false,
        reversal: false,
      },
    });
    expectNoPhi(events);
    if (e.kind !== 'era') throw new Error('era event expected');
    firstPaymentId = e.event.paymentId;

    const payment = await testDb.db.payment.findUniqueOrThrow({
      where: { id: firstPaymentId },
      include: {
        linePayments: { include: { serviceLine: true } },
        adjustments: { orderBy: [{ lineIndex: 'asc' }, { groupCode: 'asc' }] },
        remittance: true,
      },
    });
    expect(payment.sourceKey).toBe('era:ACME01:CHK1001:PSTA0001:ICN-A1:1');
    expect(payment).toMatchObject({
      source: 'ERA',
      chargeCents: 20000,
      paidCents: 12000,
      patientResponsibilityCents: 3000,
      payerClaimControlNumber: 'ICN-A1',
    });
    expect(payment.adjudicationDate.toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(payment.remittance).toMatchObject({
      kind: 'ERA',
      fileId,
      traceNumber: 'CHK1001',
      payerIdentifier: 'ACME01',
      paymentMethod: 'CHK',
      totalPaidCents: 20000,
    });
    expect(payment.linePayments.map((l) => [l.serviceLine?.lineNumber, l.procedureCode, l.chargeCents, l.paidCents]).sort()).toEqual([
      [1, '90837', 15000, 9000],
      [2, '90785', 5000, 3000],
    ]);
    expect(payment.adjustments.map((a) => [a.lineIndex, a.groupCode, a.reasonCode, a.amountCents])).toEqual([
      [0, 'CO', '45', 3500],
      [0, 'PR', '2', 2500],
      [1, 'CO', '45', 1500],
      [1, 'PR', '2', 500],
    ]);
    expect((await testDb.db.claim.findUniqueOrThrow({ where: { id: bill.claimId } })).payerClaimControlNumber).toBe('ICN-A1');
    expect(
      await testDb.db.clearinghouseFileClaim.findUnique({ where: { fileId_claimId: { fileId, claimId: bill.claimId } } }),
    ).toMatchObject({ outcome: 'paid' });

    const queued = await testDb.db.unmatchedEraClaim.findMany();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      patientControlNumber: 'UNKNOWN77',
      payerClaimControlNumber: 'ICN-U77',
      claimStatusCode: '1',
      chargeCents: 10000,
      paidCents: 8000,
      status: 'OPEN',
    });
    const data = queued[0]!.claimData as {
      reason: string;
      claim: { patient?: { lastOrOrganizationName?: string } };
      remittance: { traceNumber: string };
    };
    expect(data.reason).toMatch(/no claim/);
    expect(data.remittance.traceNumber).toBe('CHK1001');
    expect(data.claim.patient?.lastOrOrganizationName).toBe('NOBODY'); // kept in the database for the person matching it
  });

  it('the same ERA file again posts nothing and returns the same events', async () => {
    const before = await testDb.db.payment.count();
    const again = await processFixture(testDb.db, acts, 'era-primary.835');
    expect(again.events).toHaveLength(1);
    expect(again.events[0]).toMatchObject({ kind: 'era', event: { paymentId: firstPaymentId } });
    expect(await testDb.db.payment.count()).toBe(before);
    expect(await testDb.db.unmatchedEraClaim.count()).toBe(1);
    expect(await testDb.db.remittance.count()).toBe(1);
  });

  it('the same claim in another file posts nothing twice, tells no bill and flags nothing: a duplicate', async () => {
    const before = await testDb.db.payment.count();
    const { fileId, events } = await processFixture(testDb.db, acts, 'era-primary-resent.835');
    expect(events).toEqual([]);
    expect(await testDb.db.payment.count()).toBe(before);
    expect(await testDb.db.remittance.count({ where: { fileId } })).toBe(1);
    const outcome = await testDb.db.clearinghouseFileClaim.findUniqueOrThrow({
      where: { fileId_claimId: { fileId, claimId: bill.claimId } },
    });
    expect(outcome.outcome).toMatch(/duplicate/);
  });

  it('an unknown claim can be matched by hand, once', async () => {
    const other = await seedBillWithClaim(testDb.db, 'PSTB0001');
    const row = await testDb.db.unmatchedEraClaim.findFirstOrThrow();
    const match = { unmatchedId: row.id, claimId: other.claimId, billId: other.billId, actor: 'key:staff-1', now: new Date() };
    const { event } = await postMatchedEra(testDb.db, match);
    expect(event).toMatchObject({ claimId: other.claimId, paidCents: 8000, patientResponsibilityCents: 2000, reversal: false });
    expectNoPhi(event);
    const again = await postMatchedEra(testDb.db, match);
    expect(again.event).toEqual(event);
    expect(await testDb.db.payment.count({ where: { claimId: other.claimId } })).toBe(1);
    const resolved = await testDb.db.unmatchedEraClaim.findUniqueOrThrow({ where: { id: row.id } });
    expect(resolved).toMatchObject({ status: 'MATCHED', matchedClaimId: other.claimId, resolvedBy: 'key:staff-1' });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const payment = await testDb.db.payment.findFirstOrThrow({ where: { claimId: other.claimId }, include: { adjustments: true } });
    expect(payment).toMatchObject({ sourceKey: row.sourceKey, remittanceId: row.remittanceId, postedBy: 'key:staff-1' });
    expect(payment.adjustments.map((a) => [a.groupCode, a.reasonCode, a.amountCents])).toEqual([['PR', '1', 2000]]);
    // Matching it to another claim now is refused; reading the file again posts nothing more.
    await expect(
      postMatchedEra(testDb.db, { unmatchedId: row.id, claimId: bill.claimId, billId: bill.billId, actor: 'key:staff-2', now: new Date() }),
    ).rejects.toMatchObject({ type: 'WrongState' });
    const before = await testDb.db.payment.count();
    await processFixture(testDb.db, acts, 'era-primary.835');
    expect(await testDb.db.payment.count()).toBe(before);
  });

  it('a match by hand is undone by a reversal entry: nothing deleted, the ERA claim open again, matched again under a new key', async () => {
    const row = await testDb.db.unmatchedEraClaim.findFirstOrThrow({ where: { status: 'MATCHED' } });
    const claimId = row.matchedClaimId!;
    const billId = (await testDb.db.claim.findUniqueOrThrow({ where: { id: claimId } })).billId;
    const undone = await undoEraMatch(testDb.db, {
      unmatchedId: row.id,
      billId,
      actor: 'key:staff-1',
      reason: 'WRONG_MATCH',
      now: new Date(),
    });
    expect(
      await undoEraMatch(testDb.db, { unmatchedId: row.id, billId, actor: 'key:staff-1', reason: 'WRONG_MATCH', now: new Date() }),
    ).toMatchObject({
      reversalPaymentId: undone.reversalPaymentId,
    });
    const payments = await testDb.db.payment.findMany({ where: { claimId }, orderBy: { postedAt: 'asc' } });
    expect(payments.map((p) => [p.source, p.paidCents, p.reversesPaymentId])).toEqual([
      ['ERA', 8000, null],
      ['REVERSAL', -8000, payments[0]!.id],
    ]);
    expect(payments.reduce((t, p) => t + p.paidCents, 0)).toBe(0);
    expect(await testDb.db.unmatchedEraClaim.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'OPEN',
      matchedClaimId: null,
    });
    const rematch = await postMatchedEra(testDb.db, { unmatchedId: row.id, claimId, billId, actor: 'key:staff-1', now: new Date() });
    expect(rematch.event.paymentId).not.toBe(payments[0]!.id);
    expect(await testDb.db.payment.findUniqueOrThrow({ where: { id: rematch.event.paymentId } })).toMatchObject({
      sourceKey: `${row.sourceKey}#match-2`,
    });
  });

  it('a reversal points at the payment it undoes and is told as a reversal; the correction posts as a new payment', async () => {
    const { events } = await processFixture(testDb.db, acts, 'era-reversal.835');
    expect(events).toHaveLength(2);
    const [reversal, correction] = events;
    expect(reversal).toMatchObject({
      billId: bill.billId,
      kind: 'era',
      event: { claimId: bill.claimId, claimStatusCode: '22', paidCents: -12000, reversal: true },
    });
    expect(correction).toMatchObject({
      kind: 'era',
      event: { claimId: bill.claimId, claimStatusCode: '1', paidCents: 15000, reversal: false },
    });
    if (reversal?.kind !== 'era') throw new Error('era event expected');
    const row = await testDb.db.payment.findUniqueOrThrow({ where: { id: reversal.event.paymentId }, include: { adjustments: true } });
    expect(row.reversesPaymentId).toBe(firstPaymentId);
    expect(row.adjustments.map((a) => [a.groupCode, a.reasonCode, a.amountCents]).sort()).toEqual([
      ['CO', '45', -5000],
      ['PR', '2', -3000],
    ]);
    const original = await testDb.db.payment.findUniqueOrThrow({ where: { id: firstPaymentId }, include: { reversedBy: true } });
    expect(original.reversedBy?.id).toBe(row.id);
    // Net of what this claim was paid: 120 - 120 + 150.
    const sum = await testDb.db.payment.aggregate({ where: { claimId: bill.claimId }, _sum: { paidCents: true } });
    expect(sum._sum.paidCents).toBe(15000);
    // Again: nothing new, same events.
    const again = await processFixture(testDb.db, acts, 'era-reversal.835');
    expect(again.events).toEqual(events);
    expect(await testDb.db.payment.count({ where: { claimId: bill.claimId } })).toBe(3);
  });

  it('an unbalanced claim is posted as the payer sent it and flagged on the file and the bill', async () => {
    const unbalanced = await seedBillWithClaim(testDb.db, 'PSTU0001');
    const { fileId, events } = await processFixture(testDb.db, acts, 'era-unbalanced.835');
    expect(events).toEqual([
      expect.objectContaining({ kind: 'era', event: expect.objectContaining({ claimId: unbalanced.claimId, paidCents: 10000 }) }),
    ]);
    const finding = await testDb.db.auditEvent.findFirstOrThrow({ where: { action: 'file-finding', entityId: fileId } });
    expect(finding.billId).toBe(unbalanced.billId);
    expect(finding.details).toMatchObject({
      code: 'CLAIM_UNBALANCED',
      severity: 'error',
      segmentId: 'CLP',
      patientControlNumber: 'PSTU0001',
    });
    expect(
      await testDb.db.clearinghouseFileClaim.findUnique({ where: { fileId_claimId: { fileId, claimId: unbalanced.claimId } } }),
    ).toMatchObject({ outcome: 'paid unbalanced' });
    await acts.markInboundFileDone({ fileId });
    expect(await testDb.db.clearinghouseFile.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({
      status: 'PROCESSED',
      error: null,
    });
  });

  it('keeps no patient data in audit events', async () => {
    expectNoPhi(await testDb.db.auditEvent.findMany());
  });
});
