/**
 * Staff sign-in against the real API and database: how the session cookie is set, passwords
 * stored, brute force locked out, changes guarded against CSRF, sessions fixed by an attacker
 * refused, idle and old sessions ended, and every action named after the staff member.
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../api/app';
import type { SessionConfig } from '../../../api/session-config';
import { hashToken } from '../../../api/staff-sessions';
import { createApiHarness, type ApiHarness } from '../../support/api-harness';
import { useTestDatabase } from '../../support/database';

const test = useTestDatabase();
let h: ApiHarness;
const SESSION: SessionConfig = { idleTimeoutMs: 60_000, maxAgeMs: 3_600_000, lockAfterFailures: 3, lockMs: 1500 };
const PASSWORD = 'a long and quiet password';
const admin = () => ({ Authorization: `Bearer ${h.adminKey}` });

beforeAll(async () => {
  h = await createApiHarness(test.db, { deps: { session: SESSION } });
});

let n = 0;
async function staffAccount(app: Express = h.app, role: 'BILLING' | 'ADMIN' = 'BILLING'): Promise<{ id: string; email: string }> {
  n += 1;
  const email = `person${n}@billing.test`;
  const res = await request(app)
    .post('/staff-accounts')
    .set(admin())
    .send({ name: `Person ${n}`, email, role, allPractices: true, password: PASSWORD });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

/** Signs in; returns the cookie header to send back and the CSRF token. */
async function signIn(app: Express, email: string, password = PASSWORD, cookie?: string) {
  const req = request(app).post('/session').send({ email, password });
  if (cookie) req.set('Cookie', cookie);
  const res = await req;
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const token = /scx_session=([^;]+)/.exec(setCookie.join('\n'))?.[1];
  return { res, setCookie, token, cookie: token ? `scx_session=${token}` : '', csrf: res.body.csrfToken as string | undefined };
}

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie (Secure over TLS) and keeps the password as a salted scrypt hash', async () => {
    const a = await staffAccount();
    const b = await staffAccount();
    const { res, setCookie, token } = await signIn(h.app, a.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ staff: { id: a.id, role: 'BILLING' }, idleTimeoutSeconds: 60, csrfToken: expect.any(String) });
    expect(setCookie[0]).toMatch(/^scx_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(JSON.stringify(res.body)).not.toContain(token);

    const rows = await test.db.staffAccount.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(rows.every((r) => /^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/.test(r.passwordHash))).toBe(true);
    expect(rows[0]!.passwordHash).not.toBe(rows[1]!.passwordHash); // one salt per account
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(h.log.text()).not.toContain(PASSWORD);

    // Behind a TLS-terminating proxy the cookie is Secure.
    const behindTls = createApp({ ...h.deps, trustProxy: 'true' });
    const tls = await request(behindTls).post('/session').set('X-Forwarded-Proto', 'https').send({ email: a.email, password: PASSWORD });
    expect(([] as string[]).concat(tls.headers['set-cookie'] ?? [])[0]).toMatch(/; Secure; SameSite=Strict$/);
  });

  it('answers an unknown e-mail and a wrong password alike, and records the sign-in with the staff actor', async () => {
    const a = await staffAccount();
    const unknown = await signIn(h.app, 'nobody@billing.test');
    const wrong = await signIn(h.app, a.email, 'not the password at all');
    expect(unknown.res.status).toBe(401);
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.body.detail).toBe(wrong.res.body.detail);
    expect(unknown.setCookie).toEqual([]);
    await signIn(h.app, a.email);
    const events = await test.db.auditEvent.findMany({ where: { entityId: a.id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['staff-account:created', `key:${h.adminKeyId}`],
      ['staff:sign-in-failed', `staff:${a.id}`],
      ['staff:signed-in', `staff:${a.id}`],
    ]);
  });
});

