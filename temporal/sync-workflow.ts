/**
 * Keeps the one long-running clearinghouse sync workflow (workflows/sync/loop.ts) running, at
 * every worker start: starts it when it is not running, else tells it the interval. Removes
 * the Schedule that ran the sync before (one workflow per poll, which buried the bills).
 */
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { syncSummary } from '../workflows/ops-summary';
import { SYNC_WORKFLOW_ID, syncEverySignal, type clearinghouseSyncLoop } from '../workflows/sync/loop';

/** The Schedule id the sync used to run under. */
export const LEGACY_SYNC_SCHEDULE_ID = 'clearinghouse-sync';

export async function ensureSyncWorkflow(client: Client, taskQueue: string, everySeconds: number): Promise<void> {
  try {
    await client.schedule.getHandle(LEGACY_SYNC_SCHEDULE_ID).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  await client.workflow.signalWithStart<typeof clearinghouseSyncLoop, [{ everySeconds: number }]>('clearinghouseSyncLoop', {
    workflowId: SYNC_WORKFLOW_ID,
    taskQueue,
    args: [{ everySeconds }],
    signal: syncEverySignal,
    signalArgs: [{ everySeconds }],
    staticSummary: syncSummary(everySeconds),
    staticDetails:
      'This one workflow polls the clearinghouse round after round (no workflow per poll); it continues as new to keep its history short. Signal `syncNow` to poll at once, `syncEvery` to change the interval.',
  });
}
