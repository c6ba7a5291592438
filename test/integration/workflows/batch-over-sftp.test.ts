/**
 * Batches through Office Ally's SFTP, against a real OpenSSH server, with the real worker
 * activities on the Temporal dev server: a wrong pinned host key stops the send (and only
 * the send: the bill waits, Batched); once the key is right, staff send the batch again and
 * it goes out once, however often it is asked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { OfficeAllySftpClearinghouse, type OfficeAllySftpConfig } from '../../../clearinghouse';
import { billViewQuery, billWorkflowId, submitUpdate, type BillView } from '../../../workflows/bill/definitions';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';
import { startSshd, type SshdServer } from '../../support/sshd';
import { devServerEnvironment, testWorker } from '../../support/temporal';

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let sshd: SshdServer;
const taskQueue = 'batch-over-sftp';

beforeAll(async () => {
  [env, database, sshd] = await Promise.all([devServerEnvironment(), createTestDatabase(), startSshd()]);
});

afterAll(async () => {
  await env?.teardown();
  await database?.close();
  await sshd?.dispose();
});

function officeAlly(hostKeySha256: string): OfficeAllySftpClearinghouse {
  const config: OfficeAllySftpConfig = {
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    auth: { privateKeyPath: sshd.privateKeyPath },
    hostKeySha256: [hostKeySha256],
    inboundDir: sshd.inboundDir,
    outboundDir: sshd.outboundDir,
    stagingDir: sshd.inboundDir,
    testMode: true,
    testFileMarker: 'OATEST',
    afterDownload: { action: 'keep' },
    readyTimeoutMs: 5_000,
    operationTimeoutMs: 10_000,
    keepaliveIntervalMs: 1_000,
  };
  return new OfficeAllySftpClearinghouse(config);
}

async function withWorker<T>(hostKeySha256: string, run: () => Promise<T>): Promise<T> {
  const clearinghouse = officeAlly(hostKeySha256);
  const worker: Worker = await testWorker(env, {
    taskQueue,
    activities: createActivities({ db: database.db, clearinghouse, x12: { usage: 'test', submitterId: 'SUB1', submitterName: 'TEST SUBMITTER', submitterPhone: '8005550100' } }),
  });
  const running = worker.run();
  try {
    return await run();
  } finally {
    worker.shutdown();
    await running;
    await clearinghouse.close();
  }
}

async function until(billId: string, ok: (v: BillView) => boolean): Promise<BillView> {
  const handle = env.client.workflow.getHandle(billWorkflowId(billId));
  for (let i = 0; i < 300; i++) {
    const v = await handle.query(billViewQuery);
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bill ${billId}: ${JSON.stringify(await handle.query(billViewQuery))}`);
}

it('a refused host key stops only the send; sent again once fixed, the batch goes out exactly once', async () => {
  const s = await seedBill(database.db, { withSecondary: false });
  const wrongKey = 'SHA256:' + Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '');

  const batchId = await withWorker(wrongKey, async () => {
    const bill = await env.client.workflow.start('billLifecycle', { taskQueue, workflowId: billWorkflowId(s.billId), args: [{ billId: s.billId, practiceId: s.practiceId }] });
    await bill.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] });
    await until(s.billId, (v) => v.status === 'READY_TO_BATCH');
    const failed = env.client.workflow.execute('batchWorkflow', { taskQueue, workflowId: `batch-${s.practiceId}-1`, args: [{ practiceId: s.practiceId, actor: 'key:test' }] });
    await expect(failed).rejects.toBeInstanceOf(WorkflowFailedError);
    await expect(failed).rejects.toMatchObject({ cause: { cause: { message: expect.stringMatching(/host key/i) } } });
    await until(s.billId, (v) => v.status === 'BATCHED');
    const batch = await database.db.batch.findFirstOrThrow({ where: { practiceId: s.practiceId } });
    expect(batch.status).toBe('WRITTEN');
    expect(readdirSync(sshd.localInbound)).toEqual([]);
    return batch.id;
  });

  await withWorker(sshd.hostKeySha256, async () => {
    for (const attempt of [1, 2]) {
      const result = await env.client.workflow.execute('sendBatchWorkflow', { taskQueue, workflowId: `send-batch-${batchId}-${attempt}`, args: [{ batchId }] });
      expect(result.claimCount).toBe(1);
    }
    await until(s.billId, (v) => v.status === 'AWAITING_PRIMARY');
  });
  const files = readdirSync(sshd.localInbound);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/837P.*OATEST/);
  const claim = await database.db.claim.findFirstOrThrow({ where: { billId: s.billId } });
  expect(readFileSync(path.join(sshd.localInbound, files[0]!), 'utf8')).toContain(`CLM*${claim.patientControlNumber}*`);
  expect(await database.db.batch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({ status: 'SENT' });
});
