/**
 * The embedded default, end to end, as a user runs it: the README's start command (the
 * real `scripts/start.ts` in its own process: Temporal dev server, PGlite, worker, API,
 * local clearinghouse and payer simulator), then the API. With nothing but configuration
 * and one call that creates (and submits) the bill, the bill goes through the primary
 * claim, the simulator's partial payment, the automatic secondary claim and the
 * secondary's payment to Closed. Then the start command is stopped and started again on
 * the same data: the bill, its payments and its workflow history are all still there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { temporalCliPath } from '../../../temporal/binaries';
import {
  apiClient,
  configurePractice,
  embeddedPorts,
  startEmbedded,
  stopEmbedded,
  submitBill,
  waitForBillStatus,
  type EmbeddedPorts,
  type EmbeddedService,
} from '../../support/embedded-service';
import { MEMBER_ID, PATIENT_FIRST, PATIENT_LAST } from '../../support/fixtures';

jest.setTimeout(600_000);

const ADMIN_KEY = 'scx_admin_e2e_0123456789abcdef0123456789';
let dataDir: string;
let ports: EmbeddedPorts;
let service: EmbeddedService | undefined;
const startService = () => startEmbedded({ dataDir, ports, adminKey: ADMIN_KEY });
async function stopService(): Promise<void> {
  const s = service;
  service = undefined;
  await stopEmbedded(s);
}
const api = (p: string) => `http://127.0.0.1:${ports.api}${p}`;
const ok = (method: string, p: string, key: string, body?: unknown) => apiClient(ports.api).ok(method, p, key, body);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'scx-e2e-'));
  ports = await embeddedPorts();
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

  // Configuration, as an administrator would set it up once; then the one call: the bill, submitted.
  const setup = await configurePractice(apiClient(ports.api), ADMIN_KEY);
  const billing = setup.billing;
  const billId = await submitBill(apiClient(ports.api), setup, [15000, 5000]);
  const detail = await waitForBillStatus(apiClient(ports.api), billing, billId, 'CLOSED');
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
