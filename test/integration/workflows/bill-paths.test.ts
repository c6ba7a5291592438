/**
 * The bill workflow's other ways through, on the time-skipping test server with its real
 * activities and database: manual upload and its Claim Fix reminder, a rejection corrected
 * and resubmitted, crossover, a tertiary payer, void, and the timely filing warning.
 */
import { createActivities } from '../../../activities';
import { testActivityContext } from '../../support/activity-context';
import {
  ackReceivedSignal,
  batchSentSignal,
  billCorrectedUpdate,
  billViewQuery,
  claimBatchedSignal,
  confirmClaimFixUpdate,
  eraPostedSignal,
  postPaymentUpdate,
  prepareManualUploadUpdate,
  resubmitUpdate,
  setReadyToBatchUpdate,
  submitUpdate,
  voidUpdate,
  type BillView,
} from '../../../workflows/bill/definitions';
import type { SeedOptions } from '../../support/fixtures';
import { recordHistory } from '../../support/histories';
import { useTimeSkippingWorker } from '../../support/time-skipping-worker';
import { waitUntil } from '../../support/wait-until';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const t = useTimeSkippingWorker('bill-paths-test', (db) => ({
  ...createActivities(testActivityContext(db)),
}));
const start = (options: SeedOptions = {}) => t.startBill(options);

type Handle = Awaited<ReturnType<typeof start>>['handle'];

function until(handle: Handle, ok: (v: BillView) => boolean): Promise<BillView> {
  return waitUntil(() => handle.query(billViewQuery), ok, { intervalMs: 50, timeoutMs: 15_000, what: 'the bill state' });
}

async function batchAndSend(handle: Handle, batchId: string): Promise<string> {
  const { claimId } = await until(handle, (v) => v.status === 'READY_TO_BATCH');
  await handle.signal(claimBatchedSignal, { claimId: claimId!, batchId });
  await handle.signal(batchSentSignal, { claimId: claimId!, batchId, fileId: `file-${batchId}` });
  return claimId!;
}

const actor = { actor: 'key:test' };

it('manual upload: downloads the 837P, reminds after 3 hours in Claim Fix, then goes on once staff confirm', async () => {
  const { seeded, handle } = await start({ submitsManually: true, withSecondary: false });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  const prepared = await handle.executeUpdate(prepareManualUploadUpdate, { args: [actor] });
  expect(prepared.status).toBe('AWAITING_CLAIM_FIX');
  const file = await t.database.db.clearinghouseFile.findUniqueOrThrow({ where: { id: prepared.fileId } });
  expect(file.kind).toBe('837P');
  expect(file.name).toMatch(/837P.*OATEST/);
  expect(Buffer.from(file.content).toString()).toContain('CLM*');

  await t.env.sleep(2 * HOUR);
  expect((await handle.query(billViewQuery)).needsAttention).toBe(false);
  await t.env.sleep(1 * HOUR + 60_000);
  expect(await handle.query(billViewQuery)).toMatchObject({ needsAttention: true, attentionReason: 'CLAIM_FIX_NOT_CONFIRMED' });

  expect((await handle.executeUpdate(confirmClaimFixUpdate, { args: [actor] })).status).toBe('AWAITING_PRIMARY');
  const claim = await t.database.db.claim.findUniqueOrThrow({ where: { id: prepared.claimId } });
  expect(claim).toMatchObject({ manualUpload: true, status: 'SUBMITTED' });
  await handle.executeUpdate(postPaymentUpdate, {
    args: [
      {
        ...actor,
        paidCents: 16000,
        patientResponsibilityCents: 4000,
        adjudicationDate: '2026-11-25',
        adjustments: [{ group: 'PR', reason: '2', amountCents: 4000 }],
      },
    ],
  });
  expect((await handle.result()).status).toBe('CLOSED');
  const bill = await t.database.db.bill.findUniqueOrThrow({ where: { id: seeded.billId } });
  expect(bill.status).toBe('CLOSED');
  await recordHistory(handle, 'manual-upload');
});

