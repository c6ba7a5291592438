/** A worker for the project's task queue, with every activity over its context and payloads encrypted. */
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityContext } from '../activities';
import { databaseFailureInterceptor } from './database-failures';
import type { WorkerSizing } from '../config/env';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  context: ActivityContext;
  /** The encrypting data converter (codec/data-converter.ts); its failure converter is bundled with the workflows. */
  dataConverter: DataConverter;
  /** A prebuilt workflow bundle (`npm run build:workflows`, tests); else the workflows are bundled at start. */
  workflowBundlePath?: string;
  /**
   * The cache and concurrency limits (config/env.ts workerSizingFromEnv). Unset ones keep the
   * SDK's defaults, whose workflow cache is sized from the host's memory (thousands of bills).
   */
  sizing?: Partial<Omit<WorkerSizing, 'workflowBundlePath' | 'heapMb'>>;
}

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  const sizing = options.sizing ?? {};
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities(options.context),
    dataConverter: options.dataConverter,
    // A database error leaves an activity as codes, never as the driver's words (they can quote values).
    interceptors: { activity: [databaseFailureInterceptor] },
    ...(sizing.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: sizing.maxCachedWorkflows } : {}),
    ...(sizing.maxConcurrentWorkflowTaskExecutions !== undefined
      ? { maxConcurrentWorkflowTaskExecutions: sizing.maxConcurrentWorkflowTaskExecutions }
      : {}),
    ...(sizing.maxConcurrentActivityTaskExecutions !== undefined
      ? { maxConcurrentActivityTaskExecutions: sizing.maxConcurrentActivityTaskExecutions }
      : {}),
    ...(sizing.maxConcurrentLocalActivityExecutions !== undefined
      ? { maxConcurrentLocalActivityExecutions: sizing.maxConcurrentLocalActivityExecutions }
      : {}),
  });
}
