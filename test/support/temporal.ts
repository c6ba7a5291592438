/**
 * Temporal for tests: the real servers, from the pinned binaries, and a worker on the run's one
 * bundle. Clients and workers encrypt payloads as production does, with a key made for this
 * test process (never one from the repository).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker, type Logger, type WorkerOptions } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { encryptingDataConverter } from '../../codec/data-converter';
import { newKey, parseKeyList } from '../../codec/keys';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { temporalCliPath, temporalTestServerPath } from '../../temporal/binaries';
import { workflowBundlePath } from './paths';

let runtimeInstalled = false;
/** Warnings and errors only; `logger` (first call of the test file only) receives them, with the SDK core's forwarded. */
function quietRuntime(logger?: Logger): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  if (logger) Runtime.install({ logger, telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } } });
  else Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** The test process's key as PAYLOAD_CODEC_KEYS gives it, for a worker started in a process of its own (worker-process.ts). */
export const testKeyList = `test-${randomBytes(3).toString('hex')}:${newKey()}`;
export const testKeyRing = parseKeyList(testKeyList, undefined);
export const testDataConverter = encryptingDataConverter(testKeyRing);

const INDEXED_VALUE_TYPE = { KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, TEXT: 1, KEYWORD_LIST: 7 } as const;

/** The time-skipping test server, with the project's search attributes registered on it. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    client: { dataConverter: testDataConverter },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, INDEXED_VALUE_TYPE[k.type]])),
  });
  return env;
}

export async function devServerEnvironment(options: { logger?: Logger } = {}): Promise<TestWorkflowEnvironment> {
  quietRuntime(options.logger);
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliPath() }, searchAttributes: [...SEARCH_ATTRIBUTES] },
    client: { dataConverter: testDataConverter },
  });
}

export async function testWorker(
  env: TestWorkflowEnvironment,
  options: { taskQueue: string; activities: object } & Partial<WorkerOptions>,
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    workflowBundle: { codePath: workflowBundlePath },
    dataConverter: testDataConverter,
    ...options,
  });
}
