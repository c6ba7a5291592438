/**
 * Practice access for staff, on the real API and database: a staff member limited to one
 * practice sees and changes that practice's data only, on every route, whatever id they
 * type; data that may be any practice's needs access to every practice; the route table has
 * no route without an access rule.
 */
import request from 'supertest';
import { ROUTE_ACCESS, PARAM_PRACTICES } from '../../../api/practice-access';
import { hashPassword } from '../../../api/passwords';
import { API_ROUTES } from '../../../api/routes';
import { createApiHarness, type ApiHarness } from '../../support/api-harness';
import { useTestDatabase } from '../../support/database';

const test = useTestDatabase();
let h: ApiHarness;
const PASSWORD = 'a long and quiet password';
let mine: { practiceId: string; clientId: string; billId: string; claimId: string; providerId: string; batchId: string; fileId: string };
let theirs: typeof mine;
let session: { cookie: string; csrf: string };

async function practiceWithBill(name: string): Promise<typeof mine> {
  const db = test.db;
  const practice = await db.practice.create({
    data: { name, npi: '1234567893', taxId: '123456789', addressLine1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' },
  });
  const provider = await db.provider.create({ data: { practiceId: practice.id, npi: '1245319599', lastName: 'Rivers' } });
  const payer = await db.payer.create({
    data: { name: `Payer of ${name}`, payerCode: `P${practice.id.slice(0, 8)}`, claimFilingIndicator: 'CI' },
  });
  const client = await db.client.create({
    data: {
      practiceId: practice.id,
      firstName: 'Client',
      lastName: `Of ${name}`,
      dateOfBirth: new Date('1980-01-01'),
      sex: 'F',
      addressLine1: '2 Elm St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62704',
      policies: { create: [{ payerId: payer.id, rank: 'PRIMARY', memberId: `M${practice.id.slice(0, 8)}` }] },
    },
    include: { policies: true },
  });
  const bill = await db.bill.create({
    data: {
      practiceId: practice.id,
      clientId: client.id,
      diagnosisCodes: ['F411'],
      serviceLines: {
        create: [
          { lineNumber: 1, procedureCode: '90837', diagnosisPointers: [1], chargeCents: 15000, dateOfService: new Date('2026-11-02') },
        ],
      },
    },
  });
  const batch = await db.batch.create({ data: { practiceId: practice.id, createdBy: 'test', status: 'SENT' } });
  const claim = await db.claim.create({
    data: {
      billId: bill.id,
      payerId: payer.id,
      policyId: client.policies[0]!.id,
      rank: 'PRIMARY',
      patientControlNumber: `PC${practice.id.slice(0, 8)}`,
      totalChargeCents: 15000,
      batchId: batch.id,
    },
  });
  const file = await db.clearinghouseFile.create({
    data: {
      direction: 'OUTBOUND',
      kind: '837P',
      name: `${name}.837`,
      sha256: practice.id,
      sizeBytes: 3,
      content: new Uint8Array([73, 83, 65]),
      status: 'SENT',
    },
  });
  await db.batch.update({ where: { id: batch.id }, data: { fileId: file.id } });
  await db.clearinghouseFileClaim.create({ data: { fileId: file.id, claimId: claim.id } });
  return {
    practiceId: practice.id,
    clientId: client.id,
    billId: bill.id,
    claimId: claim.id,
    providerId: provider.id,
    batchId: batch.id,
    fileId: file.id,
  };
}

beforeAll(async () => {
  h = await createApiHarness(test.db);
  mine = await practiceWithBill('Mine Counseling');
  theirs = await practiceWithBill('Theirs Clinic');
  await test.db.staffAccount.create({
    data: {
      name: 'Limited Lou',
      email: 'lou@billing.test',
      role: 'BILLING',
      passwordHash: await hashPassword(PASSWORD),
      createdBy: 'test',
      practices: { create: [{ practiceId: mine.practiceId }] },
    },
  });
  const res = await request(h.app).post('/session').send({ email: 'lou@billing.test', password: PASSWORD }).expect(200);
  const token = /scx_session=([^;]+)/.exec(([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n'))?.[1] ?? '';
  session = { cookie: `scx_session=${token}`, csrf: res.body.csrfToken as string };
});

const asLou = (req: request.Test) => req.set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf);

it('classifies every route of the table, and resolves every path parameter of a practice-scoped route', () => {
  const unclassified = API_ROUTES.filter((r) => !(r.operationId in ROUTE_ACCESS)).map((r) => r.operationId);
  expect(unclassified).toEqual([]);
  for (const route of API_ROUTES.filter((r) => ROUTE_ACCESS[r.operationId] === 'scoped')) {
    const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    const named =
      params.some((p) => p in PARAM_PRACTICES) ||
      (route.body !== undefined && route.body.safeParse({ practiceId: 'x' }).error?.issues.some((i) => i.path[0] === 'practiceId'));
    expect([route.operationId, named]).toEqual([route.operationId, true]);
  }
});

it('lists only the practice’s own practices, bills, clients, batches and files', async () => {
  const lists = {
    practices: (await asLou(request(h.app).get('/practices')).expect(200)).body.items as { id: string }[],
    bills: (await asLou(request(h.app).get('/bills')).expect(200)).body.items as { id: string }[],
    attention: (await asLou(request(h.app).get('/bills/needing-attention')).expect(200)).body.items as { id: string }[],
    search: (await asLou(request(h.app).post('/bills/search')).send({ text: 'Of' }).expect(200)).body.items as { id: string }[],
    clients: (await asLou(request(h.app).get('/clients')).expect(200)).body.items as { id: string }[],
    batches: (await asLou(request(h.app).get('/batches')).expect(200)).body.items as { id: string }[],
    files: (await asLou(request(h.app).get('/clearinghouse-files')).expect(200)).body.items as { id: string }[],
  };
  expect(lists.practices.map((p) => p.id)).toEqual([mine.practiceId]);
  expect(lists.bills.map((b) => b.id)).toEqual([mine.billId]);
  expect(lists.search.map((b) => b.id)).toEqual([mine.billId]);
  expect(lists.clients.map((c) => c.id)).toEqual([mine.clientId]);
  expect(lists.batches.map((b) => b.id)).toEqual([mine.batchId]);
  expect(lists.files.map((f) => f.id)).toEqual([mine.fileId]);
  // An API key (a machine) sees every practice.
  expect(((await request(h.app).get('/bills').set('X-API-Key', h.billingKey).expect(200)).body.items as unknown[]).length).toBe(2);
});

it("answers 404 for another practice's records, whatever id is typed, and 403 for asking for its practice", async () => {
  const reads = [
    `/practices/${theirs.practiceId}`,
    `/practices/${theirs.practiceId}/providers`,
    `/clients/${theirs.clientId}`,
    `/clients/${theirs.clientId}/policies`,
    `/bills/${theirs.billId}`,
    `/bills/${theirs.billId}/timeline`,
    `/bills/${theirs.billId}/work`,
    `/claims/${theirs.claimId}/837p`,
    `/batches/${theirs.batchId}`,
    `/batches/${theirs.batchId}/file`,
    `/clearinghouse-files/${theirs.fileId}`,
    `/clearinghouse-files/${theirs.fileId}/content`,
  ];
  for (const path of reads) {
    const res = await asLou(request(h.app).get(path));
    expect([path, res.status, res.body.type]).toEqual([path, 404, '/problems/not-found']);
  }
  const changes: [string, string, object][] = [
    ['patch', `/clients/${theirs.clientId}`, { city: 'Elsewhere' }],
    ['patch', `/bills/${theirs.billId}`, { placeOfService: '02' }],
    ['post', `/bills/${theirs.billId}/submit`, {}],
    ['post', `/bills/${theirs.billId}/void`, { reason: 'OTHER' }],
    ['post', `/batches/${theirs.batchId}/send`, {}],
  ];
  for (const [method, path, body] of changes) {
    const res = await asLou(request(h.app)[method as 'post'](path)).send(body);
    expect([path, res.status]).toEqual([path, 404]);
  }
  const asked = await asLou(request(h.app).get(`/bills?practiceId=${theirs.practiceId}`));
  expect(asked.status).toBe(403);
  expect(asked.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '#/practiceId' })]);
  const created = await asLou(request(h.app).post('/clients')).send({
    practiceId: theirs.practiceId,
    firstName: 'New',
    lastName: 'Client',
    dateOfBirth: '1990-01-01',
    sex: 'M',
    addressLine1: '3 Oak St',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62704',
  });
  expect(created.status).toBe(403);
  expect(await test.db.client.count({ where: { lastName: 'Client', firstName: 'New' } })).toBe(0);
  // Its own practice's data is there, and a change is recorded with the staff member as actor.
  await asLou(request(h.app).get(`/bills/${mine.billId}/timeline`)).expect(200);
  await asLou(request(h.app).patch(`/clients/${mine.clientId}`))
    .send({ city: 'Shelbyville' })
    .expect(200);
  const event = await test.db.auditEvent.findFirstOrThrow({ where: { action: 'client:updated', entityId: mine.clientId } });
  expect(event.actor).toMatch(/^staff:[0-9a-f-]{36}$/);
});

it('keeps data that may be any practice’s to accounts with every practice: the unmatched ERA queue and 835 uploads', async () => {
  const queue = await asLou(request(h.app).get('/unmatched-era-claims'));
  expect(queue.status).toBe(403);
  expect(queue.body.detail).toMatch(/access to every practice/);
  const upload = await asLou(request(h.app).post('/clearinghouse-files/835?name=x.835'))
    .set('Content-Type', 'application/edi-x12')
    .send('ISA*');
  expect(upload.status).toBe(403);
  expect(await test.db.clearinghouseFile.count({ where: { name: 'x.835' } })).toBe(0);
});
