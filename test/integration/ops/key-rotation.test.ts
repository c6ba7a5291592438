/**
 * Key rotation on a real Temporal server: a bill's history written under key 1 replays,
 * decodes and goes on after key 2 becomes current (key 1 kept for decoding); its new events
 * are written under key 2; a ring without key 1 cannot read it, and the codec server with the
 * rotated ring decodes both.
 */
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../../activities';
import { createApiKey } from '../../../api/auth';
import { AesGcmCodec, keyIdOf } from '../../../codec/aes-gcm-codec';
import { encryptingDataConverter } from '../../../codec/data-converter';
import { newKey, parseKeyList } from '../../../codec/keys';
import { billViewQuery, billWorkflowId, submitUpdate, billCorrectedUpdate } from '../../../workflows/bill/definitions';
import { createApiHarness } from '../../support/api-harness';
import { testActivityContext } from '../../support/activity-context';
import { useTestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';
import { payloadsOf } from '../../support/history-payloads';
import { workflowBundlePath } from '../../support/paths';
import { timeSkippingEnvironment } from '../../support/temporal';

const taskQueue = 'key-rotation-test';
const key1 = newKey();
const key2 = newKey();
const ringBefore = parseKeyList(`k1:${key1}`, undefined);
const ringAfter = parseKeyList(`k2:${key2},k1:${key1}`, undefined);
const ringWithoutKey1 = parseKeyList(`k2:${key2}`, undefined);

const testDb = useTestDatabase();
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

function clientWith(ring: typeof ringBefore): Client {
  return new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: encryptingDataConverter(ring) });
}

async function withWorker<T>(ring: typeof ringBefore, body: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: { codePath: workflowBundlePath },
    activities: createActivities(testActivityContext(testDb.db)),
    dataConverter: encryptingDataConverter(ring),
    maxCachedWorkflows: 0,
  });
  return worker.runUntil(body());
}

it('replays and decodes history written under key 1 after key 2 becomes current', async () => {
  const seeded = await seedBill(testDb.db);
  const workflowId = billWorkflowId(seeded.billId);

  await withWorker(ringBefore, async () => {
    const handle = await clientWith(ringBefore).workflow.start('billLifecycle', {
      taskQueue,
      workflowId,
      args: [{ billId: seeded.billId, practiceId: seeded.practiceId }],
    });
    expect((await handle.executeUpdate(submitUpdate, { args: [{ actor: 'key:before' }] })).status).toBe('READY_TO_BATCH');
  });

  // Key 2 is current now; key 1 stays in the ring for what it wrote.
  const after = clientWith(ringAfter).workflow.getHandle(workflowId);
  await withWorker(ringAfter, async () => {
    expect((await after.executeUpdate(billCorrectedUpdate, { args: [{ actor: 'key:after' }] })).status).toBe('READY_TO_BATCH');
    const view = await after.query(billViewQuery);
    // The steps recorded under key 1 (created, submitted) were read back from history, and the new one added.
    expect(view.steps.map((s) => s.actor)).toEqual(['system', 'key:before', 'key:after']);
  });

  const history = await after.fetchHistory();
  const keyIds = new Set(
    payloadsOf(history)
      .filter((p) => !p.searchAttribute && !p.patchMarker && !p.localActivityMeta)
      .map((p) => keyIdOf(p.payload)),
  );
  expect(keyIds).toEqual(new Set(['k1', 'k2']));

  await expect(
    Worker.runReplayHistory(
      { workflowBundle: { codePath: workflowBundlePath }, dataConverter: encryptingDataConverter(ringAfter) },
      history,
      workflowId,
    ),
  ).resolves.toBeUndefined();
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: { codePath: workflowBundlePath }, dataConverter: encryptingDataConverter(ringWithoutKey1) },
      history,
      workflowId,
    ),
  ).rejects.toThrow(/Replay failed/);
  const underKey1 = payloadsOf(history).find((p) => keyIdOf(p.payload) === 'k1');
  if (!underKey1) throw new Error('no payload under key 1 in the history');
  await expect(new AesGcmCodec(ringWithoutKey1).decode([underKey1.payload])).rejects.toThrow(
    /key "k1", which is not in the key ring \(k2\)/,
  );

  // The codec server with the rotated ring decodes a payload of each key for an OPS key.
  const h = await createApiHarness(testDb.db, {
    temporal: env.client,
    taskQueue,
    deps: { codec: { codec: new AesGcmCodec(ringAfter), corsOrigins: [] } },
  });
  const ops = await createApiKey(testDb.db, { name: 'ops', role: 'OPS' });
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  // The last activity's result (a local activity's is in its marker), written under key 2.
  const resultOf = (e: NonNullable<typeof history.events>[number]) =>
    e.activityTaskCompletedEventAttributes?.result?.payloads ?? e.markerRecordedEventAttributes?.details?.result?.payloads;
  const lastCompleted =
    [...(history.events ?? [])]
      .reverse()
      .map(resultOf)
      .find((p) => p !== undefined && p !== null && p.length > 0) ?? [];
  const body = {
    payloads: [...started, ...lastCompleted].map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(p.data ?? []).toString('base64'),
    })),
  };
  expect(body.payloads.map((p) => Buffer.from(p.metadata['encryption-key-id'] ?? '', 'base64').toString())).toEqual(['k1', 'k2']);
  const decoded = await request(h.app).post('/codec/decode').set('Authorization', `Bearer ${ops.key}`).send(body).expect(200);
  const first = JSON.parse(Buffer.from(decoded.body.payloads[0].data, 'base64').toString()) as unknown;
  expect(first).toEqual({ billId: seeded.billId, practiceId: seeded.practiceId });
});
