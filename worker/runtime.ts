/**
 * The worker process's Temporal runtime, installed once before any connection: its logger, and
 * the SDK's metrics served for Prometheus (task latencies, polls, workflow cache size and
 * evictions, and the business metrics the batch and sync workflows record through
 * `metricMeter`), at WORKER_METRICS_ADDRESS.
 */
import { DefaultLogger, Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from '../observability/logger';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The SDK's log lines ("Activity failed", ...) through the project's logger, so they get its
 * redaction. An error in the metadata is logged by its class, message and Temporal failure type
 * only: a database error's message is codes already (worker/database-failures.ts).
 */
export function sdkLogger(logger: Logger, level: LogLevel = 'WARN'): DefaultLogger {
  return new DefaultLogger(level, ({ level: at, message, meta }) => {
    const { error, ...rest } = (meta ?? {}) as LogMetadata & { error?: unknown };
    const err =
      error instanceof Error
        ? { err: { type: error.constructor.name, message: error.message, failureType: (error as { type?: unknown }).type } }
        : {};
    logger[LEVELS[at]]({ ...rest, ...err, sdk: true }, message);
  });
}

export function installWorkerRuntime(options: { metricsAddress: string | undefined; logLevel?: LogLevel; logger?: Logger }): void {
  Runtime.install({
    logger: options.logger ? sdkLogger(options.logger, options.logLevel) : new DefaultLogger(options.logLevel ?? 'WARN'),
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
