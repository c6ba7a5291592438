/**
 * The API's codec server and /metrics, on a real database: only OPS keys decode (by header
 * or by the signed-in cookie), CORS answers only the Temporal UI's origin, and /metrics
 * counts what the database holds.
 */
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import request from 'supertest';
import { createApiKey } from '../../../api/auth';
import { CODEC_COOKIE } from '../../../api/codec-server';
import { AesGcmCodec } from '../../../codec/aes-gcm-codec';
import { newKey, parseKeyList } from '../../../codec/keys';
import { createApiHarness, type ApiHarness } from '../../support/api-harness';
import { useTestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';

const UI = 'http://127.0.0.1:8233';
const codec = new AesGcmCodec(parseKeyList(`k1:${newKey()}`, undefined));
const testDb = useTestDatabase();
let h: ApiHarness;
let opsKey: string;

const json = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const value = { billId: 'b-1', paidCents: 4321 };
const encryptedBody = async () => ({ payloads: (await codec.encode([defaultPayloadConverter.toPayload(value)])).map(json) });
const decodedValue = (body: { payloads: { data: string }[] }) =>
  JSON.parse(Buffer.from(body.payloads[0]!.data, 'base64').toString()) as unknown;

beforeAll(async () => {
  h = await createApiHarness(testDb.db, { deps: { codec: { codec, corsOrigins: [UI] } } });
  opsKey = (await createApiKey(testDb.db, { name: 'ops', role: 'OPS' })).key;
});

describe('codec server', () => {
  it('decodes for an OPS key only: 401 without a key, 403 for BILLING and ADMIN', async () => {
    const body = await encryptedBody();
    await request(h.app).post('/codec/decode').send(body).expect(401);
    await request(h.app).post('/codec/decode').set('Authorization', `Bearer ${h.billingKey}`).send(body).expect(403);
    const admin = await request(h.app).post('/codec/decode').set('Authorization', `Bearer ${h.adminKey}`).send(body).expect(403);
    expect(admin.body.detail).toBe('decoding payloads needs the OPS role; the key has ADMIN');
    const ok = await request(h.app)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${opsKey}`)
      .set('X-Namespace', 'default')
      .send(body)
      .expect(200);
    expect(decodedValue(ok.body)).toEqual(value);
  });

  it('encodes for an OPS key, and what it encodes decodes back', async () => {
    const plain = { payloads: [json(defaultPayloadConverter.toPayload(value))] };
    const encoded = await request(h.app).post('/codec/encode').set('Authorization', `Bearer ${opsKey}`).send(plain).expect(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const decoded = await request(h.app).post('/codec/decode').set('Authorization', `Bearer ${opsKey}`).send(encoded.body).expect(200);
    expect(decodedValue(decoded.body)).toEqual(value);
  });

  it('stops working the moment the OPS key is revoked', async () => {
    const ops = await createApiKey(testDb.db, { name: 'ops 2', role: 'OPS' });
    const body = await encryptedBody();
    await request(h.app).post('/codec/decode').set('Authorization', `Bearer ${ops.key}`).send(body).expect(200);
    await testDb.db.apiKey.update({ where: { id: ops.id }, data: { revokedAt: new Date() } });
    await request(h.app).post('/codec/decode').set('Authorization', `Bearer ${ops.key}`).send(body).expect(401);
  });

  it("answers CORS for the UI's origin only, with credentials", async () => {
    const preflight = await request(h.app)
      .options('/codec/decode')
      .set('Origin', UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Namespace/);
    const other = await request(h.app).options('/codec/decode').set('Origin', 'http://evil.example').expect(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const refused = await request(h.app)
      .post('/codec/decode')
      .set('Origin', UI)
      .send(await encryptedBody())
      .expect(401);
    expect(refused.headers['access-control-allow-origin']).toBe(UI);
  });

  it('signs a browser in with an OPS key (HttpOnly, SameSite=Strict cookie on /codec) and out again', async () => {
    await request(h.app).post('/codec/session').type('form').send({ key: h.billingKey }).expect(403);
    await request(h.app).post('/codec/session').type('form').send({ key: 'scx_nope' }).expect(401);
    await request(h.app).post('/codec/session').set('Origin', 'http://evil.example').type('form').send({ key: opsKey }).expect(403);
    const signedIn = await request(h.app).post('/codec/session').type('form').send({ key: opsKey }).expect(303);
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(new RegExp(`^${CODEC_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/codec/);
    const pair = cookie.split(';')[0]!;
    const page = await request(h.app).get('/codec').set('Cookie', pair).expect(200);
    expect(page.text).toContain('Signed in with OPS key');
    expect(page.text).not.toContain(opsKey);
    const decoded = await request(h.app)
      .post('/codec/decode')
      .set('Cookie', pair)
      .send(await encryptedBody())
      .expect(200);
    expect(decodedValue(decoded.body)).toEqual(value);
    const out = await request(h.app).post('/codec/sign-out').set('Cookie', pair).expect(303);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('says what is wrong with a body that is not payloads, or a payload it cannot decrypt', async () => {
    const auth = { Authorization: `Bearer ${opsKey}` };
    await request(h.app).post('/codec/decode').set(auth).send({ nope: 1 }).expect(422);
    const foreign = await new AesGcmCodec(parseKeyList(`k9:${newKey()}`, undefined)).encode([defaultPayloadConverter.toPayload(value)]);
    const refused = await request(h.app)
      .post('/codec/decode')
      .set(auth)
      .send({ payloads: foreign.map(json) })
      .expect(422);
    expect(refused.body.detail).toBe('payloads[0]: encrypted with key "k9", which is not in the key ring (k1)');
  });
});

it('/metrics counts bills by status, attention by reason, files, batches and the unmatched ERA queue', async () => {
  const seeded = await seedBill(testDb.db);
  await seedBill(testDb.db);
  await testDb.db.bill.update({ where: { id: seeded.billId }, data: { needsAttention: true, attentionReason: 'NO_PAYER_RESPONSE' } });
  const res = await request(h.app).get('/metrics').expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  expect(res.text).toContain('claims_bills{status="DRAFT"} 2');
  expect(res.text).toContain('claims_bills_needing_attention{reason="NO_PAYER_RESPONSE"} 1');
  expect(res.text).toContain('claims_unmatched_era_claims_open 0');
  expect(res.text).toContain('claims_oldest_unsent_batch_age_seconds 0');
  expect(res.text).toMatch(/# TYPE claims_clearinghouse_files gauge/);
  expect(res.text).toMatch(/# TYPE claims_batches gauge/);
  expect(res.text).not.toContain(seeded.billId);
});