it('a 277CA rejection puts the bill in Rejected; corrected, a new claim goes out and is paid', async () => {
  const { handle } = await start({ withSecondary: false });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  const first = await batchAndSend(handle, 'b-rej-1');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await handle.signal(ackReceivedSignal, {
    claimId: first,
    fileId: 'f277',
    source: '277CA',
    accepted: false,
    reason: 'A7:21 missing or invalid information',
  });
  const rejected = await until(handle, (v) => v.status === 'REJECTED');
  expect(rejected.waitingFor).toContain('correct');
  // The same rejection heard twice changes nothing.
  await handle.signal(ackReceivedSignal, {
    claimId: first,
    fileId: 'f277',
    source: '277CA',
    accepted: false,
    reason: 'A7:21 missing or invalid information',
  });

  await t.env.sleep(3 * DAY + 60_000);
  expect(await handle.query(billViewQuery)).toMatchObject({ needsAttention: true, attentionReason: 'REJECTION_NOT_CORRECTED' });

  expect((await handle.executeUpdate(resubmitUpdate, { args: [actor] })).status).toBe('READY_TO_BATCH');
  const second = await batchAndSend(handle, 'b-rej-2');
  expect(second).not.toBe(first);
  const claims = await t.database.db.claim.findMany({ where: { id: { in: [first, second] } } });
  expect(claims.find((c) => c.id === first)).toMatchObject({ status: 'REJECTED' });
  expect(claims.find((c) => c.id === second)).toMatchObject({ frequency: 'ORIGINAL', replacesClaimId: first });
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await handle.executeUpdate(postPaymentUpdate, {
    args: [{ ...actor, paidCents: 20000, patientResponsibilityCents: 0, adjudicationDate: '2026-11-25', adjustments: [] }],
  });
  expect((await handle.result()).status).toBe('CLOSED');
  await recordHistory(handle, 'rejection-resubmitted');
});

it('crossover: the primary forwarded the claim, so no secondary claim is sent; the secondary ERA closes the bill', async () => {
  const { seeded, handle } = await start();
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  const primaryClaim = await batchAndSend(handle, 'b-x-1');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await handle.signal(eraPostedSignal, {
    claimId: primaryClaim,
    paymentId: 'era-pay-1',
    claimStatusCode: '19',
    paidCents: 12000,
    patientResponsibilityCents: 3000,
    crossover: true,
    reversal: false,
  });
  const crossed = await until(handle, (v) => v.status === 'CROSSOVER');
  expect(crossed.rank).toBe('SECONDARY');
  const secondary = await t.database.db.claim.findUniqueOrThrow({ where: { id: crossed.claimId! } });
  expect(secondary).toMatchObject({ rank: 'SECONDARY', status: 'CROSSOVER', batchId: null });
  await handle.signal(eraPostedSignal, {
    claimId: crossed.claimId!,
    paymentId: 'era-pay-2',
    claimStatusCode: '2',
    paidCents: 3000,
    patientResponsibilityCents: 0,
    crossover: false,
    reversal: false,
  });
  expect((await handle.result()).status).toBe('CLOSED');
  const timeline = await t.database.db.auditEvent.findMany({ where: { billId: seeded.billId } });
  // Only the primary claim was ever batched: the secondary went by crossover.
  expect(timeline.filter((e) => e.action === 'status:READY_TO_BATCH')).toHaveLength(1);
  expect(timeline.filter((e) => e.action === 'status:BATCHED')).toHaveLength(1);
  expect(await t.database.db.claim.count({ where: { billId: seeded.billId, rank: 'SECONDARY', batchId: { not: null } } })).toBe(0);
  await recordHistory(handle, 'crossover');
});

