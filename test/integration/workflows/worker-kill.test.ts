/**
 * On the Temporal dev server: a worker process is killed (`kill -9`) in the middle of a long
 * activity, a new worker process starts, and the work goes on within seconds, because every
 * activity heartbeats and has a short heartbeat timeout (workflows/activity-timeouts.ts), not
 * after the activity's start-to-close timeout (minutes). The figures are printed and kept in
 * test-output/worker-kill.json; the only bound asserted is a generous one (well under the
 * start-to-close timeouts the retry used to wait for).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { generate835For } from '../../support/era-generator';
import { seedBill, type SeededBill } from '../../support/fixtures';
import { testOutputDir } from '../../support/paths';
import { devServerEnvironment } from '../../support/temporal';
import { waitUntil } from '../../support/wait-until';
import { startWorkerProcess, type WorkerProcess } from '../../support/worker-process';
import type { batchWorkflow } from '../../../workflows/batch/workflow';
import type { clearinghouseSyncLoop } from '../../../workflows/sync/loop';

let env: TestWorkflowEnvironment;
let database: TestDatabase;
const workers: WorkerProcess[] = [];
const figures: Record<string, number> = {};

/** Far longer than any bound below: a killed attempt can only come back through its heartbeat timeout. */
const SLOW_MS = 10 * 60_000;
/** Generous: the retry used to wait for the start-to-close timeout (5 minutes for a batch, 10 for the sync). */
const GENEROUS_MS = 120_000;
/** Claims in the 835 of the posting case: enough chunks (500 claims each) that a kill lands between two. */
const ERA_CLAIMS = 6000;

beforeAll(async () => {
  [env, database] = await Promise.all([devServerEnvironment(), createTestDatabase()]);
});