describe('brute force', () => {
  it('locks the account after the configured failures in a row, even against the right password, until the lock ends', async () => {
    const a = await staffAccount();
    expect((await signIn(h.app, a.email, 'guess one is wrong')).res.status).toBe(401);
    expect((await signIn(h.app, a.email, 'guess two is wrong')).res.status).toBe(401);
    const third = await signIn(h.app, a.email, 'guess three is wrong');
    expect(third.res.status).toBe(423);
    expect(third.res.body).toMatchObject({ type: '/problems/account-locked', lockedUntil: expect.any(String) });
    expect(Number(third.res.headers['retry-after'])).toBeGreaterThan(0);
    const right = await signIn(h.app, a.email);
    expect(right.res.status).toBe(423);
    expect(right.setCookie).toEqual([]);
    const listed = await request(h.app).get(`/staff-accounts/${a.id}`).set(admin()).expect(200);
    expect(listed.body.lockedUntil).toEqual(expect.any(String));
    await new Promise((r) => setTimeout(r, SESSION.lockMs + 100));
    expect((await signIn(h.app, a.email)).res.status).toBe(200);
    expect((await test.db.auditEvent.count({ where: { entityId: a.id, action: 'staff:locked' } })) === 1).toBe(true);
  });

  it('lets an administrator unlock an account at once', async () => {
    const a = await staffAccount();
    for (const guess of ['wrong guess number 1', 'wrong guess number 2', 'wrong guess number 3']) await signIn(h.app, a.email, guess);
    expect((await signIn(h.app, a.email)).res.status).toBe(423);
    await request(h.app).post(`/staff-accounts/${a.id}/unlock`).set(admin()).expect(200);
    expect((await signIn(h.app, a.email)).res.status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a change without the session’s token, with a wrong one, or from another site; reads need none; API keys need none', async () => {
    const a = await staffAccount();
    const s = await signIn(h.app, a.email);
    await request(h.app).get('/session').set('Cookie', s.cookie).expect(200);
    const none = await request(h.app).post('/bills/search').set('Cookie', s.cookie).send({});
    expect(none.status).toBe(403);
    expect(none.body).toMatchObject({ type: '/problems/csrf', errors: [{ in: 'header', pointer: '#/x-csrf-token' }] });
    const forged = await request(h.app).post('/bills/search').set('Cookie', s.cookie).set('X-CSRF-Token', 'x'.repeat(43)).send({});
    expect(forged.status).toBe(403);
    const crossSite = await request(h.app)
      .post('/bills/search')
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf ?? '')
      .set('Origin', 'https://evil.example')
      .send({});
    expect(crossSite.status).toBe(403);
    // Another session's token does not fit this one.
    const other = await signIn(h.app, (await staffAccount()).email);
    expect(
      (
        await request(h.app)
          .post('/bills/search')
          .set('Cookie', s.cookie)
          .set('X-CSRF-Token', other.csrf ?? '')
          .send({})
      ).status,
    ).toBe(403);
    await request(h.app)
      .post('/bills/search')
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf ?? '')
      .send({})
      .expect(200);
    await request(h.app).post('/bills/search').set('X-API-Key', h.billingKey).send({}).expect(200);
    // Signing in from another site is refused too.
    expect(
      (await request(h.app).post('/session').set('Origin', 'https://evil.example').send({ email: a.email, password: PASSWORD })).status,
    ).toBe(403);
  });
});

describe('session fixation', () => {
  it('never adopts a session id the browser brings: sign-in issues a new one and ends the one presented', async () => {
    const victim = await staffAccount();
    const attacker = await staffAccount();
    // A made-up id planted in the victim's browser is not a session, before or after the sign-in.
    const planted = 'scx_session=PLANTEDplantedPLANTEDplantedPLANTEDplanted123';
    expect((await request(h.app).get('/session').set('Cookie', planted)).status).toBe(401);
    const first = await signIn(h.app, victim.email, PASSWORD, planted);
    expect(first.cookie).not.toBe(planted);
    expect((await request(h.app).get('/session').set('Cookie', planted)).status).toBe(401);
    // The attacker's own valid session, planted: the victim's sign-in ends it and gets a new one.
    const theirs = await signIn(h.app, attacker.email);
    const victims = await signIn(h.app, victim.email, PASSWORD, theirs.cookie);
    expect(victims.token).not.toBe(theirs.token);
    const old = await request(h.app).get('/session').set('Cookie', theirs.cookie);
    expect(old.status).toBe(401);
    expect(old.body).toMatchObject({ type: '/problems/session-ended', reason: 'replaced' });
    expect((await request(h.app).get('/session').set('Cookie', victims.cookie)).body.staff.id).toBe(victim.id);
    // Only the hash of a token is stored.
    const row = await test.db.staffSession.findUniqueOrThrow({ where: { tokenHash: hashToken(victims.token ?? '') } });
    expect(JSON.stringify(row)).not.toContain(victims.token);
  });
});

