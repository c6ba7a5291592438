import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ingestUploadedFile } from '../../../activities/inbound';
import { databaseLabel, useTestDatabase } from '../../support/database';
import { postingFixture, seedBillWithClaim } from '../../support/posting-fixtures';
import { activitiesFor } from './helpers';

const testDb = useTestDatabase();

describe(`inbound files (${databaseLabel()})`, () => {
  it('pollClearinghouse downloads each response once from a local directory clearinghouse, keeps it, then acknowledges it', async () => {
    const { acts, clearinghouse } = activitiesFor(testDb.db);
    await clearinghouse.init();
    const put = (name: string, content: Buffer) => fs.writeFile(path.join(clearinghouse.outboundDir, name), content);
    await put('ERA-0001.835', postingFixture('era-primary.835'));
    await put('ACK-0001.999', postingFixture('ack-reject.999'));
    await put('277CA-0001.txt', postingFixture('ack-reject.277'));
    await put('OA-REPORT-0001.txt', Buffer.from('Office Ally daily summary: 3 files received\n'));
    const download = jest.spyOn(clearinghouse, 'download');

    const first = await acts.pollClearinghouse();
    expect(first.fileIds).toHaveLength(4);
    const kept = await testDb.db.clearinghouseFile.findMany({ where: { direction: 'INBOUND' }, orderBy: { name: 'asc' } });
    expect(kept.map((f) => [f.name, f.kind, f.status])).toEqual([
      ['277CA-0001.txt', '277CA', 'RECEIVED'],
      ['ACK-0001.999', '999', 'RECEIVED'],
      ['ERA-0001.835', '835', 'RECEIVED'],
      ['OA-REPORT-0001.txt', 'OTHER', 'RECEIVED'],
    ]);
    expect(Buffer.from(kept[2]!.content).equals(postingFixture('era-primary.835'))).toBe(true);
    expect(download).toHaveBeenCalledTimes(4);
    expect(await fs.readdir(clearinghouse.outboundDir)).toEqual([]);
    expect((await fs.readdir(clearinghouse.archiveDir)).sort()).toHaveLength(4);

    // Polled again: nothing new downloaded; the files not yet done are returned again (a crash half-way is recovered).
    const second = await acts.pollClearinghouse();
    expect(download).toHaveBeenCalledTimes(4);
    expect(second.fileIds).toEqual(first.fileIds);

    // The same file put back under its name (acknowledge lost), and the same content under another name: kept once.
    await put('ERA-0001.835', postingFixture('era-primary.835'));
    await put('ERA-0001-COPY.835', postingFixture('era-primary.835'));
    const third = await acts.pollClearinghouse();
    expect(download).toHaveBeenCalledTimes(5); // only the new name
    expect(third.fileIds).toEqual(first.fileIds);
    expect(await testDb.db.clearinghouseFile.count({ where: { direction: 'INBOUND' } })).toBe(4);
    expect(await fs.readdir(clearinghouse.outboundDir)).toEqual([]);

    // Done files are not returned any more.
    for (const fileId of first.fileIds) {
      await acts.processInboundFile({ fileId });
      await acts.markInboundFileDone({ fileId });
    }
    expect((await acts.pollClearinghouse()).fileIds).toEqual([]);
    const statuses = await testDb.db.clearinghouseFile.findMany({
      where: { direction: 'INBOUND' },
      orderBy: { name: 'asc' },
      select: { name: true, status: true, error: true },
    });
    expect(statuses.map((s) => [s.name, s.status])).toEqual([
      ['277CA-0001.txt', 'PROCESSED'],
      ['ACK-0001.999', 'PROCESSED'],
      ['ERA-0001.835', 'PROCESSED'],
      ['OA-REPORT-0001.txt', 'NEEDS_REVIEW'],
    ]);
    expect(statuses[3]!.error).toMatch(/kept for a person to read: .*not X12/);
  });

  it('a malformed file is kept FAILED with the segment and the reason, gives no events, and the next file still posts', async () => {
    const { acts } = activitiesFor(testDb.db);
    const bill = await seedBillWithClaim(testDb.db, 'PSTU0001');
    const bad = await ingestUploadedFile(testDb.db, { name: 'bad.835', content: postingFixture('era-malformed.835'), actor: 'test' });
    const good = await ingestUploadedFile(testDb.db, { name: 'good.835', content: postingFixture('era-unbalanced.835'), actor: 'test' });
    const { fileIds } = await acts.pollClearinghouse();
    expect(fileIds).toEqual(expect.arrayContaining([bad.fileId, good.fileId]));

    await expect(acts.processInboundFile({ fileId: bad.fileId })).resolves.toEqual({ events: [], complete: true });
    const failed = await testDb.db.clearinghouseFile.findUniqueOrThrow({ where: { id: bad.fileId } });
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/segment 11 \(CLP\)/);
    expect(failed.error).toMatch(/CLP04.*not an amount/);
    expect(Buffer.from(failed.content).equals(postingFixture('era-malformed.835'))).toBe(true);
    await acts.markInboundFileDone({ fileId: bad.fileId });
    expect(await testDb.db.clearinghouseFile.findUniqueOrThrow({ where: { id: bad.fileId } })).toMatchObject({
      status: 'FAILED',
      processedAt: null,
    });
    await expect(acts.processInboundFile({ fileId: bad.fileId })).resolves.toEqual({ events: [], complete: true });

    const next = await acts.processInboundFile({ fileId: good.fileId });
    expect(next.events).toEqual([expect.objectContaining({ billId: bill.billId, kind: 'era' })]);
    expect((await acts.pollClearinghouse()).fileIds).not.toContain(bad.fileId);
  });

  it('ingestUploadedFile keeps a staff upload once: the same content again is a duplicate', async () => {
    const content = postingFixture('era-crossover-primary.835');
    const first = await ingestUploadedFile(testDb.db, { name: 'from-website.835', content, actor: 'key:staff-1' });
    expect(first.duplicate).toBe(false);
    const again = await ingestUploadedFile(testDb.db, { name: 'renamed.835', content, actor: 'key:staff-2' });
    expect(again).toEqual({ fileId: first.fileId, duplicate: true });
    expect(await testDb.db.clearinghouseFile.findUniqueOrThrow({ where: { id: first.fileId } })).toMatchObject({
      direction: 'INBOUND',
      kind: '835',
      status: 'RECEIVED',
      name: 'from-website.835',
    });
    expect(await testDb.db.auditEvent.count({ where: { action: 'file-uploaded', entityId: first.fileId } })).toBe(1);
  });
});
