/**
 * Batches through Office Ally's SFTP, against a real OpenSSH server, with the real worker
 * activities on the Temporal dev server: a wrong pinned host key stops the send (and only
 * the send: the bill waits, Batched); once the key is right, staff send the batch again and
 * it goes out once, however often it is asked. And path 1 whole over SFTP: the primary's
 * ERA comes back, the secondary claim (written from the database, checked by our checker and
 * pyx12) goes out by itself, and its ERA closes the bill.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { testActivityContext } from '../../support/activity-context';
import { OfficeAllySftpClearinghouse, type OfficeAllySftpConfig } from '../../../clearinghouse';
import { simulatePayer } from '../../../clearinghouse/simulator';
import { check837P } from '../../../x12/837p';
import { runX12valid, x12validAvailable } from '../../unit/x12/837p/support/x12valid';
import { testOutputDir } from '../../support/paths';
import { billViewQuery, billWorkflowId, submitUpdate, type BillView } from '../../../workflows/bill/definitions';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';
import { startSshd, type SshdServer } from '../../support/sshd';
import { devServerEnvironment, testWorker } from '../../support/temporal';
import { waitUntil } from '../../support/wait-until';
import type { billLifecycle } from '../../../workflows/bill/workflow';
import type { clearinghouseSync } from '../../../workflows/sync/workflow';
import type { batchWorkflow, sendBatchWorkflow } from '../../../workflows/batch/workflow';

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
    activities: createActivities(testActivityContext(database.db, { clearinghouse })),
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
  return waitUntil(() => handle.query(billViewQuery), ok, { what: `bill ${billId}` });
}

it('a refused host key stops only the send; sent again once fixed, the batch goes out exactly once', async () => {
  const s = await seedBill(database.db, { withSecondary: false });
  const wrongKey = 'SHA256:' + Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '');

  const batchId = await withWorker(wrongKey, async () => {
    const bill = await env.client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(s.billId),
      args: [{ billId: s.billId, practiceId: s.practiceId }],
    });
    await bill.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] });
    await until(s.billId, (v) => v.status === 'READY_TO_BATCH');
    const failed = env.client.workflow.execute<typeof batchWorkflow>('batchWorkflow', {
      taskQueue,
      workflowId: `batch-${s.practiceId}-1`,
      args: [{ practiceId: s.practiceId, actor: 'key:test' }],
    });
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
      const result = await env.client.workflow.execute<typeof sendBatchWorkflow>('sendBatchWorkflow', {
        taskQueue,
        workflowId: `send-batch-${batchId}-${attempt}`,
        args: [{ batchId }],
      });
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

/** The checks every 837P we write must pass: our independent checker and pyx12's x12valid. */
function expectValid837P(file: string): void {
  const report = check837P(readFileSync(file, 'utf8'));
  expect(report.errors).toEqual([]);
  if (x12validAvailable() || process.env.CI === 'true') {
    const copy = path.join(testOutputDir, `sftp-${path.basename(file)}.x12`);
    mkdirSync(testOutputDir, { recursive: true });
    copyFileSync(file, copy);
    expect(runX12valid(copy).problems).toEqual([]);
  }
}

it('path 1 over Office Ally SFTP: primary ERA posted, the COB secondary sent by itself, paid, Closed', async () => {
  for (const f of readdirSync(sshd.localInbound)) rmSync(path.join(sshd.localInbound, f));
  const s = await seedBill(database.db, { autoBatchSecondary: true });
  await withWorker(sshd.hostKeySha256, async () => {
    const bill = await env.client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(s.billId),
      args: [{ billId: s.billId, practiceId: s.practiceId }],
    });
    await bill.executeUpdate(submitUpdate, { args: [{ actor: 'key:test' }] });

    for (const [round, rank] of [
      [1, 'PRIMARY'],
      [2, 'SECONDARY'],
    ] as const) {
      await until(s.billId, (v) => v.status === 'READY_TO_BATCH' && v.rank === rank);
      const batch = await env.client.workflow.execute<typeof batchWorkflow>('batchWorkflow', {
        taskQueue,
        workflowId: `batch-${s.practiceId}-p1-${round}`,
        args: [{ practiceId: s.practiceId, actor: 'schedule' }],
      });
      expect(batch.claimCount).toBe(1);
      if (!batch.remoteName) throw new Error('the batch was not sent');
      const uploaded = path.join(sshd.localInbound, batch.remoteName);
      expectValid837P(uploaded);
      const text = readFileSync(uploaded, 'utf8');
      if (rank === 'SECONDARY') {
        // The primary's adjudication rides on the secondary claim (2320 AMT*D, 2430 SVD).
        expect(text).toMatch(/~SBR\*S\*/);
        expect(text).toMatch(/~AMT\*D\*/);
        expect(text).toMatch(/~SVD\*/);
      }
      // Office Ally takes the file and, later, its outbound folder holds the payer's answers.
      const answers = simulatePayer(text, new Date());
      rmSync(uploaded);
      writeFileSync(path.join(sshd.localOutbound, `R${round}_999.txt`), answers.ack999);
      writeFileSync(path.join(sshd.localOutbound, `R${round}_277CA.txt`), answers.claimAck277!);
      writeFileSync(path.join(sshd.localOutbound, `R${round}_835.txt`), answers.era835!);
      const sync = await env.client.workflow.execute<typeof clearinghouseSync>('clearinghouseSync', {
        taskQueue,
        workflowId: `sync-p1-${round}`,
        args: [],
      });
      expect(sync.failedFiles).toBe(0);
      expect(sync.files).toBeGreaterThanOrEqual(3);
    }
    await until(s.billId, (v) => v.status === 'CLOSED');
    // Polled again, the same files post nothing twice.
    await env.client.workflow.execute<typeof clearinghouseSync>('clearinghouseSync', { taskQueue, workflowId: 'sync-p1-again', args: [] });
  });
  const payments = await database.db.payment.findMany({ where: { claim: { billId: s.billId } }, include: { claim: true } });
  expect(payments.map((p) => p.claim.rank).sort()).toEqual(['PRIMARY', 'SECONDARY']);
  const kept = await database.db.clearinghouseFile.findMany({ where: { direction: 'INBOUND' } });
  expect(kept.filter((f) => f.kind === '835').length).toBe(2);
});
