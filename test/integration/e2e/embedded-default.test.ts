/**
 * The embedded default, end to end, as a user runs it: the README's start command (the
 * real `scripts/start.ts` in its own process: Temporal dev server, PGlite, worker, API,
 * local clearinghouse and payer simulator), then the API. With nothing but configuration
 * and one call that creates (and submits) the bill, the bill goes through the primary
 * claim, the simulator's partial payment, the automatic secondary claim and the
 * secondary's payment to Closed. Then the start command is stopped and started again on
 * the same data: the bill, its payments and its workflow history are all still there.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { temporalCliPath } from '../../../temporal/binaries';
import { freePort } from '../../support/database';
import { MEMBER_ID, PATIENT_FIRST, PATIENT_LAST } from '../../support/fixtures';
import { repoRoot } from '../../support/paths';
import { waitUntil } from '../../support/wait-until';

jest.setTimeout(600_000);

const ADMIN_KEY = 'scx_admin_e2e_0123456789abcdef0123456789';
let dataDir: string;
let ports: { api: number; temporal: number; ui: number; pglite: number };
let service: { child: ChildProcess; output: () => string } | undefined;

async function startService(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      DATA_DIR: dataDir,
      API_PORT: String(ports.api),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      PGLITE_PORT: String(ports.pglite),
      BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      SYNC_EVERY_SECONDS: '3',
      SIMULATOR_DELAY_SECONDS: '1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('is running')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start exited with ${code}:\n${out}`));
    });
  });
  return { child, output: () => out };
}

async function stopService(): Promise<void> {
  const s = service;
  service = undefined;
  if (!s || s.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    s.child.once('exit', () => resolve());
    s.child.kill('SIGINT');
  });
}

const api = (p: string) => `http://127.0.0.1:${ports.api}${p}`;

async function call(method: string, p: string, key: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(api(p), {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function ok(method: string, p: string, key: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await call(method, p, key, body);
  if (res.status >= 300) throw new Error(`${method} ${p} -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'scx-e2e-'));
  ports = { api: await freePort(), temporal: await freePort(), ui: await freePort(), pglite: await freePort() };
  service = await startService();
});

afterAll(async () => {
  await stopService();
  rmSync(dataDir, { recursive: true, force: true });
});

it('carries a bill from the primary claim to Closed with nothing but configuration and one call, and keeps it across a restart', async () => {
  const health = await fetch(api('/health'));
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', database: { ok: true }, temporal: { ok: true } });
  expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);

  // Configuration, as an administrator would set it up once.
  const billing = (await ok('POST', '/api-keys', ADMIN_KEY, { name: 'front desk', role: 'BILLING' })).key as string;
  const practice = await ok('POST', '/practices', ADMIN_KEY, {
    name: 'Harbor Counseling',
    npi: '1234567893',
    taxId: '123456789',
    taxonomyCode: '101YM0800X',
    addressLine1: '100 Main St',
    city: 'Springfield',
    state: 'IL',
    postalCode: '627011234',
    autoBatchSecondary: true,
    submitsManually: false,
    batchCron: '@every 5s',
  });
  const provider = await ok('POST', `/practices/${practice.id as string}/providers`, ADMIN_KEY, {
    npi: '1245319599',
    firstName: 'Dana',
    lastName: 'Rivers',
    taxonomyCode: '101YM0800X',
  });
  const primary = await ok('POST', '/payers', ADMIN_KEY, {
    name: 'Acme Health',
    payerCode: 'ACME1',
    claimFilingIndicator: 'CI',
    responseDays: 30,
    timelyFilingDays: 180,
  });
  const secondary = await ok('POST', '/payers', ADMIN_KEY, {
    name: 'Beacon Mutual',
    payerCode: 'BCN1',
    claimFilingIndicator: 'BL',
    timelyFilingDays: 365,
  });
  const client = await ok('POST', '/clients', billing, {
    practiceId: practice.id,
    firstName: PATIENT_FIRST,
    lastName: PATIENT_LAST,
    dateOfBirth: '1985-04-12',
    sex: 'F',
    addressLine1: '42 Elm St',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62704',
    policies: [
      { payerId: primary.id, rank: 'PRIMARY', memberId: MEMBER_ID, groupNumber: 'GRP100' },
      { payerId: secondary.id, rank: 'SECONDARY', memberId: `${MEMBER_ID}S` },
    ],
  });

  // The one call: the bill, submitted.
  const bill = await ok('POST', '/bills', billing, {
    practiceId: practice.id,
    clientId: client.id,
    renderingProviderId: provider.id,
    diagnosisCodes: ['F41.1'],
    submit: true,
    serviceLines: [
      { procedureCode: '90837', diagnosisPointers: [1], chargeCents: 15000, dateOfService: '2026-11-02' },
      { procedureCode: '90785', diagnosisPointers: [1], chargeCents: 5000, dateOfService: '2026-11-02' },
    ],
  });
  const billId = bill.id as string;

  const detail = await waitUntil(
    () => ok('GET', `/bills/${billId}`, billing),
    (d) => d.status === 'CLOSED',
    { intervalMs: 500, timeoutMs: 300_000, what: 'the bill Closed' },
  );
  expect(detail.status).toBe('CLOSED');

  const timeline = (await ok('GET', `/bills/${billId}/timeline?limit=100`, billing)).items as { action: string }[];
  const actions = timeline.map((e) => e.action);
  for (const step of ['status:AWAITING_PRIMARY', 'status:AWAITING_SECONDARY', 'status:CLOSED']) expect(actions).toContain(step);
  const claims = detail.claims as { rank: string; status: string; payments: { paidCents: number }[] }[];
  expect(claims.map((c) => c.rank).sort()).toEqual(['PRIMARY', 'SECONDARY']);
  const paid = (rank: string) =>
    claims
      .filter((c) => c.rank === rank)
      .flatMap((c) => c.payments)
      .reduce((t, p) => t + p.paidCents, 0);
  expect(paid('PRIMARY')).toBeGreaterThan(0);
  expect(paid('PRIMARY')).toBeLessThan(20000);
  expect(paid('SECONDARY')).toBeGreaterThan(0);

  // Ops find it with the project's search attributes.
  const listed = execFileSync(temporalCliPath(), [
    'workflow',
    'list',
    '--address',
    `127.0.0.1:${ports.temporal}`,
    '--query',
    `BillId = "${billId}" AND BillStatus = "CLOSED"`,
    '-o',
    'json',
  ]).toString();
  expect(listed).toContain(`bill-${billId}`);

  // The service's own output names no patient.
  for (const phi of [PATIENT_FIRST, PATIENT_LAST, MEMBER_ID]) expect(service!.output()).not.toContain(phi);

  // Stop and start again on the same data: everything stored is still there.
  await stopService();
  service = await startService();
  const again = await ok('GET', `/bills/${billId}`, billing);
  expect(again.status).toBe('CLOSED');
  expect((again.claims as unknown[]).length).toBe(2);
  const described = execFileSync(temporalCliPath(), [
    'workflow',
    'describe',
    '--address',
    `127.0.0.1:${ports.temporal}`,
    '--workflow-id',
    `bill-${billId}`,
  ]).toString();
  expect(described).toMatch(/Completed/i);
});
