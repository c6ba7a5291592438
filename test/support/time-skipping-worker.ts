/**
 * A workflow test file's Temporal: a fresh time-skipping test server and worker for each test
 * (time skipping is global to a server, as Temporal's docs warn), one database for the file.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Db } from '../../db/prisma';
import { billWorkflowId } from '../../workflows/bill/definitions';
import { useTestDatabase, type TestDatabase } from './database';
import { seedBill, type SeedOptions } from './fixtures';
import { testWorker, timeSkippingEnvironment } from './temporal';
import type { billLifecycle } from '../../workflows/bill/workflow';

export interface WorkflowTestContext {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  /** Seeds a bill and starts its workflow. */
  startBill(options?: SeedOptions): Promise<{
    seeded: Awaited<ReturnType<typeof seedBill>>;
    handle: ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>;
  }>;
}

export function useTimeSkippingWorker(taskQueue: string, activities: (db: Db) => object): WorkflowTestContext {
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const testDb = useTestDatabase();
  const ctx = {
    get database() {
      return testDb.database;
    },
  } as WorkflowTestContext;

  beforeEach(async () => {
    ctx.env = await timeSkippingEnvironment();
    worker = await testWorker(ctx.env, { taskQueue, activities: activities(ctx.database.db) });
    running = worker.run();
  });
  afterEach(async () => {
    worker?.shutdown();
    await running;
    await ctx.env?.teardown();
  });

  ctx.startBill = async (options: SeedOptions = {}) => {
    const seeded = await seedBill(ctx.database.db, options);
    const handle = await ctx.env.client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(seeded.billId),
      args: [{ billId: seeded.billId, practiceId: seeded.practiceId }],
    });
    return { seeded, handle };
  };
  return ctx;
}
