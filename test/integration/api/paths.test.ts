/**
 * The three paths of DESIGN.md over HTTP, from creating the client to Closed, against the
 * Temporal dev server, a real database, a worker with every activity and the local
 * clearinghouse answered by the payer simulator. The last test reads the API's whole log
 * of the run for patient names and member ids.
 */
import request from 'supertest';
import { billWorkflowId } from '../../../workflows/bill/definitions';
import { useApiStack } from '../../support/api-stack';
import { MEMBER_ID, PATIENT_FIRST, PATIENT_LAST } from '../../support/fixtures';
import { waitUntil } from '../../support/wait-until';

jest.setTimeout(240_000);

const stack = useApiStack('api-paths');
const { asBilling, setUp, billStatus, waitFor, action, batch, simulatorEra, billIds } = stack;

it('path 2, integration + manual EOB: a denial posted as $0 from a paper letter, Ready to Batch, the secondary in the next batch, Closed', async () => {
  const { practiceId, billId } = await setUp({ autoBatchSecondary: false, submitsManually: false });

  // A refused action is never a silent success.
  const early = await action(billId, 'claim-fix-cleared');
  expect(early.status).toBe(409);
  expect(early.body).toMatchObject({ type: '/problems/wrong-state', detail: expect.stringContaining('not Awaiting Claim Fix') });

  expect((await action(billId, 'submit').set('Idempotency-Key', 'submit-1')).body).toEqual({ billId, status: 'READY_TO_BATCH' });
  const primaryBatch = await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_PRIMARY');
  const file = await request(stack.h.app).get(`/batches/${primaryBatch}/file`).set(asBilling()).expect(200);
  expect(file.headers['content-type']).toMatch(/^application\/edi-x12/);

  // The denial letter, stored and attached to the claim.
  const letter = await request(stack.h.app)
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

  const bill = (await request(stack.h.app).get(`/bills/${billId}`).set(asBilling()).expect(200)).body as {
    claims: { rank: string; payments: { paidCents: number; claimStatusCode: string; remittanceId: string | null }[] }[];
  };
  expect(bill.claims.map((c) => [c.rank, c.payments.map((p) => [p.paidCents, p.claimStatusCode, p.remittanceId])])).toEqual([
    ['PRIMARY', [[0, '4', remittanceId]]],
    ['SECONDARY', [[12000, '2', null]]],
  ]);
  const timeline = (await request(stack.h.app).get(`/bills/${billId}/timeline?limit=200`).set(asBilling()).expect(200)).body as {
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
  expect(timeline.items.filter((e) => e.action.startsWith('bill:')).every((e) => e.actor === `key:${stack.h.billingKeyId}`)).toBe(true);
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
  const upload = await request(stack.h.app)
    .post(`/clearinghouse-files/835?name=${primaryEra.name}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(primaryEra.content);
  expect(upload.status).toBe(202);
  expect(upload.body.duplicate).toBe(false);
  // The same file again is kept once.
  const again = await request(stack.h.app)
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
  await request(stack.h.app)
    .post(`/clearinghouse-files/835?name=${secondaryEra.name}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(secondaryEra.content)
    .expect(202);
  await waitFor(billId, 'CLOSED');

  const files = (await request(stack.h.app).get('/clearinghouse-files?kind=835').set(asBilling()).expect(200)).body as {
    items: { status: string }[];
  };
  expect(files.items.length).toBeGreaterThanOrEqual(2);
});

it('lists bills by status and keeps member ids masked in lists', async () => {
  const closed = (await request(stack.h.app).get('/bills?status=CLOSED&limit=2').set(asBilling()).expect(200)).body as {
    items: { id: string }[];
    nextCursor: string | null;
  };
  expect(closed.items).toHaveLength(2);
  expect(closed.nextCursor).toBe(closed.items[1]!.id);
  const next = (await request(stack.h.app).get(`/bills?status=CLOSED&limit=2&cursor=${closed.nextCursor}`).set(asBilling()).expect(200))
    .body as {
    items: { id: string }[];
    nextCursor: string | null;
  };
  expect(next.items.map((b) => b.id)).not.toContain(closed.items[0]!.id);
  expect(new Set([...closed.items, ...next.items].map((b) => b.id))).toEqual(new Set(billIds));
  const clients = await request(stack.h.app).get('/clients').set(asBilling()).expect(200);
  expect(JSON.stringify(clients.body)).not.toContain(MEMBER_ID);
  expect(JSON.stringify(clients.body)).toContain(MEMBER_ID.slice(-4));
  await request(stack.h.app).get('/bills/needing-attention').set(asBilling()).expect(200);
});

it('creates and submits a bill in one call, and answers once the bill has taken it: Ready to Batch', async () => {
  const { practiceId, clientId } = await setUp({ autoBatchSecondary: true, submitsManually: false });
  const created = await request(stack.h.app)
    .post('/bills')
    .set(asBilling())
    .send({
      practiceId,
      clientId,
      diagnosisCodes: ['F41.1'],
      submit: true,
      serviceLines: [{ procedureCode: '90837', diagnosisPointers: [1], chargeCents: 15000, dateOfService: '2026-11-02' }],
    })
    .expect(201);
  expect(created.body.status).toBe('READY_TO_BATCH');
  expect(created.body.workflow).toMatchObject({ waitingFor: expect.stringContaining('next batch') });
  // The bill's own step names the staff member who submitted it, as the audit trail does.
  const timeline = await request(stack.h.app)
    .get(`/bills/${created.body.id as string}/timeline`)
    .set(asBilling())
    .expect(200);
  const step = (timeline.body.items as { action: string; actor: string }[]).find((e) => e.action === 'status:READY_TO_BATCH');
  expect(step?.actor).toBe(`key:${stack.h.billingKeyId}`);
});

it('corrects a draft bill (codes and a line), refuses a correction once the claim is on its way', async () => {
  const { practiceId, billId } = await setUp({ autoBatchSecondary: true, submitsManually: false });
  const corrected = await request(stack.h.app)
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
  const bad = await request(stack.h.app)
    .patch(`/bills/${billId}`)
    .set(asBilling())
    .send({ serviceLines: [{ lineNumber: 2, diagnosisPointers: [3] }] })
    .expect(422);
  expect(JSON.stringify(bad.body.errors)).toContain('diagnosisPointers');

  await action(billId, 'submit').expect(200);
  const batchId = await batch(practiceId, 1);
  const batchRes = await request(stack.h.app).get(`/batches/${batchId}`).set(asBilling()).expect(200);
  const file = await request(stack.h.app)
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
  const refused = await request(stack.h.app).patch(`/bills/${billId}`).set(asBilling()).send({ placeOfService: '02' }).expect(409);
  expect(refused.body).toMatchObject({ type: '/problems/wrong-state', reason: 'WrongState' });
  expect(refused.body.detail).toContain('AWAITING_PRIMARY');
  // Refused by the bill: its data is as it was, and the correction asked for is kept as refused.
  expect((await request(stack.h.app).get(`/bills/${billId}`).set(asBilling()).expect(200)).body.placeOfService).toBe('11');
  const corrections = await stack.h.deps.db.billCorrection.findMany({ where: { billId }, orderBy: { createdAt: 'asc' } });
  expect(corrections.map((c) => c.status)).toEqual(['APPLIED', 'REFUSED']);
  const timeline = await request(stack.h.app).get(`/bills/${billId}/timeline?limit=200`).set(asBilling()).expect(200);
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
  const detail = await request(stack.h.app).get(`/bills/${billId}`).set(asBilling()).expect(200);
  const claim = (detail.body.claims as { id: string; patientControlNumber: string }[])[0]!;
  // The payer echoed a claim number we never sent.
  const mangled = era.content.toString('utf8').replace(`CLP*${claim.patientControlNumber}*`, 'CLP*NOSUCHCLAIM1*');
  expect(mangled).not.toContain(`CLP*${claim.patientControlNumber}*`);
  await request(stack.h.app)
    .post(`/clearinghouse-files/835?name=UNMATCHED_${era.name}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(Buffer.from(mangled))
    .expect(202);

  const queued = await waitUntil(
    async () => {
      const page = await request(stack.h.app).get('/unmatched-era-claims').set(asBilling()).expect(200);
      return (page.body.items as { id: string; patientControlNumber: string }[]).filter((q) => q.patientControlNumber === 'NOSUCHCLAIM1');
    },
    (items) => items.length > 0,
    { what: 'the unmatched ERA claim in the queue', timeoutMs: 10_000 },
  );
  expect(queued).toHaveLength(1);
  expect((await billStatus(billId)).status).toBe('AWAITING_PRIMARY');

  const matched = await request(stack.h.app)
    .post(`/unmatched-era-claims/${queued[0]!.id}/match`)
    .set(asBilling())
    .send({ claimId: claim.id })
    .expect(200);
  expect(matched.body).toMatchObject({ claimId: claim.id, billId, paymentId: expect.any(String) });
  await waitFor(billId, 'READY_TO_BATCH', 'SECONDARY');
  await request(stack.h.app).post(`/unmatched-era-claims/${queued[0]!.id}/match`).set(asBilling()).send({ claimId: claim.id }).expect(409);
  const payments = (await request(stack.h.app).get(`/bills/${billId}`).set(asBilling()).expect(200)).body.claims[0].payments as unknown[];
  expect(payments).toHaveLength(1);
});

it('logged the whole run with ids only: no patient name, no member id', async () => {
  const text = stack.h.log.text();
  expect(stack.h.log.lines.length).toBeGreaterThan(50);
  expect(text).toContain(stack.h.billingKeyId);
  for (const phi of [PATIENT_FIRST, PATIENT_LAST, MEMBER_ID, '1985-04-12', 'F41.1', 'F411']) expect(text).not.toContain(phi);
  // Nor does any bill's workflow history hold them.
  for (const billId of billIds) {
    const history = JSON.stringify(await stack.env.client.workflow.getHandle(billWorkflowId(billId)).fetchHistory());
    for (const phi of [PATIENT_FIRST, PATIENT_LAST, MEMBER_ID]) expect(history).not.toContain(phi);
  }
});
