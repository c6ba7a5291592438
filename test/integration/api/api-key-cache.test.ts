/**
 * API keys are looked up once per TTL (api/auth.ts ApiKeyCache), and revocation still holds:
 * revoked through the API, a key is refused on the very next request; revoked by another API
 * process (here: straight in the database), within the TTL.
 */
import request from 'supertest';
import { createApiKey } from '../../../api/auth';
import { createApiHarness } from '../../support/api-harness';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { waitUntil } from '../../support/wait-until';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function statusWith(app: Parameters<typeof request>[0], key: string): Promise<number> {
  return (await request(app).get('/api-keys').set('X-API-Key', key)).status;
}

it("keeps a key's verdict for the TTL: a revocation made elsewhere is not seen before it ends", async () => {
  const h = await createApiHarness(database.db, { deps: { apiKeyCacheMs: 120_000 } });
  const key = await createApiKey(database.db, { name: 'cached', role: 'ADMIN' });
  expect(await statusWith(h.app, key.key)).toBe(200);
  await database.db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  // Within the (long) TTL the cached verdict stands: the key was not looked up again.
  expect(await statusWith(h.app, key.key)).toBe(200);
  // A fresh process (no cache) refuses it.
  const fresh = await createApiHarness(database.db, { deps: { apiKeyCacheMs: 0 } });
  expect(await statusWith(fresh.app, key.key)).toBe(401);
});

it('refuses a key revoked through the API on the next request, whatever the TTL', async () => {
  const h = await createApiHarness(database.db, { deps: { apiKeyCacheMs: 120_000 } });
  const key = await createApiKey(database.db, { name: 'revoked here', role: 'BILLING' });
  const asKey = () => request(h.app).get('/payers').set('X-API-Key', key.key);
  expect((await asKey()).status).toBe(200);
  await request(h.app).post(`/api-keys/${key.id}/revoke`).set('X-API-Key', h.adminKey).expect(200);
  expect((await asKey()).status).toBe(401);
});

it('refuses a key revoked by another process within seconds of a short TTL', async () => {
  const ttlMs = 500;
  const h = await createApiHarness(database.db, { deps: { apiKeyCacheMs: ttlMs } });
  const key = await createApiKey(database.db, { name: 'revoked elsewhere', role: 'ADMIN' });
  expect(await statusWith(h.app, key.key)).toBe(200);
  const revokedAt = Date.now();
  await database.db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  await waitUntil(
    () => statusWith(h.app, key.key),
    (status) => status === 401,
    { timeoutMs: 10_000, what: 'the revoked key refused' },
  );
  console.log(`revoked key refused ${Date.now() - revokedAt} ms after revocation (TTL ${ttlMs} ms)`);
  // And stays refused.
  expect(await statusWith(h.app, key.key)).toBe(401);
});
