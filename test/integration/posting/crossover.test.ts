import { CROSSOVER_WAIT_MS } from '../../../activities/posting/post-era';
import { createTestDatabase, databaseLabel, useTestDatabase } from '../../support/database';
import { seedBillWithClaim, seedClaim } from '../../support/posting-fixtures';
import { activitiesFor, expectNoPhi, processFixture } from './helpers';

const testDb = useTestDatabase();

describe(`crossover ERAs (${databaseLabel()})`, () => {
  it("posts the secondary's ERA of a forwarded claim to the bill's secondary claim, waiting for the workflow to open it", async () => {
    const { acts } = activitiesFor(testDb.db);
    const bill = await seedBillWithClaim(testDb.db, 'PSTX0001');

    // The secondary's ERA arrives before the bill opened its secondary claim: deferred, the file stays RECEIVED.
    const early = await processFixture(testDb.db, acts, 'era-crossover-secondary.835');
    expect(early.events).toEqual([]);
    await acts.markInboundFileDone({ fileId: early.fileId });
    expect(await testDb.db.clearinghouseFile.findUniqueOrThrow({ where: { id: early.fileId } })).toMatchObject({ status: 'RECEIVED' });
    expect(await testDb.db.payment.count()).toBe(0);
    expect(await testDb.db.unmatchedEraClaim.count()).toBe(0);

    // The primary's ERA: processed as primary and forwarded (CLP02 19, NM1*TT).
    const primary = await processFixture(testDb.db, acts, 'era-crossover-primary.835');
    expect(primary.events).toEqual([
      {
        billId: bill.billId,
        kind: 'era',
        event: expect.objectContaining({
          claimId: bill.claimId,
          claimStatusCode: '19',
          paidCents: 12000,
          crossover: true,
          reversal: false,
        }),
      },
    ]);
    await acts.markInboundFileDone({ fileId: primary.fileId });

    // The workflow heard the crossover and opened the secondary claim (status CROSSOVER, never sent).
    const secondary = await seedClaim(testDb.db, bill, { rank: 'SECONDARY', patientControlNumber: 'PSTX0001S', status: 'CROSSOVER' });

    // The next poll returns the deferred file and it posts now, to the secondary claim.
    const { fileIds } = await acts.pollClearinghouse();
    expect(fileIds).toEqual([early.fileId]);
    const { events } = await acts.processInboundFile({ fileId: early.fileId });
    expect(events).toEqual([
      {
        billId: bill.billId,
        kind: 'era',
        event: expect.objectContaining({ claimId: secondary.claimId, claimStatusCode: '2', paidCents: 3000, crossover: false }),
      },
    ]);
    expectNoPhi(events);
    const payment = await testDb.db.payment.findFirstOrThrow({
      where: { claimId: secondary.claimId },
      include: { linePayments: { include: { serviceLine: true } } },
    });
    expect(payment).toMatchObject({ payerClaimControlNumber: 'SICN-X1', sourceKey: 'era:BCN01:CHK3001:PSTX0001:SICN-X1:2' });
    // REF*6R carries the primary's claim number: still the bill's lines.
    expect(payment.linePayments.map((l) => l.serviceLine?.lineNumber).sort()).toEqual([1, 2]);
    expect(await testDb.db.payment.count({ where: { claimId: bill.claimId } })).toBe(1);
    await acts.markInboundFileDone({ fileId: early.fileId });
    expect(await testDb.db.clearinghouseFile.findUniqueOrThrow({ where: { id: early.fileId } })).toMatchObject({ status: 'PROCESSED' });
  });

  it('queues a crossover ERA for a person when the bill has no policy of that rank, or its claim never opens', async () => {
    // The fixture's claim number is taken in this file's database: each case gets its own database.
    const fresh = await createTestDatabase();
    try {
      const bill = await seedBillWithClaim(fresh.db, 'PSTX0001', { withSecondary: false });
      const { acts } = activitiesFor(fresh.db);
      const { fileId, events } = await processFixture(fresh.db, acts, 'era-crossover-secondary.835');
      expect(events).toEqual([]);
      const queued = await fresh.db.unmatchedEraClaim.findFirstOrThrow();
      expect((queued.claimData as { reason: string }).reason).toMatch(/no active secondary policy/);
      await acts.markInboundFileDone({ fileId });
      expect(await fresh.db.clearinghouseFile.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({ status: 'PROCESSED' });
      expect(await fresh.db.payment.count({ where: { claim: { billId: bill.billId } } })).toBe(0);

      // With a secondary policy but a claim that never opens: after the wait, a person is asked.
      const late = await createTestDatabase();
      try {
        await seedBillWithClaim(late.db, 'PSTX0001');
        const later = new Date(Date.now() + CROSSOVER_WAIT_MS + 60_000);
        const lateActs = activitiesFor(late.db, () => later).acts;
        const r = await processFixture(late.db, lateActs, 'era-crossover-secondary.835');
        expect(r.events).toEqual([]);
        const q = await late.db.unmatchedEraClaim.findFirstOrThrow();
        expect((q.claimData as { reason: string }).reason).toMatch(/never opened/);
      } finally {
        await late.close();
      }
    } finally {
      await fresh.close();
    }
  });
});
