import { postEra } from '../../../activities/posting/post-era';
import { POSTING_CHUNK, writePending, type PendingPosting } from '../../../activities/posting/era-chunk';
import { loadTargetClaim } from '../../../activities/posting/era-claim';
import { read835 } from '../../../x12/835';
import { databaseLabel, useTestDatabase } from '../../support/database';
import { generate835For } from '../../support/era-generator';
import { seedBill } from '../../support/fixtures';
import { seedClaim } from '../../support/posting-fixtures';

const testDb = useTestDatabase();

async function keptFile(name: string): Promise<string> {
  const file = await testDb.db.clearinghouseFile.create({
    data: { direction: 'INBOUND', kind: '835', name, sha256: name, sizeBytes: 1, content: new Uint8Array([1]), status: 'RECEIVED' },
  });
  return file.id;
}

describe(`ERA posting a chunk at a time (${databaseLabel()})`, () => {
  it('posts a file of more claims than one chunk once each, in file order, and posts nothing twice when run again', async () => {
    const bill = await seedBill(testDb.db);
    const count = POSTING_CHUNK + 7;
    const numbers = Array.from({ length: count }, (_, i) => `CHNK${String(i).padStart(5, '0')}`);
    // One claim of the bill under every number but the last, which no claim has.
    for (const pcn of numbers.slice(0, -1)) await seedClaim(testDb.db, bill, { patientControlNumber: pcn });
    const result = await read835(Buffer.from(generate835For(numbers.map((pcn) => ({ patientControlNumber: pcn, chargeCents: 20000 })))));
    const fileId = await keptFile('chunked.835');
    const progress: number[] = [];
    const input = { fileId, receivedAt: new Date('2026-01-20T00:00:00Z'), result, onProgress: (done: number) => progress.push(done) };

    const first = await postEra(testDb.db, input);
    expect(progress).toEqual([POSTING_CHUNK, count]);
    expect(first.events).toHaveLength(count - 1);
    expect(first.outcomes.map((o) => o.kind)).toEqual([...Array<string>(count - 1).fill('posted'), 'queued']);
    const claims = await testDb.db.claim.findMany({ where: { billId: bill.billId }, select: { id: true, patientControlNumber: true } });
    const claimOf = new Map(claims.map((c) => [c.id, c.patientControlNumber]));
    expect(first.events.map((e) => claimOf.get(e.event.claimId))).toEqual(numbers.slice(0, -1));
    const payments = await testDb.db.payment.findMany({
      where: { claim: { billId: bill.billId } },
      include: { linePayments: true, adjustments: true, claim: { select: { payerClaimControlNumber: true } } },
    });
    expect(payments).toHaveLength(count - 1);
    for (const p of payments) {
      expect(p.linePayments).toHaveLength(1);
      expect(p.adjustments.map((a) => `${a.groupCode}-${a.reasonCode}-${a.lineIndex}`).sort()).toEqual(['CO-45-0', 'PR-2-0']);
      expect(p.claim.payerClaimControlNumber).toBe(p.payerClaimControlNumber);
    }
    expect(await testDb.db.clearinghouseFileClaim.count({ where: { fileId } })).toBe(count - 1);

    const again = await postEra(testDb.db, input);
    expect(again.events).toEqual(first.events);
    expect(again.outcomes.map((o) => (o.kind === 'posted' ? o.created : o.kind))).toEqual([
      ...Array<boolean>(count - 1).fill(false),
      'queued',
    ]);
    expect(await testDb.db.payment.count({ where: { claim: { billId: bill.billId } } })).toBe(count - 1);
  });

  it('queues the unmatched claims of a file together, each once, between claims that post, and queues nothing again on a re-run', async () => {
    const bill = await seedBill(testDb.db);
    const numbers = ['UNMQ0001', 'NOBODY01', 'UNMQ0002', 'NOBODY02', 'NOBODY03', 'UNMQ0003'];
    for (const pcn of numbers.filter((n) => n.startsWith('UNMQ'))) await seedClaim(testDb.db, bill, { patientControlNumber: pcn });
    const result = await read835(Buffer.from(generate835For(numbers.map((pcn) => ({ patientControlNumber: pcn, chargeCents: 12500 })))));
    const input = { fileId: await keptFile('unmatched.835'), receivedAt: new Date('2026-01-20T00:00:00Z'), result };

    const first = await postEra(testDb.db, input);
    expect(first.outcomes.map((o) => o.kind)).toEqual(['posted', 'queued', 'posted', 'queued', 'queued', 'posted']);
    const queued = await testDb.db.unmatchedEraClaim.findMany({
      where: { patientControlNumber: { in: numbers } },
      select: { id: true, patientControlNumber: true, chargeCents: true },
    });
    expect(queued.map((q) => q.patientControlNumber).sort()).toEqual(['NOBODY01', 'NOBODY02', 'NOBODY03']);
    expect(queued.every((q) => q.chargeCents === 12500)).toBe(true);
    // Each queued outcome names its own queue row, in file order.
    const idOf = new Map(queued.map((q) => [q.patientControlNumber, q.id]));
    expect(first.outcomes.flatMap((o) => (o.kind === 'queued' ? [o.unmatchedId] : []))).toEqual(
      ['NOBODY01', 'NOBODY02', 'NOBODY03'].map((n) => idOf.get(n)),
    );

    const again = await postEra(testDb.db, input);
    expect(again.outcomes.flatMap((o) => (o.kind === 'queued' ? [o.unmatchedId] : []))).toEqual(
      first.outcomes.flatMap((o) => (o.kind === 'queued' ? [o.unmatchedId] : [])),
    );
    expect(await testDb.db.unmatchedEraClaim.count({ where: { patientControlNumber: { in: numbers } } })).toBe(3);
  });

  it('writes nothing of a chunk whose source key another poster took, and posts its claims one by one instead', async () => {
    const bill = await seedBill(testDb.db);
    const numbers = ['RACE0001', 'RACE0002', 'RACE0003'];
    const seeded = [];
    for (const pcn of numbers) seeded.push(await seedClaim(testDb.db, bill, { patientControlNumber: pcn }));
    const result = await read835(Buffer.from(generate835For(numbers.map((pcn) => ({ patientControlNumber: pcn, chargeCents: 10000 })))));
    const fileId = await keptFile('race.835');
    const remittance = await testDb.db.remittance.create({
      data: {
        kind: 'ERA',
        fileId,
        positionInFile: 0,
        payerName: 'P',
        payerIdentifier: 'P',
        traceNumber: 'T',
        paymentMethod: 'ACH',
        paymentDate: new Date('2026-01-20'),
        totalPaidCents: 0,
      },
    });
    const claims = result.remittances[0]!.claims;
    const pending: PendingPosting[] = [];
    const told: string[] = [];
    for (const [i, c] of claims.entries()) {
      const target = (await loadTargetClaim(testDb.db, seeded[i]!.claimId))!;
      const source = { sourceKey: `race:${i}`, remittanceId: remittance.id, adjudicationDate: '2026-01-20', postedBy: 'test' };
      pending.push({ target, claim: c, source, done: (p) => told.push(`${p.claimId}:${p.created}`) });
    }
    // Another poster took the second claim's key first.
    await testDb.db.payment.create({
      data: {
        claimId: seeded[1]!.claimId,
        source: 'ERA',
        sourceKey: 'race:1',
        claimStatusCode: '1',
        chargeCents: 10000,
        paidCents: 1,
        adjudicationDate: new Date('2026-01-20'),
        postedBy: 'other',
      },
    });
    const oneByOne: string[] = [];
    await writePending(testDb.db, pending, fileId, async (p) => {
      oneByOne.push(p.source.sourceKey);
      const { postEraClaim } = await import('../../../activities/posting/era-claim');
      return postEraClaim(testDb.db, p.target, p.claim, p.source);
    });
    expect(oneByOne).toEqual(['race:0', 'race:1', 'race:2']);
    expect(told).toEqual([`${seeded[0]!.claimId}:true`, `${seeded[1]!.claimId}:false`, `${seeded[2]!.claimId}:true`]);
    expect(await testDb.db.payment.count({ where: { sourceKey: { startsWith: 'race:' } } })).toBe(3);
  });
});