it('hands on to a tertiary payer the same way', async () => {
  const { handle } = await start({ withTertiary: true });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  // Each later payer explains what it did not pay: the earlier payers' payments (OA-23) and what the patient owes.
  const pay = async (paid: number, rest: number, priorPaid: number) =>
    handle.executeUpdate(postPaymentUpdate, {
      args: [
        {
          ...actor,
          paidCents: paid,
          patientResponsibilityCents: rest,
          adjudicationDate: '2026-11-25',
          adjustments: [
            ...(priorPaid ? [{ group: 'OA' as const, reason: '23', amountCents: priorPaid }] : []),
            ...(rest ? [{ group: 'PR' as const, reason: '2', amountCents: rest }] : []),
          ],
        },
      ],
    });
  await batchAndSend(handle, 't1');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await pay(15000, 5000, 0);
  await batchAndSend(handle, 't2');
  await until(handle, (v) => v.status === 'AWAITING_SECONDARY');
  await pay(3000, 2000, 15000);
  await batchAndSend(handle, 't3');
  await until(handle, (v) => v.status === 'AWAITING_TERTIARY');
  await pay(2000, 0, 18000);
  const done = await handle.result();
  expect(done).toMatchObject({ status: 'CLOSED', rank: 'TERTIARY' });
  await recordHistory(handle, 'tertiary');
});

it('voids a bill not yet sent at once, and a sent one with a void claim (frequency 8) in the next batch', async () => {
  const unsent = await start();
  await unsent.handle.executeUpdate(submitUpdate, { args: [actor] });
  await until(unsent.handle, (v) => v.status === 'READY_TO_BATCH');
  expect((await unsent.handle.executeUpdate(voidUpdate, { args: [{ ...actor, reason: 'DUPLICATE' }] })).status).toBe('VOIDED');
  await expect(unsent.handle.executeUpdate(voidUpdate, { args: [{ ...actor, reason: 'DUPLICATE' }] })).rejects.toThrow();

  const sent = await start();
  await sent.handle.executeUpdate(submitUpdate, { args: [actor] });
  const original = await batchAndSend(sent.handle, 'v1');
  await until(sent.handle, (v) => v.status === 'AWAITING_PRIMARY');
  expect((await sent.handle.executeUpdate(voidUpdate, { args: [{ ...actor, reason: 'WRONG_PATIENT' }] })).status).toBe('READY_TO_BATCH');
  // The void claim needs the payer's claim number: the bill waits for the payer's acknowledgment.
  await t.env.sleep(DAY + 60_000);
  expect(await sent.handle.query(billViewQuery)).toMatchObject({
    status: 'READY_TO_BATCH',
    needsAttention: true,
    attentionReason: 'VOID_WAITING_FOR_PAYER',
  });
  await t.database.db.claim.update({ where: { id: original }, data: { payerClaimControlNumber: 'PAYER-CCN-1' } });
  await sent.handle.signal(ackReceivedSignal, {
    claimId: original,
    fileId: 'f277-void',
    source: '277CA',
    accepted: true,
    payerClaimControlNumber: 'PAYER-CCN-1',
  });
  const voiding = await until(sent.handle, (v) => v.status === 'READY_TO_BATCH' && v.claimId !== original);
  const voidClaim = await t.database.db.claim.findUniqueOrThrow({ where: { id: voiding.claimId! } });
  expect(voidClaim).toMatchObject({ frequency: 'VOID', replacesClaimId: original, payerClaimControlNumber: 'PAYER-CCN-1' });
  await sent.handle.signal(claimBatchedSignal, { claimId: voidClaim.id, batchId: 'v2' });
  await sent.handle.signal(batchSentSignal, { claimId: voidClaim.id, batchId: 'v2', fileId: 'f-v2' });
  expect((await sent.handle.result()).status).toBe('VOIDED');
  expect(await t.database.db.claim.findUniqueOrThrow({ where: { id: original } })).toMatchObject({ status: 'VOIDED' });
  await recordHistory(sent.handle, 'void-waiting-for-payer-number');
  expect(await t.database.db.claim.findUniqueOrThrow({ where: { id: original } })).toMatchObject({ status: 'VOIDED' });
});

