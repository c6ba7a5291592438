/**
 * Clearinghouse sync, run by a Temporal Schedule: downloads each new response file once
 * (999, 277CA, 835), keeps it, reads and posts it, and tells each bill what it must hear.
 * A malformed file is kept and marked failed by the activity; it stops nothing else.
 */
import {
  ApplicationFailure,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  startChild,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { BillEvent, ClearinghouseActivities } from '../activity-contract';
import { BULK, CLEARINGHOUSE, SHORT } from '../activity-timeouts';
import { ackReceivedSignal, billWorkflowId, eraPostedSignal } from '../bill/definitions';
import type { billLifecycle } from '../bill/workflow';

const retry = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 } as const;
const short = proxyActivities<ClearinghouseActivities>({ ...SHORT, retry });
const acts = {
  pollClearinghouse: proxyActivities<ClearinghouseActivities>({ ...CLEARINGHOUSE, retry }).pollClearinghouse,
  processInboundFile: proxyActivities<ClearinghouseActivities>({ ...BULK, retry }).processInboundFile,
  markInboundFileDone: short.markInboundFileDone,
  flagFinishedBill: short.flagFinishedBill,
};

/** Telling a file's bills (an ERA of 50,000 claims) from an activity, through the client: long, with heartbeats. */
const tellActs = proxyActivities<ClearinghouseActivities>({
  ...BULK,
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

export interface SyncResult {
  files: number;
  failedFiles: number;
  events: number;
}

/**
 * A bill whose workflow has finished hears a late ERA (not a copy that only confirms what is
 * posted) or a late rejection in a watching run of its own, started with the event: it raises
 * the flag in Temporal and in the database, and stays until a person has dealt with it.
 */
async function watchFinishedBill(e: BillEvent): Promise<void> {
  if (e.kind === 'era' ? e.event.outcome === 'confirmed' : e.event.accepted) return;
  const told = e.kind === 'era' ? { events: [e.event] } : { rejections: [e.event] };
  try {
    await startChild<typeof billLifecycle>('billLifecycle', {
      workflowId: billWorkflowId(e.billId),
      args: [{ billId: e.billId, practiceId: '', watch: true, ...told }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  } catch (err) {
    // Another watching run started meanwhile: it hears the event as a signal.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    await tell(e);
  }
}

async function tell(e: BillEvent): Promise<void> {
  const bill = getExternalWorkflowHandle(billWorkflowId(e.billId));
  if (e.kind === 'era') await bill.signal(eraPostedSignal, e.event);
  else await bill.signal(ackReceivedSignal, e.event);
}

export async function clearinghouseSync(): Promise<SyncResult> {
  const { fileIds } = await acts.pollClearinghouse();
  let events = 0;
  let failedFiles = 0;
  for (const fileId of fileIds) {
    // Added while the sync was running: what the bills must hear stays in the database as notices
    // and an activity tells them, a bounded number at a time; this workflow sees counts only (it
    // used to carry every claim's event in a result and signal each bill itself: an ERA of 20,000
    // claims broke the payload and history limits).
    if (patched('tell-bills-by-notices')) {
      let posted: { complete?: boolean; notices?: number };
      try {
        posted = await acts.processInboundFile({ fileId, notices: true });
      } catch (err) {
        failedFiles += 1;
        log.warn('inbound file failed', { fileId, error: err instanceof ApplicationFailure ? err.message : String(err) });
        continue;
      }
      if ((posted.notices ?? 0) > 0) events += (await tellActs.tellBills({ source: fileId })).told;
      await acts.markInboundFileDone({ fileId, complete: posted.complete ?? true });
      continue;
    }
    let result: { events: BillEvent[]; complete?: boolean };
    try {
      result = await acts.processInboundFile({ fileId });
    } catch (err) {
      // Kept and marked failed by the activity; the other files go on.
      failedFiles += 1;
      log.warn('inbound file failed', { fileId, error: err instanceof ApplicationFailure ? err.message : String(err) });
      continue;
    }
    for (const e of result.events) {
      try {
        await tell(e);
        events += 1;
      } catch (err) {
        // The bill's workflow has finished: a payment or recoupment after the fact still needs a person.
        log.warn('bill workflow could not be told', { billId: e.billId, kind: e.kind, error: (err as Error).message });
        if (patched('watch-finished-bills')) {
          await watchFinishedBill(e);
          events += 1;
          continue;
        }
        const detail =
          e.kind === 'era'
            ? `payment ${e.event.paymentId} (CLP02 ${e.event.claimStatusCode}, ${e.event.paidCents} cents) for claim ${e.event.claimId} arrived after the bill finished`
            : `a ${e.event.source} ${e.event.accepted ? 'acceptance' : 'rejection'} for claim ${e.event.claimId} arrived after the bill finished`;
        if (e.kind === 'era' || !e.event.accepted) {
          await acts.flagFinishedBill({ billId: e.billId, kind: e.kind, detail, dedupeKey: `late/${fileId}/${e.event.claimId}` });
        }
      }
    }
    await acts.markInboundFileDone({ fileId, complete: result.complete ?? true });
  }
  return { files: fileIds.length, failedFiles, events };
}
