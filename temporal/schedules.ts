/**
 * What keeps work moving unattended: the clearinghouse sync (one long-running workflow that
 * polls for 999s, 277CAs and ERAs: temporal/sync-workflow.ts) and each practice's batch (a
 * Temporal Schedule on its `batchCron`). Idempotent: run at every worker start and whenever a
 * practice's settings change.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Db } from '../db/prisma';
import { batchSummary } from '../workflows/ops-summary';
import { ensureSyncWorkflow } from './sync-workflow';
import type { batchWorkflow } from '../workflows/batch/workflow';

/**
 * How a practice's batch schedule runs: a run that falls due while the previous batch is still
 * running (or waiting for a retry after its worker died) is kept, one at most, and starts as soon
 * as that batch ends (BUFFER_ONE), instead of being skipped until the next cron time; runs missed
 * while no Temporal server or worker was up are caught up within the last hour (one run:
 * a batch takes every claim that is ready, so one catch-up run is all that is needed).
 */
export const BATCH_SCHEDULE_POLICIES = { overlap: 'BUFFER_ONE', catchupWindow: 60 * 60_000 } as const;

export function batchScheduleId(practiceId: string): string {
  return `batch-schedule-${practiceId}`;
}

/** Creates, updates or deletes one practice's batch schedule to match its `batchCron`. */
export async function ensureBatchSchedule(
  client: Client,
  taskQueue: string,
  practice: { id: string; batchCron: string | null },
): Promise<void> {
  const scheduleId = batchScheduleId(practice.id);
  const handle = client.schedule.getHandle(scheduleId);
  if (!practice.batchCron) {
    try {
      await handle.delete();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    return;
  }
  const spec = { cronExpressions: [practice.batchCron] };
  const action: ScheduleOptionsStartWorkflowAction<typeof batchWorkflow> = {
    type: 'startWorkflow',
    workflowType: 'batchWorkflow',
    workflowId: `batch-${practice.id}-scheduled`,
    taskQueue,
    args: [{ practiceId: practice.id, actor: 'schedule' }],
    staticSummary: batchSummary({ practiceId: practice.id, trigger: 'schedule' }),
  };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: BATCH_SCHEDULE_POLICIES });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    // A schedule made before takes the current policies too (it was SKIP, which left a batch waiting a whole timeout).
    await handle.update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...BATCH_SCHEDULE_POLICIES } }));
  }
}

export async function ensureAllSchedules(client: Client, db: Db, taskQueue: string, syncEverySeconds: number): Promise<void> {
  await ensureSyncWorkflow(client, taskQueue, syncEverySeconds);
  const practices = await db.practice.findMany({ select: { id: true, batchCron: true } });
  for (const practice of practices) await ensureBatchSchedule(client, taskQueue, practice);
}
