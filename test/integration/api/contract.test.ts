/**
 * The API's contract, route by route from the route table: the OpenAPI document and the
 * Express router serve the same routes; every route refuses a missing, unknown or revoked
 * key (401) and a key of the wrong role (403); bad input of each kind gets a problem
 * document naming the field. No route here reaches Temporal.
 */
import request from 'supertest';
import { API_ROUTES } from '../../../api/routes';
import { openApiPath } from '../../../api/route-table';
import { createApiHarness, concretePath, expressRoutes, type ApiHarness } from '../../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let database: TestDatabase;
let h: ApiHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  h = await createApiHarness(database.db);
});

afterAll(async () => {
  await database?.close();
});

type Doc = { paths: Record<string, Record<string, { 'x-roles'?: string[]; security?: unknown[] }>> };

describe('OpenAPI document', () => {
  it('lists exactly the routes Express serves, with the same roles as the route table', async () => {
    const res = await request(h.app).get('/openapi.json').set('Authorization', `Bearer ${h.billingKey}`).expect(200);
    const doc = res.body as Doc & { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const served = expressRoutes(h.app)
      .map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`)
      .sort();
    expect(served).toEqual(documented);
    for (const route of API_ROUTES) expect(doc.paths[openApiPath(route.path)]?.[route.method]?.['x-roles']).toEqual([...route.roles]);
    expect(doc.paths['/health']?.get?.security).toEqual([]);
  });

  it('has a unique operationId for every operation', () => {
    const ids = API_ROUTES.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('authentication and roles, for every route', () => {
  let revokedKey: string;
  beforeAll(async () => {
    const created = await request(h.app)
      .post('/api-keys')
      .set('X-API-Key', h.adminKey)
      .send({ name: 'to revoke', role: 'BILLING' })
      .expect(201);
    revokedKey = created.body.key as string;
    await request(h.app)
      .post(`/api-keys/${created.body.id as string}/revoke`)
      .set('X-API-Key', h.adminKey)
      .expect(200);
  });

  const cases = API_ROUTES.filter((r) => !r.public).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const);

  it.each(cases)('%s refuses a request without a key, with a bad key and with a revoked key (401)', async (_name, route) => {
    const path = concretePath(route.path);
    const none = await request(h.app)[route.method](path);
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({ type: '/problems/unauthorized', status: 401, title: 'Unauthorized', instance: path });
    expect((await request(h.app)[route.method](path).set('Authorization', 'Bearer scx_not-a-real-key')).status).toBe(401);
    expect((await request(h.app)[route.method](path).set('X-API-Key', revokedKey)).status).toBe(401);
  });

  const oneRole = cases.filter(([, r]) => r.roles.length === 1);
  it.each(oneRole)('%s refuses a key of the other role (403)', async (_name, route) => {
    const wrong = route.roles[0] === 'ADMIN' ? h.billingKey : h.adminKey;
    const res = await request(h.app)[route.method](concretePath(route.path)).set('Authorization', `Bearer ${wrong}`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
  });

  it('leaves the health check open (it has no key to ask for), and signing in, which is the only public route', () => {
    expect(expressRoutes(h.app).some((r) => r.path === '/health')).toBe(true);
    expect(API_ROUTES.some((r) => r.path === '/health')).toBe(false);
    expect(API_ROUTES.filter((r) => r.public).map((r) => r.operationId)).toEqual(['signIn']);
  });

  it('keeps ADMIN to configuration and BILLING to patient data', () => {
    for (const route of API_ROUTES) {
      if (/^\/(clients|policies|bills|batches|unmatched-era-claims|clearinghouse-files)/.test(route.path))
        expect(route.roles).toEqual(['BILLING']);
      if (/^\/(api-keys|staff-accounts)/.test(route.path)) expect(route.roles).toEqual(['ADMIN']);
      if (/^\/(practices|providers|payers)/.test(route.path) && route.method !== 'get') expect(route.roles).toEqual(['ADMIN']);
    }
  });
});

describe('bad input gets a problem document naming each field', () => {
  const billing = () => ({ Authorization: `Bearer ${h.billingKey}` });
  const admin = () => ({ Authorization: `Bearer ${h.adminKey}` });

  function expectFields(res: request.Response, status: number, fields: { in: string; pointer: string }[]): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
      instance: expect.any(String),
    });
    const errors = res.body.errors as { in: string; pointer: string; detail: string }[];
    for (const f of fields)
      expect(errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ in: f.in, pointer: f.pointer, detail: expect.any(String) })]),
      );
  }

  it('a missing required field says it is required', async () => {
    const res = await request(h.app).post('/payers').set(admin()).send({ name: 'Acme' });
    expectFields(res, 422, [{ in: 'body', pointer: '#/payerCode' }]);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { in: 'body', pointer: '#/payerCode', detail: 'is required', code: 'required' },
        { in: 'body', pointer: '#/claimFilingIndicator', detail: 'is required', code: 'required' },
      ]),
    );
  });

  it('a field of the wrong type, and one out of range', async () => {
    const res = await request(h.app)
      .post('/payers')
      .set(admin())
      .send({ name: 'Acme', payerCode: 'ACME1', claimFilingIndicator: 'CI', responseDays: 'thirty', timelyFilingDays: 0 });
    expectFields(res, 422, [
      { in: 'body', pointer: '#/responseDays' },
      { in: 'body', pointer: '#/timelyFilingDays' },
    ]);
  });

  it('money that is not whole cents or is negative, deep in an array', async () => {
    const res = await request(h.app)
      .post('/bills/00000000-0000-4000-8000-000000000000/payments')
      .set(billing())
      .send({
        paidCents: 12.5,
        patientResponsibilityCents: -1,
        adjudicationDate: '2026-11-20',
        adjustments: [{ group: 'XX', reason: '45', amountCents: 1 }],
      });
    expectFields(res, 422, [
      { in: 'body', pointer: '#/paidCents' },
      { in: 'body', pointer: '#/patientResponsibilityCents' },
      { in: 'body', pointer: '#/adjustments/0/group' },
    ]);
  });

  it('a date that is not YYYY-MM-DD, or not a calendar date', async () => {
    const res = await request(h.app)
      .post('/bills')
      .set(billing())
      .send({
        practiceId: '00000000-0000-4000-8000-000000000000',
        clientId: '00000000-0000-4000-8000-000000000000',
        diagnosisCodes: ['F41.1'],
        serviceLines: [
          { procedureCode: '90837', diagnosisPointers: [1], chargeCents: 15000, dateOfService: '11/02/2026' },
          { procedureCode: '90837', diagnosisPointers: [2], chargeCents: 15000, dateOfService: '2026-02-30' },
        ],
      });
    expectFields(res, 422, [
      { in: 'body', pointer: '#/serviceLines/0/dateOfService' },
      { in: 'body', pointer: '#/serviceLines/1/dateOfService' },
      { in: 'body', pointer: '#/serviceLines/1/diagnosisPointers/0' },
    ]);
  });

  it('a value not in the enumeration, and a field the API does not know', async () => {
    const res = await request(h.app).post('/api-keys').set(admin()).send({ name: 'x', role: 'SUPERUSER', colour: 'blue' });
    expectFields(res, 422, [
      { in: 'body', pointer: '#/role' },
      { in: 'body', pointer: '#/colour' },
    ]);
  });

  it('a path parameter that is not an id', async () => {
    const res = await request(h.app).get('/bills/not-a-uuid').set(billing());
    expectFields(res, 422, [{ in: 'path', pointer: '#/billId' }]);
  });

  it('query parameters out of range or unknown', async () => {
    const res = await request(h.app).get('/bills?limit=5000&status=LOST&colour=blue').set(billing());
    expectFields(res, 422, [
      { in: 'query', pointer: '#/limit' },
      { in: 'query', pointer: '#/status' },
      { in: 'query', pointer: '#/colour' },
    ]);
  });

  it('a body that is not JSON', async () => {
    const res = await request(h.app).post('/payers').set(admin()).set('Content-Type', 'application/json').send('{"name": "Acme",');
    expectFields(res, 400, [{ in: 'body', pointer: '#' }]);
  });

  it('a body of the wrong media type', async () => {
    const res = await request(h.app).post('/payers').set(admin()).set('Content-Type', 'text/plain').send('name=Acme');
    expectFields(res, 415, [{ in: 'header', pointer: '#/content-type' }]);
  });

  it('an empty file, and a bad Idempotency-Key header', async () => {
    const empty = await request(h.app)
      .post('/bills/00000000-0000-4000-8000-000000000000/remittances?kind=PAPER_EOB&name=eob.pdf')
      .set(billing())
      .set('Content-Type', 'application/pdf')
      .send(Buffer.alloc(0));
    expectFields(empty, 422, [{ in: 'body', pointer: '#' }]);
    const key = await request(h.app)
      .post('/bills/00000000-0000-4000-8000-000000000000/submit')
      .set(billing())
      .set('Idempotency-Key', 'has spaces in it');
    expectFields(key, 422, [{ in: 'header', pointer: '#/idempotency-key' }]);
  });

  it('a reference to nothing, and a duplicate unique value', async () => {
    const bill = await request(h.app)
      .post('/bills')
      .set(billing())
      .send({
        practiceId: '00000000-0000-4000-8000-000000000000',
        clientId: '00000000-0000-4000-8000-000000000000',
        diagnosisCodes: ['F411'],
        serviceLines: [{ procedureCode: '90837', diagnosisPointers: [1], chargeCents: 15000, dateOfService: '2026-11-02' }],
      });
    expectFields(bill, 422, [{ in: 'body', pointer: '#/practiceId' }]);
    await request(h.app).post('/payers').set(admin()).send({ name: 'Acme', payerCode: 'DUPE1', claimFilingIndicator: 'CI' }).expect(201);
    const dupe = await request(h.app)
      .post('/payers')
      .set(admin())
      .send({ name: 'Acme again', payerCode: 'DUPE1', claimFilingIndicator: 'CI' });
    expectFields(dupe, 409, [{ in: 'body', pointer: '#/payerCode' }]);
  });

  it('an unknown route is a 404 problem', async () => {
    const res = await request(h.app).get('/nothing-here').set(billing());
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('audit of configuration changes', () => {
  it('records who changed a payer setting, by key id', async () => {
    const created = await request(h.app)
      .post('/payers')
      .set('X-API-Key', h.adminKey)
      .send({ name: 'Settings Payer', payerCode: 'SETP1', claimFilingIndicator: 'CI' })
      .expect(201);
    await request(h.app)
      .patch(`/payers/${created.body.id as string}`)
      .set('X-API-Key', h.adminKey)
      .send({ responseDays: 45, timelyFilingDays: 120 })
      .expect(200);
    const events = await database.db.auditEvent.findMany({ where: { entityId: created.body.id as string }, orderBy: { at: 'asc' } });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['payer:created', `key:${h.adminKeyId}`],
      ['payer:updated', `key:${h.adminKeyId}`],
    ]);
  });
});

describe('a payer simulator scenario', () => {
  it('is kept with the local clearinghouse, and a bad one is refused at its field', async () => {
    const created = await request(h.app)
      .post('/payers')
      .set('X-API-Key', h.adminKey)
      .send({
        name: 'Denying Payer',
        payerCode: 'SIMDEN1',
        claimFilingIndicator: 'CI',
        simulatorScenario: { kind: 'denies', reasons: ['CO-50'] },
      })
      .expect(201);
    expect(created.body.simulatorScenario).toEqual({ kind: 'denies', reasons: ['CO-50'] });
    const bad = await request(h.app)
      .patch(`/payers/${created.body.id as string}`)
      .set('X-API-Key', h.adminKey)
      .send({ simulatorScenario: { kind: 'pays-late', reasons: ['fifty'] } })
      .expect(422);
    expect((bad.body.errors as Array<{ pointer: string }>).map((e) => e.pointer).sort()).toEqual([
      '#/simulatorScenario/days',
      '#/simulatorScenario/reasons/0',
    ]);
    const cleared = await request(h.app)
      .patch(`/payers/${created.body.id as string}`)
      .set('X-API-Key', h.adminKey)
      .send({ simulatorScenario: null })
      .expect(200);
    expect(cleared.body.simulatorScenario).toBeNull();
  });

  it('is refused with 422 when the clearinghouse is Office Ally', async () => {
    const oa = await createApiHarness(database.db, { deps: { clearinghouseKind: 'office-ally-sftp' } });
    const res = await request(oa.app)
      .post('/payers')
      .set('X-API-Key', oa.adminKey)
      .send({ name: 'OA Payer', payerCode: 'OASIM1', claimFilingIndicator: 'CI', simulatorScenario: { kind: 'pays-full' } })
      .expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '#/simulatorScenario', code: 'simulator_only' })]);
    await request(oa.app)
      .post('/payers')
      .set('X-API-Key', oa.adminKey)
      .send({ name: 'OA Payer', payerCode: 'OASIM1', claimFilingIndicator: 'CI', simulatorScenario: null })
      .expect(201);
  });
});
