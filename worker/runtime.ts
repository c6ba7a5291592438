/**
 * The worker process's Temporal runtime, installed once before any connection: its logger, and
 * the SDK's metrics served for Prometheus (task latencies, polls, workflow cache size and
 * evictions, and the business metrics the batch and sync workflows record through
 * `metricMeter`), at WORKER_METRICS_ADDRESS.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

export function installWorkerRuntime(options: { metricsAddress: string | undefined; logLevel?: LogLevel }): void {
  Runtime.install({
    logger: new DefaultLogger(options.logLevel ?? 'WARN'),
    ...(options.metricsAddress
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: options.metricsAddress,
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
              },
            },
          },
        }
      : {}),
  });
}
