/**
 * An activity that fails on the database leaves codes and its name in the workflow's history,
 * never the driver's words (which quote the query's values): real Temporal dev server, real
 * worker with the project's interceptor, real PostgreSQL (or PGlite) through Prisma.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, ActivityFailure, ApplicationFailure } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DATABASE_FAILURE_TYPE, databaseFailureInterceptor } from '../../../worker/database-failures';
import { useTestDatabase } from '../../support/database';
import { devServerEnvironment, testDataConverter } from '../../support/temporal';

jest.setTimeout(120_000);
const testDb = useTestDatabase();
const SECRET = 'Zelda Quillfeather';
const taskQueue = `db-failures-${randomUUID()}`;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;

const activities = {
  /** PostgreSQL's own message quotes the value: invalid input syntax for type uuid: "<value>". */
  castsAName: async () => testDb.db.$queryRawUnsafe('SELECT $1::uuid AS id', SECRET),
  /** Prisma's validation message prints the query, values and all. */
  queriesBadly: async () => testDb.db.client.findFirst({ where: { firstName: SECRET, noSuchField: SECRET } as never }),
  /** A unique violation: retryable (another attempt may find the row), and codes only. */
  createsTwice: async () => {
    const data = { name: SECRET, payerCode: `DUP${taskQueue.slice(-8)}`, claimFilingIndicator: 'CI' };
    await testDb.db.payer.create({ data }).catch(() => undefined);
    return testDb.db.payer.create({ data });
  },
};

beforeAll(async () => {
  env = await devServerEnvironment();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../support/one-activity-workflow'),
    activities,
    dataConverter: testDataConverter,
    interceptors: { activity: [databaseFailureInterceptor] },
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

async function failureOf(activity: keyof typeof activities) {
  const handle = await env.client.workflow.start('runOneActivity', {
    taskQueue,
    workflowId: `${activity}-${randomUUID()}`,
    args: [activity],
  });
  const err = await handle.result().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const activityFailure = (err as WorkflowFailedError).cause;
  expect(activityFailure).toBeInstanceOf(ActivityFailure);
  const failure = (activityFailure as ActivityFailure).cause as ApplicationFailure;
  expect(failure).toBeInstanceOf(ApplicationFailure);
  // The history, decoded as the Temporal UI's codec server would show it.
  const history = await handle.fetchHistory();
  const attempts = history
    .events!.filter((e) => e.activityTaskStartedEventAttributes)
    .map((e) => e.activityTaskStartedEventAttributes!.attempt);
  const encoded = history.events!.flatMap((e) => {
    const f = e.activityTaskFailedEventAttributes?.failure ?? e.workflowExecutionFailedEventAttributes?.failure;
    return f?.encodedAttributes ? [f.encodedAttributes] : [];
  });
  const decoded = await testDataConverter.payloadCodecs![0]!.decode(encoded);
  const text = `${decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n')}\n${failure.message}\n${failure.stack ?? ''}`;
  console.log(`${activity}: ${failure.message} (nonRetryable ${String(failure.nonRetryable)}, attempts ${attempts.join(',')})`);
  return { failure, text, attempts };
}

describe('a database error in an activity', () => {
  it('a value PostgreSQL quotes (22P02) is left out: codes and the activity name, not retried', async () => {
    const { failure, text, attempts } = await failureOf('castsAName');
    expect(failure.type).toBe(DATABASE_FAILURE_TYPE);
    expect(failure.message).toContain('castsAName');
    expect(failure.message).toContain('22P02');
    expect(failure.nonRetryable).toBe(true);
    expect(attempts).toEqual([1]);
    expect(text).not.toContain('Quillfeather');
  });

  it("Prisma's validation error, which prints the query, is left out and not retried", async () => {
    const { failure, text } = await failureOf('queriesBadly');
    expect(failure.message).toContain('PrismaClientValidationError');
    expect(failure.nonRetryable).toBe(true);
    expect(text).not.toContain('Quillfeather');
    expect(text).not.toContain('noSuchField');
  });

  it('a unique violation says P2002 and is tried again', async () => {
    const { failure, text } = await failureOf('createsTwice');
    expect(failure.message).toContain('P2002');
    expect(failure.nonRetryable).toBe(false);
    expect(text).not.toContain('Quillfeather');
  });
});
