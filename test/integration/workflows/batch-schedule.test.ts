/**
 * On the Temporal dev server: a practice's batch schedule buffers one run while a batch is still
 * running (BUFFER_ONE) instead of skipping it, catches up missed runs, and a schedule made with
 * the old policy (SKIP) takes the new one when the worker starts (ensureBatchSchedule).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BATCH_SCHEDULE_POLICIES, batchScheduleId, ensureBatchSchedule } from '../../../temporal/schedules';
import { devServerEnvironment } from '../../support/temporal';

let env: TestWorkflowEnvironment;
const taskQueue = 'batch-schedule-test';

beforeAll(async () => {
  env = await devServerEnvironment();
});

afterAll(async () => {
  await env?.teardown();
});

it('a new batch schedule buffers one run and catches up', async () => {
  const practice = { id: 'practice-new', batchCron: '0 18 * * *' };
  await ensureBatchSchedule(env.client, taskQueue, practice);
  const described = await env.client.schedule.getHandle(batchScheduleId(practice.id)).describe();
  expect(described.policies.overlap).toBe('BUFFER_ONE');
  expect(described.policies.catchupWindow).toBe(BATCH_SCHEDULE_POLICIES.catchupWindow);
});

it('a schedule made with the old SKIP policy takes the new policy and the new cron at worker start', async () => {
  const practice = { id: 'practice-old', batchCron: '0 18 * * *' };
  await env.client.schedule.create({
    scheduleId: batchScheduleId(practice.id),
    spec: { cronExpressions: [practice.batchCron] },
    action: { type: 'startWorkflow', workflowType: 'batchWorkflow', workflowId: `batch-${practice.id}-scheduled`, taskQueue, args: [] },
    policies: { overlap: 'SKIP', catchupWindow: 3_600_000 },
  });
  const handle = env.client.schedule.getHandle(batchScheduleId(practice.id));
  expect((await handle.describe()).policies.overlap).toBe('SKIP');

  await ensureBatchSchedule(env.client, taskQueue, { ...practice, batchCron: '0 19 * * *' });
  const described = await handle.describe();
  expect(described.policies.overlap).toBe('BUFFER_ONE');
  // The server keeps a cron as a calendar: 19:00 now, not 18:00.
  expect(described.spec.calendars?.map((c) => c.hour)).toEqual([[{ start: 19, end: 19, step: 1 }]]);
});
