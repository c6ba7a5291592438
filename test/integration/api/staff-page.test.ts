/**
 * The staff page as the API serves it: the built page under /app/ (every path under it, for the
 * page's own routing), with headers that keep it to itself; and its API types, generated from
 * the route table, match what the route table gives now (else the page and the API drift).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { DEFAULT_WEB_ROOT } from '../../../api/web-page';
import { createApiHarness, type ApiHarness } from '../../support/api-harness';
import { useTestDatabase } from '../../support/database';
import { repoRoot } from '../../support/paths';

const test = useTestDatabase();
let h: ApiHarness;

beforeAll(async () => {
  h = await createApiHarness(test.db);
});

it('is built (npm ci builds it) and served under /app/ with a strict Content-Security-Policy, never cached', async () => {
  expect(existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'))).toBe(true);
  const page = await request(h.app).get('/app/').expect(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.headers['cache-control']).toBe('no-store');
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(page.headers['x-frame-options']).toBe('DENY');
  expect(page.headers['referrer-policy']).toBe('no-referrer');
  // No inline script or style: the policy would block them.
  expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(page.text).not.toMatch(/<style/);
  const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
  expect(script).toBeDefined();
  const asset = await request(h.app)
    .get(script ?? '')
    .expect(200);
  expect(asset.headers['cache-control']).toMatch(/immutable/);
  // The page routes in the browser: any path under /app/ answers the page.
  expect((await request(h.app).get('/app/bills/00000000-0000-4000-8000-000000000000').expect(200)).text).toBe(page.text);
  await request(h.app).get('/').expect(302).expect('Location', '/app/');
  const missing = await request(h.app).get('/app/assets/nothing.js');
  expect(missing.status).toBe(404);
  expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
});

it('has API types that match the route table (npm run web:types writes them)', () => {
  const out = execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/web-types.ts', '--check'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(out).toContain('matches the route table');
});