describe('expiry and sign-out', () => {
  it('ends a session after the idle timeout without a request, and one past its maximum age however active', async () => {
    const quick = createApp({ ...h.deps, session: { ...SESSION, idleTimeoutMs: 1000, maxAgeMs: 2500 } });
    const a = await staffAccount();
    const idle = await signIn(quick, a.email);
    await new Promise((r) => setTimeout(r, 1300));
    const late = await request(quick).get('/session').set('Cookie', idle.cookie);
    expect(late.status).toBe(401);
    expect(late.body).toMatchObject({ type: '/problems/session-ended', reason: 'idle' });
    expect(([] as string[]).concat(late.headers['set-cookie'] ?? [])[0]).toMatch(/^scx_session=; Path=\/; Expires=Thu, 01 Jan 1970/);

    const busy = await signIn(quick, a.email);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 400));
      await request(quick).get('/session').set('Cookie', busy.cookie).expect(200);
    }
    await new Promise((r) => setTimeout(r, 700));
    const old = await request(quick).get('/session').set('Cookie', busy.cookie);
    expect(old.body).toMatchObject({ reason: 'expired' });
  });

  it('signs out; a new password ends the other sessions; a disabled account is signed out and cannot sign in', async () => {
    const a = await staffAccount();
    const one = await signIn(h.app, a.email);
    const two = await signIn(h.app, a.email);
    await request(h.app)
      .post('/session/sign-out')
      .set('Cookie', one.cookie)
      .set('X-CSRF-Token', one.csrf ?? '')
      .send({})
      .expect(204);
    expect((await request(h.app).get('/session').set('Cookie', one.cookie)).body).toMatchObject({ reason: 'signed-out' });
    await request(h.app)
      .post('/session/password')
      .set('Cookie', two.cookie)
      .set('X-CSRF-Token', two.csrf ?? '')
      .send({ currentPassword: PASSWORD, newPassword: 'short' })
      .expect(422);
    const three = await signIn(h.app, a.email);
    await request(h.app)
      .post('/session/password')
      .set('Cookie', two.cookie)
      .set('X-CSRF-Token', two.csrf ?? '')
      .send({ currentPassword: PASSWORD, newPassword: 'another long password' })
      .expect(204);
    expect((await request(h.app).get('/session').set('Cookie', three.cookie)).body).toMatchObject({ reason: 'password-changed' });
    await request(h.app).get('/session').set('Cookie', two.cookie).expect(200);
    await request(h.app).patch(`/staff-accounts/${a.id}`).set(admin()).send({ disabled: true }).expect(200);
    expect((await request(h.app).get('/session').set('Cookie', two.cookie)).body).toMatchObject({ reason: 'disabled' });
    expect((await signIn(h.app, a.email, 'another long password')).res.status).toBe(401);
  });

  it('keeps API keys for machines: a key needs no session, and the session routes are for people', async () => {
    await request(h.app).get('/practices').set('X-API-Key', h.billingKey).expect(200);
    expect((await request(h.app).get('/session').set('X-API-Key', h.billingKey)).status).toBe(404);
  });
});

describe('staff accounts', () => {
  it('refuses a taken e-mail and a weak password, naming the field, and never answers a password', async () => {
    const a = await staffAccount();
    const taken = await request(h.app)
      .post('/staff-accounts')
      .set(admin())
      .send({ name: 'Twin', email: a.email, role: 'BILLING', password: PASSWORD });
    expect(taken.status).toBe(409);
    const weak = await request(h.app)
      .post('/staff-accounts')
      .set(admin())
      .send({ name: 'Weak', email: 'weak@billing.test', role: 'BILLING', password: 'aaaaaaaaaaaaaaaa' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([expect.objectContaining({ pointer: '#/password', code: 'weak_password' })]);
    const listed = await request(h.app).get('/staff-accounts').set(admin()).expect(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/passwordHash|scrypt/);
    expect((await request(h.app).get('/staff-accounts').set('X-API-Key', h.billingKey)).status).toBe(403);
  });
});
