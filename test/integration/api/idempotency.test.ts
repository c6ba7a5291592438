/**
 * Every create is idempotent by its Idempotency-Key: the same POST /bills sent again (after a
 * lost answer, a 5xx, or at the same moment) makes one bill; the same key with another body is
 * 422. Real API, real Temporal dev server, real database.
 */
import request from 'supertest';
import { createApp } from '../../../api/app';
import { createApiKey } from '../../../api/auth';
import { useApiStack } from '../../support/api-stack';

const stack = useApiStack('api-idempotency');
jest.setTimeout(120_000);

let practiceId: string;
let clientId: string;
beforeAll(async () => {
  ({ practiceId, clientId } = await stack.setUp({ autoBatchSecondary: false, submitsManually: false }));
});

const billBody = (charge = 12000) => ({
  practiceId,
  clientId,
  diagnosisCodes: ['F41.1'],
  serviceLines: [{ procedureCode: '90837', diagnosisPointers: [1], chargeCents: charge, dateOfService: '2026-11-03' }],
});
const bills = () => stack.h.deps.db.bill.count({ where: { clientId } });
const post = (key: string, body: object, app = stack.h.app) =>
  request(app).post('/bills').set(stack.asBilling()).set('Idempotency-Key', key).send(body);

describe('POST /bills with an Idempotency-Key', () => {
  it('sent three times makes one bill and answers the same each time', async () => {
    const before = await bills();
    const first = await post('bill-three-times', billBody());
    expect(first.status).toBe(201);
    const again = [await post('bill-three-times', billBody()), await post('bill-three-times', billBody())];
    for (const res of again) {
      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBe('true');
      expect(res.headers.location).toBe(`/bills/${first.body.id as string}`);
      expect(res.body).toEqual(first.body);
    }
    expect(await bills()).toBe(before + 1);
  });

  it('sent three times at once makes one bill: the others replay it or are told it is in progress', async () => {
    const before = await bills();
    const answers = await Promise.all([1, 2, 3].map(() => post('bill-at-once', billBody())));
    const statuses = answers.map((r) => r.status).sort();
    console.log(`concurrent duplicates answered ${statuses.join(', ')}`);
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id as string)).size).toBe(1);
    for (const r of answers.filter((a) => a.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.headers['retry-after']).toBe('1');
      expect(r.body.errors).toEqual([expect.objectContaining({ pointer: '#/idempotency-key', code: 'idempotency_key_in_progress' })]);
    }
    const later = await post('bill-at-once', billBody());
    expect(later.status).toBe(201);
    expect(later.body.id).toBe(created[0]!.body.id);
    expect(await bills()).toBe(before + 1);
  });

  it('with another body under the same key is 422 naming the header, and makes nothing', async () => {
    await post('bill-other-body', billBody(12000)).expect(201);
    const before = await bills();
    const res = await post('bill-other-body', billBody(13000));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { in: 'header', pointer: '#/idempotency-key', detail: expect.any(String), code: 'idempotency_key_reused' },
    ]);
    expect(await bills()).toBe(before);
  });

  it('refused (4xx) is forgotten: the corrected request under the same key makes the bill', async () => {
    const before = await bills();
    const refused = await post('bill-corrected', { ...billBody(), renderingProviderId: '00000000-0000-4000-8000-000000000000' });
    expect(refused.status).toBe(422);
    expect(await bills()).toBe(before);
    const corrected = await post('bill-corrected', billBody());
    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(await bills()).toBe(before + 1);
  });

  it('after a 5xx that came after the bill was made, the same request again goes on with that bill', async () => {
    // Temporal fails the first start (as a timeout would): the bill is in the database, the answer is 500.
    let failures = 1;
    const real = stack.env.client;
    const workflow = new Proxy(real.workflow, {
      get(target, prop, receiver) {
        if (prop === 'start' && failures > 0) {
          failures -= 1;
          return () => Promise.reject(new Error('deadline exceeded'));
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const flaky = new Proxy(real, { get: (t, p) => (p === 'workflow' ? workflow : Reflect.get(t, p)) as unknown });
    const app = createApp({ ...stack.h.deps, temporal: flaky });
    const before = await bills();
    const failed = await post('bill-after-5xx', billBody(), app);
    expect(failed.status).toBe(500);
    expect(await bills()).toBe(before + 1);
    const retried = await post('bill-after-5xx', billBody(), app);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await bills()).toBe(before + 1);
    await stack.waitFor(retried.body.id as string, 'DRAFT');
    expect(await post('bill-after-5xx', billBody(), app).expect(201)).toHaveProperty('body.id', retried.body.id);
  });

  it('is per caller: another key with the same Idempotency-Key makes its own bill', async () => {
    const before = await bills();
    const mine = await post('bill-per-caller', billBody()).expect(201);
    const other = await createApiKey(stack.h.deps.db, { name: 'second billing', role: 'BILLING' });
    const theirs = await request(stack.h.app)
      .post('/bills')
      .set('X-API-Key', other.key)
      .set('Idempotency-Key', 'bill-per-caller')
      .send(billBody())
      .expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await bills()).toBe(before + 2);
  });
});

describe('the other creates', () => {
  it('a payer and an API key sent twice with one key are made once', async () => {
    const payer = { name: 'Idem Health', payerCode: `IDEM${Date.now().toString(36).toUpperCase()}`, claimFilingIndicator: 'CI' };
    const p1 = await request(stack.h.app).post('/payers').set(stack.asAdmin()).set('Idempotency-Key', 'payer-1').send(payer).expect(201);
    const p2 = await request(stack.h.app).post('/payers').set(stack.asAdmin()).set('Idempotency-Key', 'payer-1').send(payer).expect(201);
    expect(p2.body.id).toBe(p1.body.id);

    const keyBody = { name: 'front desk', role: 'BILLING' };
    const k1 = await request(stack.h.app).post('/api-keys').set(stack.asAdmin()).set('Idempotency-Key', 'key-1').send(keyBody).expect(201);
    expect(typeof k1.body.key).toBe('string');
    // The secret is shown once: the replay names the key it made, without the secret.
    const k2 = await request(stack.h.app).post('/api-keys').set(stack.asAdmin()).set('Idempotency-Key', 'key-1').send(keyBody).expect(409);
    expect(k2.body.id).toBe(k1.body.id);
    expect(JSON.stringify(k2.body)).not.toContain(k1.body.key as string);
    const kept = await stack.h.deps.db.idempotentRequest.findMany({ where: { key: 'key-1' } });
    expect(JSON.stringify(kept)).not.toContain(k1.body.key as string);
    expect(await stack.h.deps.db.apiKey.count({ where: { name: 'front desk' } })).toBe(1);
  });
});
