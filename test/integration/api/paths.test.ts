/**
 * The three paths of DESIGN.md over HTTP, from creating the client to Closed, against the
 * Temporal dev server, a real database, a worker with every activity and the local
 * clearinghouse answered by the payer simulator. The last test reads the API's whole log
 * of the run for patient names and member ids.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../../activities';
import { x12SettingsFromEnv } from '../../../activities/claims/x12-settings';
import { inboundActivities } from '../../../activities/inbound';
import { LocalDirectoryClearinghouse } from '../../../clearinghouse/local-directory';
import { runSimulatorOnce } from '../../../clearinghouse/simulator/driver';
import { billWorkflowId } from '../../../workflows/bill/definitions';
import { createApiHarness, type ApiHarness } from '../../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { MEMBER_ID, PATIENT_FIRST, PATIENT_LAST } from '../../support/fixtures';
import { devServerEnvironment, testWorker } from '../../support/temporal';

jest.setTimeout(240_000);

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let h: ApiHarness;
let clearinghouseDir: string;
const taskQueue = 'api-paths';
const billIds: string[] = [];

beforeAll(async () => {
  [env, database] = await Promise.all([devServerEnvironment(), createTestDatabase()]);
  clearinghouseDir = mkdtempSync(path.join(tmpdir(), 'api-paths-ch-'));
  const clearinghouse = new LocalDirectoryClearinghouse(clearinghouseDir);
  const ctx = { db: database.db, clearinghouse, x12: x12SettingsFromEnv({}) };
  worker = await testWorker(env, { taskQueue, activities: { ...createActivities(ctx), ...inboundActivities(ctx) } });
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
async function setUp(settings: { autoBatchSecondary: boolean; submitsManually: boolean }) {
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
      firstName: PATIENT_FIRST,
      lastName: PATIENT_LAST,
      dateOfBirth: '1985-04-12',
      sex: 'F',
      addressLine1: '42 Elm St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62704',
      policies: [
        { payerId: primary.body.id as string, rank: 'PRIMARY', memberId: MEMBER_ID, groupNumber: 'GRP100' },
        { payerId: secondary.body.id as string, rank: 'SECONDARY', memberId: `${MEMBER_ID}S` },
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
  let last: { status: string; rank: string } | undefined;
  for (let i = 0; i < 300; i++) {
    last = await billStatus(billId);
    if (last.status === status && (!rank || last.rank === rank)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bill ${billId} is ${last?.status}/${last?.rank}, not ${status}${rank ? `/${rank}` : ''}`);
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
  return { name, content: readFileSync(path.join(clearinghouseDir, 'outbound', name)) };
}

it('path 2, integration + manual EOB: a denial posted as $0 from a paper letter, Ready to Batch, the secondary in the next batch, Closed', async () => {
  const { practiceId, billId } = await setUp({ autoBatchSecondary: false, submitsManually: false });

  // A refused action is never a silent success.
  const early = await action(billId, 'claim-fix-cleared');
  expect(early.status).toBe(409);
  expect(early.body).toMatchObject({ type: '/problems/wrong-state', detail: expect.stringContaining('not Awaiting Claim Fix') });

  expect((await action(billId, 'submit').set('Idempotency-Key', 'submit-1')).body).toEqual({ billId, status: 'READY_TO_BATCH' });
  const primaryBatch = await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_PRIMARY');
  const file = await request(h.app).get(`/batches/${primaryBatch}/file`).set(asBilling()).expect(200);
  expect(file.headers['content-type']).toMatch(/^application\/edi-x12/);

  // The denial letter, stored and attached to the claim.
  const letter = await request(h.app)
    .post(`/bills/${billId}/remittances?kind=DENIAL_LETTER&name=denial-letter.pdf`)
    .set(asBilling())
    .set('Content-Type', 'application/pdf')
    .send(Buffer.from('%PDF-1.4 denial letter'))
    .expect(201);
  const remittanceId = letter.body.remittanceId as string;

  // A payment that does not balance is refused by the workflow with the reason, naming the field.
  const unbalanced = await action(billId, 'payments', {
    paidCents: 0,
    patientResponsibilityCents: 0,
    adjudicationDate: '2026-11-20',
    adjustments: [{ group: 'CO', reason: '27', amountCents: 100 }],
  });
  expect(unbalanced.status).toBe(422);
  expect(unbalanced.body).toMatchObject({
    type: '/problems/refused-input',
    errors: [expect.objectContaining({ pointer: '#/adjustments', detail: expect.stringContaining('does not balance') })],
  });

  const denial = await action(billId, 'payments', {
    paidCents: 0,
    patientResponsibilityCents: 0,
    adjudicationDate: '2026-11-20',
    adjustments: [{ group: 'CO', reason: '27', amountCents: 20000 }],
    remittanceId,
  });
  expect(denial.status).toBe(201);
  expect(denial.body.status).toBe('PROCESSED');

  // Not auto-batched: staff set it Ready to Batch, and the next batch carries the secondary.
  // (The database's rank moves to SECONDARY only with the next status the workflow records.)
  await waitFor(billId, 'PROCESSED');
  expect((await action(billId, 'ready-to-batch')).body).toEqual({ billId, status: 'READY_TO_BATCH' });
  await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_SECONDARY');
  const paid = await action(billId, 'payments', {
    paidCents: 12000,
    patientResponsibilityCents: 0,
    adjudicationDate: '2026-11-21',
    adjustments: [{ group: 'CO', reason: '45', amountCents: 8000 }],
  });
  expect(paid.status).toBe(201);
  await waitFor(billId, 'CLOSED');

  const bill = (await request(h.app).get(`/bills/${billId}`).set(asBilling()).expect(200)).body as {
    claims: { rank: string; payments: { paidCents: number; claimStatusCode: string; remittanceId: string | null }[] }[];
  };
  expect(bill.claims.map((c) => [c.rank, c.payments.map((p) => [p.paidCents, p.claimStatusCode, p.remittanceId])])).toEqual([
    ['PRIMARY', [[0, '4', remittanceId]]],
    ['SECONDARY', [[12000, '2', null]]],
  ]);
  const timeline = (await request(h.app).get(`/bills/${billId}/timeline?limit=200`).set(asBilling()).expect(200)).body as {
    items: { action: string; actor: string }[];
  };
  const actions = timeline.items.map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'bill:created',
      'bill:submit',
      'bill:remittance-attached',
      'bill:payment-posted',
      'bill:ready-to-batch',
      'status:CLOSED',
    ]),
  );
  expect(timeline.items.filter((e) => e.action.startsWith('bill:')).every((e) => e.actor === `key:${h.billingKeyId}`)).toBe(true);
  expect((await action(billId, 'submit')).status).toBe(409);
});

it('path 3, manual upload: the 837P downloaded, Claim Fix confirmed, primary and secondary, Closed', async () => {
  const { billId } = await setUp({ autoBatchSecondary: true, submitsManually: true });
  await action(billId, 'submit').expect(200);

  const download = await action(billId, 'manual-upload');
  expect(download.status).toBe(200);
  expect(download.headers['content-type']).toMatch(/^application\/edi-x12/);
  expect(download.headers['content-disposition']).toMatch(/^attachment/);
  expect(String(download.body ?? download.text)).toBeTruthy();
  const claimId = download.headers['x-claim-id'] as string;
  await waitFor(billId, 'AWAITING_CLAIM_FIX');
  // Asked again while it waits: the same claim's file.
  expect((await action(billId, 'manual-upload')).headers['x-claim-id']).toBe(claimId);

  expect((await action(billId, 'claim-fix-cleared')).body.status).toBe('AWAITING_PRIMARY');
  await action(billId, 'payments', {
    paidCents: 12000,
    patientResponsibilityCents: 5000,
    adjudicationDate: '2026-11-20',
    adjustments: [
      { group: 'CO', reason: '45', amountCents: 3000 },
      { group: 'PR', reason: '2', amountCents: 5000 },
    ],
  }).expect(201);

  // Auto-batch: the secondary opens Ready to Batch by itself; this practice uploads it by hand too.
  await waitFor(billId, 'READY_TO_BATCH', 'SECONDARY');
  const secondary = await action(billId, 'manual-upload');
  expect(secondary.status).toBe(200);
  expect(secondary.headers['x-claim-id']).not.toBe(claimId);
  await action(billId, 'claim-fix-cleared').expect(200);
  await waitFor(billId, 'AWAITING_SECONDARY');
  await action(billId, 'payments', {
    paidCents: 5000,
    patientResponsibilityCents: 0,
    adjudicationDate: '2026-11-22',
    adjustments: [
      { group: 'OA', reason: '23', amountCents: 12000 },
      { group: 'CO', reason: '45', amountCents: 3000 },
    ],
  }).expect(201);
  await waitFor(billId, 'CLOSED');
});

it("path 1, integration + ERA: batches sent to the clearinghouse, the payers' 835s uploaded by hand and posted, Closed", async () => {
  const { practiceId, billId } = await setUp({ autoBatchSecondary: true, submitsManually: false });
  await action(billId, 'submit').expect(200);
  const primaryBatch = await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_PRIMARY');

  const primaryEra = await simulatorEra(primaryBatch);
  const upload = await request(h.app)
    .post(`/clearinghouse-files/835?name=${primaryEra.name}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(primaryEra.content);
  expect(upload.status).toBe(202);
  expect(upload.body.duplicate).toBe(false);
  // The same file again is kept once.
  const again = await request(h.app)
    .post(`/clearinghouse-files/835?name=${primaryEra.name}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(primaryEra.content);
  expect(again.body).toMatchObject({ fileId: upload.body.fileId, duplicate: true });

  // Auto-batch: the secondary is Ready to Batch by itself and goes in the next batch.
  await waitFor(billId, 'READY_TO_BATCH', 'SECONDARY');
  const secondaryBatch = await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_SECONDARY');
  const secondaryEra = await simulatorEra(secondaryBatch);
  await request(h.app)
    .post(`/clearinghouse-files/835?name=${secondaryEra.name}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(secondaryEra.content)
    .expect(202);
  await waitFor(billId, 'CLOSED');

  const files = (await request(h.app).get('/clearinghouse-files?kind=835').set(asBilling()).expect(200)).body as {
    items: { status: string }[];
  };
  expect(files.items.length).toBeGreaterThanOrEqual(2);
});

it('lists bills by status and keeps member ids masked in lists', async () => {
  const closed = (await request(h.app).get('/bills?status=CLOSED&limit=2').set(asBilling()).expect(200)).body as {
    items: { id: string }[];
    nextCursor: string | null;
  };
  expect(closed.items).toHaveLength(2);
  expect(closed.nextCursor).toBe(closed.items[1]!.id);
  const next = (await request(h.app).get(`/bills?status=CLOSED&limit=2&cursor=${closed.nextCursor}`).set(asBilling()).expect(200)).body as {
    items: { id: string }[];
    nextCursor: string | null;
  };
  expect(next.items.map((b) => b.id)).not.toContain(closed.items[0]!.id);
  expect(new Set([...closed.items, ...next.items].map((b) => b.id))).toEqual(new Set(billIds));
  const clients = await request(h.app).get('/clients').set(asBilling()).expect(200);
  expect(JSON.stringify(clients.body)).not.toContain(MEMBER_ID);
  expect(JSON.stringify(clients.body)).toContain(MEMBER_ID.slice(-4));
  await request(h.app).get('/bills/needing-attention').set(asBilling()).expect(200);
});

it('corrects a draft bill (codes and a line), refuses a correction once the claim is on its way', async () => {
  const { practiceId, billId } = await setUp({ autoBatchSecondary: true, submitsManually: false });
  const corrected = await request(h.app)
    .patch(`/bills/${billId}`)
    .set(asBilling())
    .send({
      diagnosisCodes: ['F43.10'],
      serviceLines: [
        { lineNumber: 1, procedureCode: '90834', diagnosisPointers: [1] },
        { lineNumber: 2, diagnosisPointers: [1] },
      ],
    })
    .expect(200);
  expect(corrected.body.diagnosisCodes).toEqual(['F4310']);
  expect(corrected.body.serviceLines[0]).toMatchObject({ lineNumber: 1, procedureCode: '90834' });
  // A pointer past the codes is refused, naming the field.
  const bad = await request(h.app)
    .patch(`/bills/${billId}`)
    .set(asBilling())
    .send({ serviceLines: [{ lineNumber: 2, diagnosisPointers: [3] }] })
    .expect(422);
  expect(JSON.stringify(bad.body.errors)).toContain('diagnosisPointers');

  await action(billId, 'submit').expect(200);
  const batchId = await batch(practiceId, 1);
  const batchRes = await request(h.app).get(`/batches/${batchId}`).set(asBilling()).expect(200);
  const file = await request(h.app)
    .get(`/clearinghouse-files/${batchRes.body.fileId as string}/content`)
    .set(asBilling())
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(file.status).toBe(200);
  const text = (file.body as Buffer).toString('utf8');
  expect(text).toContain('HC:90834');
  expect(text).toContain('ABK:F4310');
  await waitFor(billId, 'AWAITING_PRIMARY');
  const refused = await request(h.app).patch(`/bills/${billId}`).set(asBilling()).send({ placeOfService: '02' }).expect(409);
  expect(refused.body.detail).toContain('AWAITING_PRIMARY');
  const timeline = await request(h.app).get(`/bills/${billId}/timeline?limit=200`).set(asBilling()).expect(200);
  expect((timeline.body.items as { action: string }[]).map((e) => e.action)).toEqual(
    expect.arrayContaining(['bill:corrected', 'corrected']),
  );
});

it('an ERA claim that matches no bill waits in the queue until a person matches it; then the bill goes on', async () => {
  const { practiceId, billId } = await setUp({ autoBatchSecondary: true, submitsManually: false });
  await action(billId, 'submit').expect(200);
  const primaryBatch = await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_PRIMARY');
  const era = await simulatorEra(primaryBatch);
  const detail = await request(h.app).get(`/bills/${billId}`).set(asBilling()).expect(200);
  const claim = (detail.body.claims as { id: string; patientControlNumber: string }[])[0]!;
  // The payer echoed a claim number we never sent.
  const mangled = era.content.toString('utf8').replace(`CLP*${claim.patientControlNumber}*`, 'CLP*NOSUCHCLAIM1*');
  expect(mangled).not.toContain(`CLP*${claim.patientControlNumber}*`);
  await request(h.app)
    .post(`/clearinghouse-files/835?name=UNMATCHED_${era.name}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(Buffer.from(mangled))
    .expect(202);

  let queued: { id: string; patientControlNumber: string }[] = [];
  for (let i = 0; i < 100 && queued.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const page = await request(h.app).get('/unmatched-era-claims').set(asBilling()).expect(200);
    queued = (page.body.items as { id: string; patientControlNumber: string }[]).filter((q) => q.patientControlNumber === 'NOSUCHCLAIM1');
  }
  expect(queued).toHaveLength(1);
  expect((await billStatus(billId)).status).toBe('AWAITING_PRIMARY');

  const matched = await request(h.app)
    .post(`/unmatched-era-claims/${queued[0]!.id}/match`)
    .set(asBilling())
    .send({ claimId: claim.id })
    .expect(200);
  expect(matched.body).toMatchObject({ claimId: claim.id, billId, paymentId: expect.any(String) });
  await waitFor(billId, 'READY_TO_BATCH', 'SECONDARY');
  await request(h.app).post(`/unmatched-era-claims/${queued[0]!.id}/match`).set(asBilling()).send({ claimId: claim.id }).expect(409);
  const payments = (await request(h.app).get(`/bills/${billId}`).set(asBilling()).expect(200)).body.claims[0].payments as unknown[];
  expect(payments).toHaveLength(1);
});

it('logged the whole run with ids only: no patient name, no member id', async () => {
  const text = h.log.text();
  expect(h.log.lines.length).toBeGreaterThan(50);
  expect(text).toContain(h.billingKeyId);
  for (const phi of [PATIENT_FIRST, PATIENT_LAST, MEMBER_ID, '1985-04-12', 'F41.1', 'F411']) expect(text).not.toContain(phi);
  // Nor does any bill's workflow history hold them.
  for (const billId of billIds) {
    const history = JSON.stringify(await env.client.workflow.getHandle(billWorkflowId(billId)).fetchHistory());
    for (const phi of [PATIENT_FIRST, PATIENT_LAST, MEMBER_ID]) expect(history).not.toContain(phi);
  }
});
