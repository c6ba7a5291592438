/**
 * Size: an ERA of SIZE_ERA_CLAIMS generated claims is posted and every bill's workflow hears its
 * payment, and a batch of SIZE_BATCH_CLAIMS claims completes with every bill told, without a
 * workflow carrying one event per claim: the sync's and the batch's histories stay small, and
 * no Temporal warning about payload or history size is logged. On the dev server, real
 * PostgreSQL, the real activities. CI runs 1,000 / 200; the README gives the full-size command
 * (50,000 / 5,000). Prints what it measured and writes it to test-output/size.json.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, type Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { createActivities } from '../../../activities';
import { LocalDirectoryClearinghouse } from '../../../clearinghouse';
import { billWorkflowId, submitUpdate } from '../../../workflows/bill/definitions';
import type { billLifecycle } from '../../../workflows/bill/workflow';
import type { batchWorkflow } from '../../../workflows/batch/workflow';
import type { clearinghouseSync } from '../../../workflows/sync/workflow';
import { testActivityContext } from '../../support/activity-context';
import { seedBulkBills } from '../../support/bulk-bills';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { generate835For } from '../../support/era-generator';
import { seedBill } from '../../support/fixtures';
import { testOutputDir } from '../../support/paths';
import { devServerEnvironment, testWorker } from '../../support/temporal';
import { waitUntil } from '../../support/wait-until';

const ERA_CLAIMS = Number(process.env.SIZE_ERA_CLAIMS ?? 1000);
const BATCH_CLAIMS = Number(process.env.SIZE_BATCH_CLAIMS ?? 200);
/** Far below Temporal's warnings (512 KiB a payload, 10,240 events or 10 MiB a history): a workflow sees counts. */
const SMALL_HISTORY_EVENTS = 100;
const SMALL_HISTORY_BYTES = 64 * 1024;
jest.setTimeout(Math.max(600_000, (ERA_CLAIMS + BATCH_CLAIMS * 4) * 400));

const taskQueue = 'size';
const logged: string[] = [];
const figures: Record<string, unknown> = { eraClaims: ERA_CLAIMS, batchClaims: BATCH_CLAIMS, loadAverage: os.loadavg() };
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let clearinghouse: LocalDirectoryClearinghouse;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  const logger = new DefaultLogger('WARN', (entry) => logged.push(`${entry.level} ${entry.message} ${JSON.stringify(entry.meta ?? {})}`));
  [env, database] = await Promise.all([devServerEnvironment({ logger }), createTestDatabase()]);
  clearinghouse = new LocalDirectoryClearinghouse(mkdtempSync(path.join(os.tmpdir(), 'size-ch-')));
  await clearinghouse.init();
  worker = await testWorker(env, { taskQueue, activities: createActivities(testActivityContext(database.db, { clearinghouse })) });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
  writeFileSync(path.join(testOutputDir, 'size.json'), `${JSON.stringify(figures, null, 2)}\n`);
});

async function inParallel<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const next = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: concurrency }, next));
}

type History = temporal.api.history.v1.IHistory;
const EventType = temporal.api.enums.v1.EventType;

/** A history's event count, its encoded size, and its largest event. */
function sizeOf(history: History): { events: number; bytes: number; largestEventBytes: number } {
  const events = history.events ?? [];
  return {
    events: events.length,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
    largestEventBytes: Math.max(0, ...events.map((e) => temporal.api.history.v1.HistoryEvent.encode(e).finish().length)),
  };
}

/** Milliseconds from an activity's scheduling to its completion, by activity type. */
function activityMs(history: History, type: string): number {
  const events = history.events ?? [];
  const ms = (e: temporal.api.history.v1.IHistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === type);
  const done = events.find(
    (e) =>
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED &&
      Number(e.activityTaskCompletedEventAttributes?.scheduledEventId) === Number(scheduled?.eventId),
  );
  if (!scheduled || !done) throw new Error(`activity ${type} did not complete`);
  return ms(done) - ms(scheduled);
}

async function signalsHeard(billId: string, signalName: string): Promise<number> {
  const history = await env.client.workflow.getHandle(billWorkflowId(billId)).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === signalName).length;
}

function expectNoSizeWarnings(): void {
  expect(logged.filter((line) => /payload size|history size|exceeds? .*limit|blob/i.test(line))).toEqual([]);
}

