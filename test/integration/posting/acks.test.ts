import { databaseLabel, useTestDatabase } from '../../support/database';
import { seedBillWithClaim, seedSentBatch } from '../../support/posting-fixtures';
import { activitiesFor, expectNoPhi, processFixture } from './helpers';

const testDb = useTestDatabase();

describe(`999 and 277CA (${databaseLabel()})`, () => {
  it('a 999 tells every claim of each transaction set we sent whether it was accepted, with the IK codes', async () => {
    const { acts } = activitiesFor(testDb.db);
    const a = await seedBillWithClaim(testDb.db, 'PSTN0001');
    const b = await seedBillWithClaim(testDb.db, 'PSTN0002');
    const c = await seedBillWithClaim(testDb.db, 'PSTN0003');
    await seedSentBatch(testDb.db, a.practiceId, 4521, [
      { claimId: a.claimId, transactionSetControlNumber: '0001' },
      { claimId: b.claimId, transactionSetControlNumber: '0002' },
      { claimId: c.claimId, transactionSetControlNumber: '0002' },
    ]);
    // Another batch whose transaction set 0002 must not be confused with the one answered.
    const other = await seedBillWithClaim(testDb.db, 'PSTN0004');
    await seedSentBatch(testDb.db, other.practiceId, 4522, [{ claimId: other.claimId, transactionSetControlNumber: '0002' }]);

    const { fileId, events } = await processFixture(testDb.db, acts, 'ack-reject.999');
    const byClaim = new Map(events.map((e) => [e.event.claimId, e]));
    expect(events).toHaveLength(3);
    expect(byClaim.get(a.claimId)).toEqual({
      billId: a.billId,
      kind: 'ack',
      event: { claimId: a.claimId, fileId, source: '999', accepted: true, reason: expect.stringMatching(/^IK5 A/) },
    });
    for (const rejected of [b, c]) {
      const e = byClaim.get(rejected.claimId);
      expect(e).toMatchObject({
        billId: rejected.billId,
        kind: 'ack',
        event: { claimId: rejected.claimId, fileId, source: '999', accepted: false },
      });
      const reason = e?.kind === 'ack' ? (e.event.reason ?? '') : '';
      expect(reason).toMatch(/IK5 R/);
      expect(reason).toMatch(/IK3 NM1 at 17 \(loop 2010BA\)/);
      expect(reason).toMatch(/IK4 NM109/);
    }
    expect(byClaim.has(other.claimId)).toBe(false);
    expectNoPhi(events);
    const outcomes = await testDb.db.clearinghouseFileClaim.findMany({ where: { fileId }, orderBy: { claimId: 'asc' } });
    expect(new Map(outcomes.map((o) => [o.claimId, o.outcome]))).toEqual(
      new Map([
        [a.claimId, 'accepted'],
        [b.claimId, 'rejected'],
        [c.claimId, 'rejected'],
      ]),
    );
    // Idempotent: same events again.
    expect((await acts.processInboundFile({ fileId })).events).toEqual(events);
  });

  it('a 277CA tells each claim by its claim number, with the STC codes and their meaning and the payer claim number', async () => {
    const { acts } = activitiesFor(testDb.db);
    const k1 = await seedBillWithClaim(testDb.db, 'PSTK0001');
    const k2 = await seedBillWithClaim(testDb.db, 'PSTK0002');
    const { fileId, events } = await processFixture(testDb.db, acts, 'ack-reject.277');
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      billId: k1.billId,
      kind: 'ack',
      event: {
        claimId: k1.claimId,
        fileId,
        source: '277CA',
        accepted: true,
        reason: expect.stringMatching(/^A2:20/),
        payerClaimControlNumber: 'PAYER-K1',
      },
    });
    expect(events[1]).toMatchObject({
      billId: k2.billId,
      kind: 'ack',
      event: { claimId: k2.claimId, fileId, source: '277CA', accepted: false },
    });
    const reason = events[1]?.kind === 'ack' ? (events[1].event.reason ?? '') : '';
    expect(reason).toMatch(/^A7:562:85 \S/); // codes followed by their meaning
    expectNoPhi(events);
    expect(await testDb.db.clearinghouseFileClaim.findUnique({ where: { fileId_claimId: { fileId, claimId: k2.claimId } } })).toMatchObject(
      { outcome: 'rejected' },
    );
    // The claim we never sent is kept for a person, not dropped.
    const unmatched = await testDb.db.auditEvent.findFirstOrThrow({ where: { action: 'ack-unmatched', entityId: fileId } });
    expect(unmatched.details).toMatchObject({ patientControlNumber: 'PSTZ9999', decision: 'rejected' });
    expectNoPhi(unmatched.details);
  });
});
