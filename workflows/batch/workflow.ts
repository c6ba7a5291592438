/**
 * A batch: collects the practice's claims that are Ready to Batch, writes one 837P file
 * for them, hands it to the clearinghouse and tells each bill. Started by staff through
 * the API or by the practice's Temporal Schedule; its workflow id is the batch's key, so
 * a batch request repeated is the same batch.
 */
import { getExternalWorkflowHandle, log, metricMeter, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BatchActivities, CreatedBatch } from '../activity-contract';
import { BULK, CLEARINGHOUSE, LONG, SHORT } from '../activity-timeouts';
import { batchSentSignal, billWorkflowId, claimBatchedSignal, claimRefusedSignal } from '../bill/definitions';

const retry = { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' } as const;
const short = proxyActivities<BatchActivities>({ ...SHORT, retry });
const acts = {
  createBatch: proxyActivities<BatchActivities>({ ...LONG, retry }).createBatch,
  sendBatch: proxyActivities<BatchActivities>({ ...CLEARINGHOUSE, retry }).sendBatch,
  refusedClaims: short.refusedClaims,
  describeBatch: short.describeBatch,
};

/** Telling a batch's bills (up to 5,000 claims) from an activity, through the client: long, with heartbeats. */
const tellActs = proxyActivities<BatchActivities>({
  ...BULK,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Added while batches were in flight: the bills are told by an activity (tellBatchBills) from
 * notices kept in the database, a bounded number at a time, instead of one signal per claim from
 * this workflow (two per claim: 10,000 signals for a full batch, near a history's limit); the
 * activities' results carry counts, not the claims.
 */
const BY_NOTICES = 'tell-bills-by-notices';

/** The batch written, its bills told through notices, sent, and told again. */
async function writeAndSendByNotices(input: BatchWorkflowInput): Promise<BatchResult> {
  const batch = await acts.createBatch({
    practiceId: input.practiceId,
    batchKey: workflowInfo().workflowId,
    actor: input.actor,
    countOnly: true,
  });
  if (!batch) return { claimCount: 0, refusedCount: 0 };
  const refused = await tellActs.tellBatchBills({ batchId: batch.batchId, kind: 'refused' });
  const refusedCount = refused.notices ?? refused.told;
  if (!batch.fileId) return { batchId: batch.batchId, claimCount: 0, refusedCount };
  const sent = await sendAndTellByNotices(batch.batchId);
  return { batchId: batch.batchId, fileId: sent.fileId, claimCount: batch.claimCount ?? 0, refusedCount, remoteName: sent.remoteName };
}

async function sendAndTellByNotices(batchId: string): Promise<{ fileId: string; remoteName: string }> {
  await tellActs.tellBatchBills({ batchId, kind: 'batched' });
  const sent = await acts.sendBatch({ batchId });
  await tellActs.tellBatchBills({ batchId, kind: 'sent' });
  return sent;
}

export interface BatchWorkflowInput {
  practiceId: string;
  actor: string;
}

export interface BatchResult {
  batchId?: string;
  fileId?: string;
  claimCount: number;
  /** Claims set aside because their bill fails an 837P rule; each bill was told why. */
  refusedCount: number;
  remoteName?: string;
}

async function tellBills(batch: CreatedBatch, tell: (billWorkflowId: string, claimId: string) => Promise<void>): Promise<void> {
  for (const { billId, claimId } of batch.claims) {
    try {
      await tell(billWorkflowId(billId), claimId);
    } catch (err) {
      // A bill whose workflow is gone (closed by hand) cannot hear; the claim is in the file all the same.
      log.warn('bill workflow could not be told', { billId, claimId, error: (err as Error).message });
    }
  }
}

/** Records the batch's duration and outcome (`sent`, `empty`, `refused`, `failed`) on the worker's metrics endpoint. */
async function measured(run: () => Promise<BatchResult>): Promise<BatchResult> {
  const started = Date.now();
  const duration = metricMeter.createHistogram('claims_batch_duration', 'int', 'ms', 'A batch workflow, start to file sent');
  const runs = metricMeter.createCounter('claims_batch_runs', '', 'Batch workflows, by outcome');
  const claims = metricMeter.createCounter('claims_batch_claims', '', 'Claims batched, and claims refused by an 837P rule');
  let outcome = 'failed';
  try {
    const result = await run();
    outcome = result.fileId ? 'sent' : result.refusedCount > 0 ? 'refused' : 'empty';
    claims.withTags({ result: 'batched' }).add(result.claimCount);
    claims.withTags({ result: 'refused' }).add(result.refusedCount);
    return result;
  } finally {
    duration.withTags({ outcome }).record(Date.now() - started);
    runs.withTags({ outcome }).add(1);
  }
}

export async function batchWorkflow(input: BatchWorkflowInput): Promise<BatchResult> {
  return measured(() => writeAndSend(input));
}

async function writeAndSend(input: BatchWorkflowInput): Promise<BatchResult> {
  if (patched(BY_NOTICES)) return writeAndSendByNotices(input);
  const batch = await acts.createBatch({ practiceId: input.practiceId, batchKey: workflowInfo().workflowId, actor: input.actor });
  if (!batch) return { claimCount: 0, refusedCount: 0 };
  const refused = await acts.refusedClaims({ batchId: batch.batchId });
  await tellBills({ ...batch, claims: refused }, (id, claimId) =>
    getExternalWorkflowHandle(id).signal(claimRefusedSignal, {
      claimId,
      batchId: batch.batchId,
      problems: refused.find((r) => r.claimId === claimId)?.problems ?? [],
    }),
  );
  if (!batch.fileId) return { batchId: batch.batchId, claimCount: 0, refusedCount: refused.length };
  const sent = await sendAndTell(batch);
  return {
    batchId: batch.batchId,
    fileId: sent.fileId,
    claimCount: batch.claims.length,
    refusedCount: refused.length,
    remoteName: sent.remoteName,
  };
}

/** Tells the bills their claims are batched, sends the file, and tells them it is sent. */
async function sendAndTell(batch: CreatedBatch): Promise<{ fileId: string; remoteName: string }> {
  await tellBills(batch, (id, claimId) => getExternalWorkflowHandle(id).signal(claimBatchedSignal, { claimId, batchId: batch.batchId }));
  const sent = await acts.sendBatch({ batchId: batch.batchId });
  await tellBills(batch, (id, claimId) =>
    getExternalWorkflowHandle(id).signal(batchSentSignal, { claimId, batchId: batch.batchId, fileId: sent.fileId }),
  );
  return sent;
}

/**
 * Sends a batch that is written but not sent (its first send failed for good, e.g. on a
 * refused host key, and the fault is fixed). Started by staff; a batch sent already is
 * not sent again (the upload is idempotent).
 */
export async function sendBatchWorkflow(input: { batchId: string }): Promise<BatchResult> {
  return measured(() => sendWritten(input));
}

async function sendWritten(input: { batchId: string }): Promise<BatchResult> {
  if (patched(BY_NOTICES)) {
    const batch = await acts.describeBatch({ batchId: input.batchId, countOnly: true });
    if (!batch.fileId) return { batchId: batch.batchId, claimCount: 0, refusedCount: 0 };
    const sent = await sendAndTellByNotices(batch.batchId);
    return { batchId: batch.batchId, fileId: sent.fileId, claimCount: batch.claimCount ?? 0, refusedCount: 0, remoteName: sent.remoteName };
  }
  const batch = await acts.describeBatch({ batchId: input.batchId });
  if (!batch.fileId) return { batchId: batch.batchId, claimCount: 0, refusedCount: 0 };
  const sent = await sendAndTell(batch);
  return { batchId: batch.batchId, fileId: sent.fileId, claimCount: batch.claims.length, refusedCount: 0, remoteName: sent.remoteName };
}