it('refuses a void reason in free text: a typed reason could name the patient, and history must hold none', async () => {
  const { handle } = await start();
  await expect(handle.executeUpdate(voidUpdate, { args: [{ ...actor, reason: 'Zephyrine asked' as never }] })).rejects.toThrow();
  expect((await handle.executeUpdate(voidUpdate, { args: [{ ...actor, reason: 'ENTERED_IN_ERROR' }] })).status).toBe('VOIDED');
});

it('warns before the timely filing deadline of a claim still not sent', async () => {
  // Date of service 2026-11-02, primary limit 180 days: deadline 2027-05-01, warning 14 days before.
  const { handle } = await start({ dateOfService: '2026-11-02' });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  await until(handle, (v) => v.status === 'READY_TO_BATCH');
  const now = await t.env.currentTimeMs();
  const warnAt = Date.parse('2026-11-02T00:00:00Z') + (180 - 14) * DAY;
  await t.env.sleep(Math.max(0, warnAt - now - DAY));
  expect((await handle.query(billViewQuery)).needsAttention).toBe(false);
  await t.env.sleep(2 * DAY);
  expect(await handle.query(billViewQuery)).toMatchObject({
    status: 'READY_TO_BATCH',
    needsAttention: true,
    attentionReason: 'TIMELY_FILING_NEAR',
  });
  await handle.terminate('test over');
});

it('keeps a small history for a bill that waits half a year for its primary', async () => {
  const { handle } = await start({ primaryResponseDays: 30 });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  await batchAndSend(handle, 'long-wait');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await t.env.sleep(182 * DAY);
  const view = await handle.query(billViewQuery);
  expect(view).toMatchObject({ status: 'AWAITING_PRIMARY', needsAttention: true, attentionReason: 'NO_PAYER_RESPONSE' });
  const history = await handle.fetchHistory();
  const events = history.events?.length ?? 0;
  // One escalation after 30 days, then one a week: about 22 in six months, each a timer and an activity.
  const escalations = view.steps.filter((s) => s.note.includes('has not answered')).length;
  expect(escalations).toBeGreaterThanOrEqual(20);
  expect(events).toBeLessThan(600);
  await handle.terminate('test over');
});

it('closes without a secondary claim when the primary paid and left the patient owing nothing', async () => {
  const { seeded, handle } = await start();
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  await batchAndSend(handle, 'nothing-left');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await handle.executeUpdate(postPaymentUpdate, {
    args: [
      {
        ...actor,
        paidCents: 14000,
        patientResponsibilityCents: 0,
        adjudicationDate: '2026-11-25',
        adjustments: [{ group: 'CO', reason: '45', amountCents: 6000 }],
      },
    ],
  });
  const done = await handle.result();
  expect(done).toMatchObject({ status: 'CLOSED', rank: 'PRIMARY' });
  expect(done.steps.at(-1)!.note).toContain('no secondary claim is needed');
  expect(await t.database.db.claim.count({ where: { billId: seeded.billId, rank: 'SECONDARY' } })).toBe(0);
});

it('reloads the bill after staff correct it: a corrected charge is what the payment must balance against', async () => {
  const { seeded, handle } = await start({ withSecondary: false });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  const first = await batchAndSend(handle, 'b-corr-1');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await expect(handle.executeUpdate(billCorrectedUpdate, { args: [actor] })).rejects.toThrow();
  await handle.signal(ackReceivedSignal, {
    claimId: first,
    fileId: 'f277-corr',
    source: '277CA',
    accepted: false,
    reason: 'A7:454 procedure code',
  });
  await until(handle, (v) => v.status === 'REJECTED');

  // Staff fix line 2's charge in the database (the API's PATCH /bills/{id}), then tell the workflow.
  await t.database.db.serviceLine.update({
    where: { billId_lineNumber: { billId: seeded.billId, lineNumber: 2 } },
    data: { chargeCents: 7000 },
  });
  expect((await handle.executeUpdate(billCorrectedUpdate, { args: [actor] })).status).toBe('REJECTED');
  await handle.executeUpdate(resubmitUpdate, { args: [actor] });
  await batchAndSend(handle, 'b-corr-2');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  const post = (paid: number) =>
    handle.executeUpdate(postPaymentUpdate, {
      args: [{ ...actor, paidCents: paid, patientResponsibilityCents: 0, adjudicationDate: '2026-11-25', adjustments: [] }],
    });
  await expect(post(20000)).rejects.toMatchObject({ cause: { message: expect.stringContaining('does not balance') } });
  await post(22000);
  expect((await handle.result()).status).toBe('CLOSED');
});

