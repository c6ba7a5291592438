/**
 * The bill workflow on the time-skipping test server, with its real activities on a real
 * database. Machine events (batched, sent, ERA posted) are sent as the signals the batch
 * and sync workflows send; staff actions go through the workflow's updates.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createActivities } from '../../../activities';
import { testActivityContext } from '../../support/activity-context';
import {
  batchSentSignal,
  billViewQuery,
  claimBatchedSignal,
  postPaymentUpdate,
  setReadyToBatchUpdate,
  submitUpdate,
} from '../../../workflows/bill/definitions';
import type { SeedOptions } from '../../support/fixtures';
import { recordHistory } from '../../support/histories';
import { useTimeSkippingWorker } from '../../support/time-skipping-worker';
import { waitUntil } from '../../support/wait-until';

const DAY = 24 * 60 * 60 * 1000;
const t = useTimeSkippingWorker('bill-lifecycle-test', (db) => createActivities(testActivityContext(db)));
const startBill = (options: SeedOptions = {}) => t.startBill(options);

async function sendThroughBatch(handle: Awaited<ReturnType<typeof startBill>>['handle'], batchId: string) {
  const view = await handle.query(billViewQuery);
  const claimId = view.claimId!;
  await handle.signal(claimBatchedSignal, { claimId, batchId });
  await handle.signal(batchSentSignal, { claimId, batchId, fileId: `file-${batchId}` });
  return claimId;
}

function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  return waitUntil(probe, ok, { intervalMs: 50, timeoutMs: 10_000 });
}

it('walks the manual EOB path to Closed: a primary denial carried as a $0 payment, then the secondary', async () => {
  const { seeded, handle } = await startBill({ autoBatchSecondary: false });
  expect((await handle.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] })).status).toBe('READY_TO_BATCH');
  await sendThroughBatch(handle, 'batch-1');
  await until(
    () => handle.query(billViewQuery),
    (v) => v.status === 'AWAITING_PRIMARY',
  );

  // The primary denies: $0 paid, the whole charge in adjustments.
  const denial = await handle.executeUpdate(postPaymentUpdate, {
    args: [
      {
        actor: 'key:test',
        paidCents: 0,
        patientResponsibilityCents: 0,
        adjudicationDate: '2026-11-20',
        adjustments: [{ group: 'CO', reason: '27', amountCents: 20000 }],
      },
    ],
  });
  expect(denial.status).toBe('PROCESSED');

  // Not auto-batched: the secondary waits for staff.
  const waiting = await handle.query(billViewQuery);
  expect(waiting.status).toBe('PROCESSED');
  expect(waiting.rank).toBe('SECONDARY');
  expect((await handle.executeUpdate(setReadyToBatchUpdate, { args: [{ actor: 'key:test' }] })).status).toBe('READY_TO_BATCH');
  await sendThroughBatch(handle, 'batch-2');
  await until(
    () => handle.query(billViewQuery),
    (v) => v.status === 'AWAITING_SECONDARY',
  );
  await handle.executeUpdate(postPaymentUpdate, {
    args: [
      {
        actor: 'key:test',
        paidCents: 12000,
        patientResponsibilityCents: 0,
        adjudicationDate: '2026-12-01',
        adjustments: [{ group: 'CO', reason: '45', amountCents: 8000 }],
      },
    ],
  });
  const result = await handle.result();
  expect(result.status).toBe('CLOSED');
  await recordHistory(handle, process.env.RECORD_HISTORY_NAME ?? 'manual-eob-denial');

  const bill = await t.database.db.bill.findUniqueOrThrow({ where: { id: seeded.billId } });
  expect(bill.status).toBe('CLOSED');
  const payments = await t.database.db.payment.findMany({
    where: { claim: { billId: seeded.billId } },
    include: { adjustments: true, claim: true },
  });
  expect(payments.map((p) => [p.claim.rank, p.paidCents, p.claimStatusCode])).toEqual(
    expect.arrayContaining([
      ['PRIMARY', 0, '4'],
      ['SECONDARY', 12000, '2'],
    ]),
  );
  const timeline = await t.database.db.auditEvent.findMany({ where: { billId: seeded.billId }, orderBy: { at: 'asc' } });
  expect(timeline.map((e) => e.action)).toEqual(
    expect.arrayContaining([
      'status:READY_TO_BATCH',
      'status:AWAITING_PRIMARY',
      'status:PROCESSED',
      'status:AWAITING_SECONDARY',
      'status:CLOSED',
    ]),
  );
});

it('refuses a payment that does not balance, and leaves no trace of it', async () => {
  const { handle } = await startBill();
  await handle.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] });
  await sendThroughBatch(handle, 'batch-3');
  await until(
    () => handle.query(billViewQuery),
    (v) => v.status === 'AWAITING_PRIMARY',
  );
  const refused = handle.executeUpdate(postPaymentUpdate, {
    args: [{ actor: 'key:test', paidCents: 100, patientResponsibilityCents: 0, adjudicationDate: '2026-11-20', adjustments: [] }],
  });
  await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(refused).rejects.toMatchObject({ cause: { message: expect.stringContaining('does not balance') } });
  const history = await handle.fetchHistory();
  expect(JSON.stringify(history)).not.toContain('WorkflowExecutionUpdateAccepted');
  await handle.terminate('test over');
});

it("escalates a primary that does not answer after the payer's days, and again a week later", async () => {
  const { seeded, handle } = await startBill({ primaryResponseDays: 30 });
  await handle.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] });
  await sendThroughBatch(handle, 'batch-4');
  await until(
    () => handle.query(billViewQuery),
    (v) => v.status === 'AWAITING_PRIMARY',
  );

  await t.env.sleep(29 * DAY);
  expect((await handle.query(billViewQuery)).needsAttention).toBe(false);
  await t.env.sleep(1 * DAY + 60_000);
  const escalated = await handle.query(billViewQuery);
  expect(escalated).toMatchObject({ needsAttention: true, attentionReason: 'NO_PAYER_RESPONSE', status: 'AWAITING_PRIMARY' });
  await t.env.sleep(7 * DAY);
  const events = await t.database.db.auditEvent.findMany({ where: { billId: seeded.billId, action: 'escalated:NO_PAYER_RESPONSE' } });
  expect(events).toHaveLength(2);
  const bill = await t.database.db.bill.findUniqueOrThrow({ where: { id: seeded.billId } });
  expect(bill).toMatchObject({ needsAttention: true, attentionReason: 'NO_PAYER_RESPONSE', status: 'AWAITING_PRIMARY' });
  await handle.terminate('test over');
});