afterAll(async () => {
  for (const w of workers) await w.kill9();
  writeFileSync(path.join(testOutputDir, 'worker-kill.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await env?.teardown();
  await database?.close();
});

async function worker(taskQueue: string, clearinghouseDir: string, slowClearinghouseMs = 0): Promise<WorkerProcess> {
  const w = await startWorkerProcess({ address: env.address, taskQueue, databaseUrl: database.url, clearinghouseDir, slowClearinghouseMs });
  workers.push(w);
  return w;
}

/** A bill Ready to Batch with its primary claim waiting, as the bill's workflow leaves it. */
async function readyClaim(seeded: SeededBill): Promise<string> {
  const db = database.db;
  const policy = await db.insurancePolicy.findFirstOrThrow({ where: { clientId: seeded.clientId, rank: 'PRIMARY' } });
  await db.bill.update({ where: { id: seeded.billId }, data: { status: 'READY_TO_BATCH' } });
  const claim = await db.claim.create({
    data: {
      billId: seeded.billId,
      payerId: policy.payerId,
      policyId: policy.id,
      rank: 'PRIMARY',
      patientControlNumber: `KILL${Date.now().toString(36).toUpperCase()}`,
      totalChargeCents: seeded.lineCharges.reduce((t, c) => t + c, 0),
    },
  });
  return claim.id;
}

/** The attempt that finished the activity, and why the one before it ended. */
async function lastAttemptOf(handle: WorkflowHandle, activityType: string) {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType);
  const started = events.find(
    (e) =>
      e.activityTaskStartedEventAttributes && String(e.activityTaskStartedEventAttributes.scheduledEventId) === String(scheduled?.eventId),
  )?.activityTaskStartedEventAttributes;
  return { attempt: started?.attempt ?? 0, lastTimeout: started?.lastFailure?.timeoutFailureInfo?.timeoutType ?? null };
}

function report(name: string, killedAt: number, readyAt: number, doneAt: number): void {
  figures[`${name}KillToDoneMs`] = doneAt - killedAt;
  figures[`${name}NewWorkerReadyToDoneMs`] = doneAt - readyAt;
  console.log(
    `${name}: worker killed mid-activity; work done ${((doneAt - killedAt) / 1000).toFixed(1)} s after the kill, ` +
      `${((doneAt - readyAt) / 1000).toFixed(1)} s after the new worker was ready`,
  );
}

it('a worker killed in the middle of a batch upload: a new worker sends the batch within seconds, once', async () => {
  const taskQueue = 'worker-kill-batch';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scx-kill-batch-'));
  const seeded = await seedBill(database.db, { withSecondary: false });
  const claimId = await readyClaim(seeded);

  const first = await worker(taskQueue, dir, SLOW_MS);
  const handle = await env.client.workflow.start<typeof batchWorkflow>('batchWorkflow', {
    taskQueue,
    workflowId: `batch-${seeded.practiceId}-kill`,
    args: [{ practiceId: seeded.practiceId, actor: 'key:test' }],
  });
  await first.waitFor('slow upload started');
  const killedAt = Date.now();
  await first.kill9();

  await worker(taskQueue, dir);
  const readyAt = Date.now();
  const result = await handle.result();
  const doneAt = Date.now();
  report('batchUpload', killedAt, readyAt, doneAt);

  expect(result.claimCount).toBe(1);
  expect(readdirSync(path.join(dir, 'inbound'))).toEqual([result.remoteName]);
  expect(await database.db.claim.findUniqueOrThrow({ where: { id: claimId } })).toMatchObject({ status: 'SUBMITTED' });
  // The killed attempt ended by its heartbeat timeout, and the second attempt finished the upload.
  expect(await lastAttemptOf(handle, 'sendBatch')).toEqual({
    attempt: 2,
    lastTimeout: temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
  });
  expect(doneAt - killedAt).toBeLessThan(GENEROUS_MS);
}, 300_000);

it('a worker killed in the middle of a clearinghouse poll: the sync loop polls again on a new worker within seconds', async () => {
  const taskQueue = 'worker-kill-sync';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scx-kill-sync-'));
  const first = await worker(taskQueue, dir, SLOW_MS);
  const handle = await env.client.workflow.start<typeof clearinghouseSyncLoop>('clearinghouseSyncLoop', {
    taskQueue,
    workflowId: 'clearinghouse-sync-kill',
    args: [{ everySeconds: 3600 }],
  });
  await first.waitFor('slow listing started');
  // A response waits at the clearinghouse: a report that is not X12, kept for a person to read.
  const name = `report-${Date.now().toString(36)}.txt`;
  mkdirSync(path.join(dir, 'outbound'), { recursive: true });
  writeFileSync(path.join(dir, 'outbound', name), 'Office Ally report: nothing to read here\n');
  const killedAt = Date.now();
  await first.kill9();

  await worker(taskQueue, dir);
  const readyAt = Date.now();
  const kept = await waitUntil(
    () => database.db.clearinghouseFile.findFirst({ where: { direction: 'INBOUND', name } }),
    (f) => f?.status === 'NEEDS_REVIEW',
    { what: 'the response kept and read', timeoutMs: 240_000, intervalMs: 200 },
  );
  const doneAt = Date.now();
  report('syncPoll', killedAt, readyAt, doneAt);
  await handle.terminate('test over');

  expect(kept?.status).toBe('NEEDS_REVIEW');
  expect(await lastAttemptOf(handle, 'pollClearinghouse')).toEqual({
    attempt: 2,
    lastTimeout: temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
  });
  expect(doneAt - killedAt).toBeLessThan(GENEROUS_MS);
}, 300_000);

it('a worker killed in the middle of posting an 835: a new worker posts the rest within seconds, nothing twice', async () => {
  const taskQueue = 'worker-kill-835';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scx-kill-835-'));
  // An 835 of claims the engine never sent: each is queued for a person (UnmatchedEraClaim), in chunks.
  const claims = Array.from({ length: ERA_CLAIMS }, (_, i) => ({ patientControlNumber: `KILLERA${i}`, chargeCents: 15_000 }));
  const name = `era-${Date.now().toString(36)}.835`;
  mkdirSync(path.join(dir, 'outbound'), { recursive: true });
  writeFileSync(path.join(dir, 'outbound', name), generate835For(claims, { trace: `KILL${Date.now()}` }));
  const queued = () => database.db.unmatchedEraClaim.count({ where: { patientControlNumber: { startsWith: 'KILLERA' } } });

  const first = await worker(taskQueue, dir);
  const handle = await env.client.workflow.start<typeof clearinghouseSyncLoop>('clearinghouseSyncLoop', {
    taskQueue,
    workflowId: 'clearinghouse-sync-kill-835',
    args: [{ everySeconds: 3600 }],
  });
  // Killed once the first chunks are posted and before the last.
  const partly = await waitUntil(queued, (n) => n > 0, { what: 'the first chunk posted', timeoutMs: 240_000, intervalMs: 50 });
  const killedAt = Date.now();
  await first.kill9();
  expect(partly).toBeLessThan(ERA_CLAIMS);

  const atKill = await queued();

  await worker(taskQueue, dir);
  const readyAt = Date.now();
  // Resumed: the retried attempt writes again (posting the rest: the killed attempt's chunks are skipped as posted).
  await waitUntil(queued, (n) => n > atKill, { what: 'the retry posting again', timeoutMs: 240_000, intervalMs: 100 });
  const resumedAt = Date.now();
  figures.eraPostingNewWorkerReadyToResumedMs = resumedAt - readyAt;
  figures.eraPostingKillToResumedMs = resumedAt - killedAt;
  console.log(
    `eraPosting: posting resumed ${((resumedAt - killedAt) / 1000).toFixed(1)} s after the kill, ` +
      `${((resumedAt - readyAt) / 1000).toFixed(1)} s after the new worker was ready`,
  );
  const file = await waitUntil(
    () => database.db.clearinghouseFile.findFirst({ where: { direction: 'INBOUND', name } }),
    (f) => f?.status === 'PROCESSED',
    { what: 'the 835 posted whole', timeoutMs: 240_000, intervalMs: 200 },
  );
  const doneAt = Date.now();
  report('eraPosting', killedAt, readyAt, doneAt);
  figures.eraPostingClaimsBeforeKill = atKill;
  await handle.terminate('test over');

  expect(file?.status).toBe('PROCESSED');
  // Every claim queued once: the retry resumed over what the killed attempt had written, posting nothing twice.
  expect(await queued()).toBe(ERA_CLAIMS);
  expect(await lastAttemptOf(handle, 'processInboundFile')).toEqual({
    attempt: 2,
    lastTimeout: temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
  });
  expect(doneAt - killedAt).toBeLessThan(GENEROUS_MS);
}, 300_000);
