/**
 * On the Temporal dev server (real persistence and visibility): the worker is stopped while
 * bills wait and a new one takes over; every bill goes on and no claim is sent twice. Then
 * ops find the bills that need attention with `temporal workflow list --query`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { testActivityContext } from '../../support/activity-context';
import { LocalDirectoryClearinghouse } from '../../../clearinghouse';
import { temporalCliPath } from '../../../temporal/binaries';
import { billViewQuery, billWorkflowId, claimRefusedSignal, submitUpdate, type BillView } from '../../../workflows/bill/definitions';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';
import { devServerEnvironment, testWorker } from '../../support/temporal';
import { waitUntil } from '../../support/wait-until';
import type { billLifecycle } from '../../../workflows/bill/workflow';
import type { batchWorkflow } from '../../../workflows/batch/workflow';

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let clearinghouseDir: string;
const taskQueue = 'worker-restart-test';

beforeAll(async () => {
  [env, database] = await Promise.all([devServerEnvironment(), createTestDatabase()]);
  clearinghouseDir = mkdtempSync(path.join(os.tmpdir(), 'scx-restart-'));
});

afterAll(async () => {
  await env?.teardown();
  await database?.close();
});

function newWorker(): Promise<Worker> {
  const clearinghouse = new LocalDirectoryClearinghouse(clearinghouseDir);
  return testWorker(env, {
    taskQueue,
    activities: createActivities(testActivityContext(database.db, { clearinghouse })),
  });
}

async function until(billId: string, ok: (v: BillView) => boolean): Promise<BillView> {
  const handle = env.client.workflow.getHandle(billWorkflowId(billId));
  return waitUntil(() => handle.query(billViewQuery), ok, { what: `bill ${billId}`, timeoutMs: 40_000 });
}

it('a new worker carries on every waiting bill, and no claim is sent twice', async () => {
  let worker = await newWorker();
  let running = worker.run();
  const seeded = await Promise.all([0, 1, 2].map(() => seedBill(database.db, { withSecondary: false })));
  const practiceIds = new Set(seeded.map((s) => s.practiceId));
  for (const s of seeded) {
    const handle = await env.client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(s.billId),
      args: [{ billId: s.billId, practiceId: s.practiceId }],
    });
    await handle.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] });
    await until(s.billId, (v) => v.status === 'READY_TO_BATCH');
  }

  // The worker goes away while the bills wait; batches are asked for meanwhile.
  worker.shutdown();
  await running;
  const batches = [...practiceIds].map((practiceId) =>
    env.client.workflow.start<typeof batchWorkflow>('batchWorkflow', {
      taskQueue,
      workflowId: `batch-${practiceId}-restart`,
      args: [{ practiceId, actor: 'key:test' }],
    }),
  );
  const handles = await Promise.all(batches);

  worker = await newWorker();
  running = worker.run();
  try {
    const results = await Promise.all(handles.map((h) => h.result()));
    expect(results.reduce((t, r) => t + r.claimCount, 0)).toBe(3);
    for (const s of seeded) await until(s.billId, (v) => v.status === 'AWAITING_PRIMARY');

    // Asking again for the same batch, or a new one, sends nothing twice.
    for (const practiceId of practiceIds) {
      const again = await env.client.workflow.execute<typeof batchWorkflow>('batchWorkflow', {
        taskQueue,
        workflowId: `batch-${practiceId}-again`,
        args: [{ practiceId, actor: 'key:test' }],
      });
      expect(again.claimCount).toBe(0);
    }
    const inbound = path.join(clearinghouseDir, 'inbound');
    const sent = readdirSync(inbound).map((f) => readFileSync(path.join(inbound, f), 'utf8'));
    const clm01s = sent.flatMap((text) => [...text.matchAll(/~CLM\*([^*]+)\*/g)].map((m) => m[1]));
    const claims = await database.db.claim.findMany({ where: { billId: { in: seeded.map((s) => s.billId) } } });
    expect(clm01s.sort()).toEqual(claims.map((c) => c.patientControlNumber).sort());
  } finally {
    worker.shutdown();
    await running;
  }
});

it('ops find the bills that need attention with temporal workflow list --query', async () => {
  const worker = await newWorker();
  const running = worker.run();
  try {
    const s = await seedBill(database.db);
    const handle = await env.client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(s.billId),
      args: [{ billId: s.billId, practiceId: s.practiceId }],
    });
    await handle.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] });
    const { claimId } = await until(s.billId, (v) => v.status === 'READY_TO_BATCH');
    await handle.signal(claimRefusedSignal, { claimId: claimId!, batchId: 'b-1', problems: ['serviceLines[0].procedureCode: format'] });
    await until(s.billId, (v) => v.needsAttention);

    const address = env.address;
    const query = `NeedsAttention = true AND AttentionReason = "CLAIM_INVALID" AND BillStatus = "READY_TO_BATCH"`;
    const listed = await waitUntil(
      () => execFileSync(temporalCliPath(), ['workflow', 'list', '--address', address, '--query', query]).toString(),
      (out) => out.includes(billWorkflowId(s.billId)),
      { intervalMs: 200, timeoutMs: 10_000, what: 'the bill in the visibility list' },
    );
    expect(listed).toContain(billWorkflowId(s.billId));
    const calm = execFileSync(temporalCliPath(), [
      'workflow',
      'list',
      '--address',
      address,
      '--query',
      'NeedsAttention = false',
    ]).toString();
    expect(calm).not.toContain(billWorkflowId(s.billId));
    await handle.terminate('test over');
  } finally {
    worker.shutdown();
    await running;
  }
});
