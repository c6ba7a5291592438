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
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: 'SKIP', catchupWindow: 3_600_000 } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await handle.update((previous) => ({ ...previous, spec, action }));
  }
}

export async function ensureAllSchedules(client: Client, db: Db, taskQueue: string, syncEverySeconds: number): Promise<void> {
  await ensureSyncWorkflow(client, taskQueue, syncEverySeconds);
  const practices = await db.practice.findMany({ select: { id: true, batchCron: true } });
  for (const practice of practices) await ensureBatchSchedule(client, taskQueue, practice);
}
