/** A worker for the project's task queue, with every activity over its context and payloads encrypted. */
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityContext } from '../activities';
import { databaseFailureInterceptor } from './database-failures';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  context: ActivityContext;
  /** The encrypting data converter (codec/data-converter.ts); its failure converter is bundled with the workflows. */
  dataConverter: DataConverter;
  /** A prebuilt workflow bundle (tests); else the workflows are bundled at start. */
  workflowBundlePath?: string;
}

export async function createWorker(options: WorkerOptions): Promise<Worker> {
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
  });
}