it("takes only the current claim's answers: a second rejection of the old claim does not reject its replacement", async () => {
  const { handle } = await start({ withSecondary: false });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  const first = await batchAndSend(handle, 'dup-rej-1');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  // Office Ally's 277CA and the payer's both reject the claim.
  await handle.signal(ackReceivedSignal, { claimId: first, fileId: 'oa-277', source: '277CA', accepted: false, reason: 'A3:21' });
  await handle.signal(ackReceivedSignal, { claimId: first, fileId: 'payer-277', source: '277CA', accepted: false, reason: 'A7:21' });
  await until(handle, (v) => v.status === 'REJECTED');
  await handle.executeUpdate(resubmitUpdate, { args: [actor] });
  const second = await batchAndSend(handle, 'dup-rej-2');
  expect(second).not.toBe(first);
  const view = await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  expect(view.claimId).toBe(second);
  await handle.terminate('test over');
});

it('refuses a void once a payment is posted, and while the claim is being sent', async () => {
  const { handle } = await start();
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  const { claimId } = await until(handle, (v) => v.status === 'READY_TO_BATCH');
  await handle.signal(claimBatchedSignal, { claimId: claimId!, batchId: 'vb-1' });
  await until(handle, (v) => v.status === 'BATCHED');
  await expect(handle.executeUpdate(voidUpdate, { args: [{ ...actor, reason: 'DUPLICATE' }] })).rejects.toMatchObject({
    cause: { message: expect.stringContaining('being sent') },
  });
  await handle.signal(batchSentSignal, { claimId: claimId!, batchId: 'vb-1', fileId: 'f-vb-1' });
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await handle.executeUpdate(postPaymentUpdate, {
    args: [
      {
        ...actor,
        paidCents: 15000,
        patientResponsibilityCents: 5000,
        adjudicationDate: '2026-11-25',
        adjustments: [{ group: 'PR', reason: '2', amountCents: 5000 }],
      },
    ],
  });
  await until(handle, (v) => v.rank === 'SECONDARY');
  await expect(handle.executeUpdate(voidUpdate, { args: [{ ...actor, reason: 'DUPLICATE' }] })).rejects.toMatchObject({
    cause: { message: expect.stringContaining('payment is posted') },
  });
  await handle.terminate('test over');
});

it('Ready to Batch clicked on the primary does not skip staff confirmation of the secondary', async () => {
  const { handle } = await start({ autoBatchSecondary: false });
  await handle.executeUpdate(submitUpdate, { args: [actor] });
  await until(handle, (v) => v.status === 'READY_TO_BATCH');
  expect((await handle.executeUpdate(setReadyToBatchUpdate, { args: [actor] })).status).toBe('READY_TO_BATCH');
  await batchAndSend(handle, 'rtb-1');
  await until(handle, (v) => v.status === 'AWAITING_PRIMARY');
  await handle.executeUpdate(postPaymentUpdate, {
    args: [
      {
        ...actor,
        paidCents: 15000,
        patientResponsibilityCents: 5000,
        adjudicationDate: '2026-11-25',
        adjustments: [{ group: 'PR', reason: '2', amountCents: 5000 }],
      },
    ],
  });
  const waiting = await until(handle, (v) => v.rank === 'SECONDARY' && v.waitingFor.startsWith('staff'));
  expect(waiting.status).toBe('PROCESSED');
  expect(waiting.waitingFor).toContain('staff to set the secondary claim Ready to Batch');
  // And it stays there: nothing sends the secondary before staff say so.
  await t.env.sleep(3 * DAY);
  expect((await handle.query(billViewQuery)).status).toBe('PROCESSED');
  await handle.terminate('test over');
});
