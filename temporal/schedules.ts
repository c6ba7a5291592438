/**
 * The Temporal Schedules that keep work moving unattended: the clearinghouse sync (poll for
 * 999s, 277CAs and ERAs) and each practice's batch (on its `batchCron`). Idempotent: run at
 * every worker start and whenever a practice's settings change.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Db } from '../db/prisma';
import type { batchWorkflow } from '../workflows/batch/workflow';
import type { clearinghouseSync } from '../workflows/sync/workflow';

export const SYNC_SCHEDULE_ID = 'clearinghouse-sync';

export function batchScheduleId(practiceId: string): string {
  return `batch-schedule-${practiceId}`;
}

export async function ensureSyncSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<void> {
  const options = {
    scheduleId: SYNC_SCHEDULE_ID,
    spec: { intervals: [{ every: everySeconds * 1000 }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'clearinghouseSync',
      workflowId: 'clearinghouse-sync',
      taskQueue,
      args: [],
    } satisfies ScheduleOptionsStartWorkflowAction<typeof clearinghouseSync>,
    policies: { overlap: 'SKIP' as const, catchupWindow: 3_600_000 },
  };
  try {
    await client.schedule.create(options);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(SYNC_SCHEDULE_ID).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
    }));
  }
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
  };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: 'SKIP', catchupWindow: 3_600_000 } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await handle.update((previous) => ({ ...previous, spec, action }));
  }
}

export async function ensureAllSchedules(client: Client, db: Db, taskQueue: string, syncEverySeconds: number): Promise<void> {
  await ensureSyncSchedule(client, taskQueue, syncEverySeconds);
  const practices = await db.practice.findMany({ select: { id: true, batchCron: true } });
  for (const practice of practices) await ensureBatchSchedule(client, taskQueue, practice);
}
