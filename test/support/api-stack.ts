/**
 * The API over a real stack for the path tests: the Temporal dev server, a real database, a
 * worker with every activity, and the local clearinghouse that the payer simulator answers.
 * `useApiStack()` starts it for a test file; the helpers act as staff would, over HTTP.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { x12SettingsFromEnv } from '../../activities/claims/x12-settings';
import { LocalDirectoryClearinghouse } from '../../clearinghouse/local-directory';
import { runSimulatorOnce } from '../../clearinghouse/simulator/driver';
import { billWorkflowId } from '../../workflows/bill/definitions';
import { testActivityContext } from './activity-context';
import { createApiHarness, type ApiHarness } from './api-harness';
import { createTestDatabase, type TestDatabase } from './database';
import { MEMBER_ID, PATIENT_FIRST, PATIENT_LAST } from './fixtures';
import { devServerEnvironment, testWorker } from './temporal';
import { waitUntil } from './wait-until';

export function useApiStack(taskQueue: string) {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let h: ApiHarness;
  let clearinghouseDir: string;
  const billIds: string[] = [];

  beforeAll(async () => {
    [env, database] = await Promise.all([devServerEnvironment(), createTestDatabase()]);
    clearinghouseDir = mkdtempSync(path.join(tmpdir(), 'api-paths-ch-'));
    const clearinghouse = new LocalDirectoryClearinghouse(clearinghouseDir);
    const ctx = testActivityContext(database.db, { clearinghouse, x12: x12SettingsFromEnv({}) });
    worker = await testWorker(env, { taskQueue, activities: createActivities(ctx) });
    running = worker.run();
    h = await createApiHarness(database.db, { temporal: env.client, taskQueue, deps: { batchWaitMs: 60_000 } });
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.close();
  });

  const asAdmin = () => ({ Authorization: `Bearer ${h.adminKey}` });
  const asBilling = () => ({ 'X-API-Key': h.billingKey });

  let tagN = 0;
  /** A practice with a provider, two payers, a client with both policies (or the client given), and a draft bill of $200.00. */
  async function setUp(
    settings: { autoBatchSecondary: boolean; submitsManually: boolean },
    person: { firstName?: string; lastName?: string; memberId?: string } = {},
  ) {
    tagN += 1;
    const tag = `${Date.now().toString(36).toUpperCase()}${tagN}`;
    const practice = await request(h.app)
      .post('/practices')
      .set(asAdmin())
      .send({
        name: 'Harbor Counseling',
        npi: '1234567893',
        taxId: '123456789',
        taxonomyCode: '101YM0800X',
        addressLine1: '100 Main St',
        city: 'Springfield',
        state: 'IL',
        postalCode: '627011234',
        ...settings,
      })
      .expect(201);
    const practiceId = practice.body.id as string;
    const provider = await request(h.app)
      .post(`/practices/${practiceId}/providers`)
      .set(asAdmin())
      .send({ npi: '1245319599', firstName: 'Dana', lastName: 'Rivers', taxonomyCode: '101YM0800X' })
      .expect(201);
    const primary = await request(h.app)
      .post('/payers')
      .set(asAdmin())
      .send({ name: 'Acme Health', payerCode: `ACME${tag}`, claimFilingIndicator: 'CI', responseDays: 30, timelyFilingDays: 180 })
      .expect(201);
    const secondary = await request(h.app)
      .post('/payers')
      .set(asAdmin())
      .send({ name: 'Beacon Mutual', payerCode: `BCN${tag}`, claimFilingIndicator: 'BL', timelyFilingDays: 365 })
      .expect(201);
    const client = await request(h.app)
      .post('/clients')
      .set(asBilling())
      .send({
        practiceId,
        firstName: person.firstName ?? PATIENT_FIRST,
        lastName: person.lastName ?? PATIENT_LAST,
        dateOfBirth: '1985-04-12',
        sex: 'F',
        addressLine1: '42 Elm St',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62704',
        policies: [
          { payerId: primary.body.id as string, rank: 'PRIMARY', memberId: person.memberId ?? MEMBER_ID, groupNumber: 'GRP100' },
          { payerId: secondary.body.id as string, rank: 'SECONDARY', memberId: `${person.memberId ?? MEMBER_ID}S` },
        ],
      })
      .expect(201);
    const bill = await request(h.app)
      .post('/bills')
      .set(asBilling())
      .send({
        practiceId,
        clientId: client.body.id as string,
        renderingProviderId: provider.body.id as string,
        diagnosisCodes: ['F41.1', 'F32.0'],
        serviceLines: [
          { procedureCode: '90837', diagnosisPointers: [1, 2], chargeCents: 15000, dateOfService: '2026-11-02' },
          { procedureCode: '90785', diagnosisPointers: [1], chargeCents: 5000, dateOfService: '2026-11-02' },
        ],
      })
      .expect(201);
    const billId = bill.body.id as string;
    billIds.push(billId);
    expect(bill.body).toMatchObject({ status: 'DRAFT', workflowId: billWorkflowId(billId), totalChargeCents: 20000 });
    // Starting the workflow again is a no-op.
    await request(h.app)
      .post(`/bills/${billId}/start`)
      .set(asBilling())
      .expect(200, { id: billId, workflowId: billWorkflowId(billId) });
    return { practiceId, billId, clientId: client.body.id as string };
  }

  async function billStatus(billId: string): Promise<{ status: string; rank: string }> {
    const res = await request(h.app).get(`/bills/${billId}`).set(asBilling()).expect(200);
    return res.body as { status: string; rank: string };
  }

  async function waitFor(billId: string, status: string, rank?: string): Promise<void> {
    await waitUntil(
      () => billStatus(billId),
      (b) => b.status === status && (!rank || b.rank === rank),
      { what: `bill ${billId} ${status}${rank ? `/${rank}` : ''}` },
    );
  }

  function action(billId: string, name: string, body?: object): request.Test {
    const req = request(h.app).post(`/bills/${billId}/${name}`).set(asBilling());
    return body ? req.send(body) : req;
  }

  async function batch(practiceId: string, expectedClaims: number): Promise<string> {
    const res = await request(h.app).post('/batches').set(asBilling()).send({ practiceId });
    expect(res.status).toBe(201);
    expect(res.body.claimCount).toBe(expectedClaims);
    return res.body.batchId as string;
  }

  /** Lets the payer simulator answer the batch's file, and returns the 835 it wrote for it. */
  async function simulatorEra(batchId: string): Promise<{ name: string; content: Buffer }> {
    const batchRes = await request(h.app).get(`/batches/${batchId}`).set(asBilling()).expect(200);
    const fileRes = await request(h.app)
      .get(`/clearinghouse-files/${batchRes.body.fileId as string}`)
      .set(asBilling())
      .expect(200);
    const sent = (fileRes.body.remoteName ?? fileRes.body.name) as string;
    await runSimulatorOnce(clearinghouseDir, new Date(Date.now() + 60_000));
    const name = `SIMULATOR_${sent.replace(/\.[A-Za-z0-9]{1,5}$/, '')}_835.txt`;
    // Taken out of the clearinghouse's folder: it reaches the engine only when the test uploads it.
    const file = path.join(clearinghouseDir, 'outbound', name);
    const content = readFileSync(file);
    rmSync(file);
    return { name, content };
  }

  return {
    get h(): ApiHarness {
      return h;
    },
    get env(): TestWorkflowEnvironment {
      return env;
    },
    get clearinghouseDir(): string {
      return clearinghouseDir;
    },
    billIds,
    asAdmin,
    asBilling,
    setUp,
    billStatus,
    waitFor,
    action,
    batch,
    simulatorEra,
  };
}
