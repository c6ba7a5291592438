/**
 * A payment or recoupment for a bill whose workflow has finished cannot be heard by it: the
 * sync marks the bill as needing attention in the database instead, once per file and claim.
 */
import { inboundActivities } from '../../../activities/inbound';
import { testActivityContext } from '../../support/activity-context';
import { useTestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';

const database = useTestDatabase();

it('flags a finished bill once, with why, for a late ERA', async () => {
  const { billId } = await seedBill(database.db);
  await database.db.bill.update({ where: { id: billId }, data: { status: 'CLOSED' } });
  const acts = inboundActivities(testActivityContext(database.db));
  const input = {
    billId,
    kind: 'era' as const,
    detail: 'payment p-1 (CLP02 22, -5000 cents) for claim c-1 arrived after the bill finished',
    dedupeKey: 'late/file-1/c-1',
  };
  await acts.flagFinishedBill(input);
  await acts.flagFinishedBill(input);
  const bill = await database.db.bill.findUniqueOrThrow({ where: { id: billId } });
  expect(bill).toMatchObject({ status: 'CLOSED', needsAttention: true, attentionReason: 'LATE_REMITTANCE' });
  const events = await database.db.auditEvent.findMany({ where: { billId, action: 'late-era' } });
  expect(events).toHaveLength(1);
  expect(events[0]!.details).toMatchObject({ note: expect.stringContaining('CLP02 22') });
});