it(`a batch of ${BATCH_CLAIMS} claims completes and every bill hears it was batched and sent`, async () => {
  const base = await seedBill(database.db, { tag: 'sizeB' });
  const billIds = [base.billId, ...(await seedBulkBills(database.db, base, BATCH_CLAIMS - 1)).map((b) => b.billId)];
  await inParallel(billIds, 16, async (billId) => {
    const bill = await env.client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(billId),
      args: [{ billId, practiceId: base.practiceId }],
    });
    await bill.executeUpdate(submitUpdate, { args: [{ actor: 'key:size' }] });
  });
  const ready = () => database.db.bill.count({ where: { practiceId: base.practiceId, status: 'READY_TO_BATCH' } });
  await waitUntil(ready, (n) => n === BATCH_CLAIMS, { timeoutMs: BATCH_CLAIMS * 1000, intervalMs: 500, what: 'bills ready to batch' });

  const started = Date.now();
  const batch = await env.client.workflow.start<typeof batchWorkflow>('batchWorkflow', {
    taskQueue,
    workflowId: `batch-size-${base.practiceId}`,
    args: [{ practiceId: base.practiceId, actor: 'schedule' }],
  });
  const result = await batch.result();
  const batchMs = Date.now() - started;
  expect(result).toMatchObject({ claimCount: BATCH_CLAIMS, refusedCount: 0 });
  // A bill moves past Batched (to Submitted, then waiting for the payer) once its workflow has heard that its claim was batched and then sent.
  const submitted = () =>
    database.db.bill.count({ where: { practiceId: base.practiceId, status: { notIn: ['DRAFT', 'READY_TO_BATCH', 'BATCHED'] } } });
  await waitUntil(submitted, (n) => n === BATCH_CLAIMS, { timeoutMs: BATCH_CLAIMS * 1000, intervalMs: 500, what: 'bills submitted' });
  const allSubmittedMs = Date.now() - started;

  const history = sizeOf(await batch.fetchHistory());
  expect(history.events).toBeLessThan(SMALL_HISTORY_EVENTS);
  expect(history.bytes).toBeLessThan(SMALL_HISTORY_BYTES);
  const sample = billIds.filter((_, i) => i % Math.max(1, Math.floor(BATCH_CLAIMS / 50)) === 0);
  for (const billId of sample) {
    expect(await signalsHeard(billId, 'claimBatched')).toBe(1);
    expect(await signalsHeard(billId, 'batchSent')).toBe(1);
  }
  expectNoSizeWarnings();
  figures.batch = { ms: batchMs, untilEveryBillSubmittedMs: allSubmittedMs, history };
  console.log(
    `batch of ${BATCH_CLAIMS}: workflow done in ${(batchMs / 1000).toFixed(1)} s, every bill Submitted after ${(allSubmittedMs / 1000).toFixed(1)} s; ` +
      `batch history ${history.events} events, ${history.bytes} bytes (largest event ${history.largestEventBytes} bytes)`,
  );
});

it(`an ERA of ${ERA_CLAIMS} claims is posted and every bill's workflow hears its payment`, async () => {
  const base = await seedBill(database.db, { tag: 'sizeE' });
  const t0 = Date.now();
  const bills = await seedBulkBills(database.db, base, ERA_CLAIMS, { claimPrefix: 'SZE' });
  await inParallel(bills, 32, async (b) => {
    await env.client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(b.billId),
      args: [{ billId: b.billId, practiceId: base.practiceId }],
    });
  });
  console.log(`ERA: ${ERA_CLAIMS} bill workflows started after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // Every bill's workflow has started (recorded its first step): the sync is measured alone.
  const startedBills = () => database.db.bill.count({ where: { practiceId: base.practiceId, stateStep: { gt: 0 } } });
  await waitUntil(startedBills, (n) => n === ERA_CLAIMS, { timeoutMs: ERA_CLAIMS * 500, intervalMs: 500, what: 'bill workflows started' });
  console.log(`ERA: ${ERA_CLAIMS} bill workflows waiting after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const era = generate835For(bills.map((b) => ({ patientControlNumber: b.patientControlNumber!, chargeCents: b.chargeCents })));
  writeFileSync(path.join(clearinghouse.outboundDir, 'SIZE_ERA.835'), era);

  const started = Date.now();
  const sync = await env.client.workflow.start<typeof clearinghouseSync>('clearinghouseSync', {
    taskQueue,
    workflowId: 'sync-size',
    args: [],
  });
  const result = await sync.result();
  const everyBillToldMs = Date.now() - started;
  expect(result).toEqual({ files: 1, failedFiles: 0, events: ERA_CLAIMS });
  // Counted by the practice: a list of 50,000 bill ids is past PostgreSQL's limit of bind parameters.
  expect(await database.db.payment.count({ where: { claim: { bill: { practiceId: base.practiceId } } } })).toBe(ERA_CLAIMS);

  const raw = await sync.fetchHistory();
  const history = sizeOf(raw);
  expect(history.events).toBeLessThan(SMALL_HISTORY_EVENTS);
  expect(history.bytes).toBeLessThan(SMALL_HISTORY_BYTES);
  const postingMs = activityMs(raw, 'processInboundFile');
  const tellingMs = activityMs(raw, 'tellBills');
  // Every bill's workflow has the payment's signal in its history, once.
  const heard: number[] = [];
  await inParallel(bills, 16, async (b) => {
    heard.push(await signalsHeard(b.billId, 'eraPosted'));
  });
  expect(heard.filter((n) => n !== 1)).toEqual([]);
  expect(heard).toHaveLength(ERA_CLAIMS);
  expectNoSizeWarnings();

  figures.era = {
    fileBytes: Buffer.byteLength(era),
    postingMs,
    claimsPostedPerSecond: Math.round((ERA_CLAIMS / postingMs) * 1000),
    tellingMs,
    billsToldPerSecond: Math.round((ERA_CLAIMS / tellingMs) * 1000),
    untilEveryBillHeardMs: everyBillToldMs,
    history,
  };
  console.log(
    `ERA of ${ERA_CLAIMS} claims (${(Buffer.byteLength(era) / 1024 / 1024).toFixed(1)} MB): posted in ${(postingMs / 1000).toFixed(1)} s ` +
      `(${Math.round((ERA_CLAIMS / postingMs) * 1000)} claims/s), bills told in ${(tellingMs / 1000).toFixed(1)} s, ` +
      `every bill heard ${(everyBillToldMs / 1000).toFixed(1)} s after the sync started; sync history ${history.events} events, ${history.bytes} bytes; ` +
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
});
