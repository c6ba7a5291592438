/**
 * `npm start -- --demo` on the embedded default, as a newcomer runs it: the start command in
 * its own process creates, through its API, payers with each simulator scenario, practices,
 * clients and bills, then the bills go down their paths. Through the API, each path the demo
 * promises reaches its state (and its escalation). How long each took from the start is
 * printed (the demo promises two minutes on a machine of its own; not asserted).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PATHS, MUST_SEE } from '../../../scripts/demo/paths';
import {
  apiClient,
  embeddedPorts,
  startEmbedded,
  stopEmbedded,
  type EmbeddedPorts,
  type EmbeddedService,
} from '../../support/embedded-service';

jest.setTimeout(600_000);

const ADMIN_KEY = 'scx_admin_demo_0123456789abcdef0123456789';
let dataDir: string;
let ports: EmbeddedPorts;
let service: EmbeddedService | undefined;
let startedAt = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'scx-demo-'));
  ports = await embeddedPorts();
  startedAt = Date.now();
  service = await startEmbedded({ dataDir, ports, adminKey: ADMIN_KEY, args: ['--demo'], env: { SIMULATOR_DELAY_SECONDS: '' } });
});

afterAll(async () => {
  await stopEmbedded(service);
  rmSync(dataDir, { recursive: true, force: true });
});

it('the demo sends a bill down each path, and each reaches its state through the API', async () => {
  const api = apiClient(ports.api);
  // The demo prints one line per path once it has created and submitted its bill.
  const bills = new Map<string, string>();
  for (let i = 0; i < 600 && bills.size < DEMO_PATHS.length; i++) {
    for (const m of (service?.output() ?? '').matchAll(/demo path ([a-z0-9-]+): bill ([0-9a-f-]{36})/g))
      bills.set(m[1] as string, m[2] as string);
    if (bills.size < DEMO_PATHS.length) await new Promise((r) => setTimeout(r, 500));
  }
  expect([...bills.keys()].sort()).toEqual(DEMO_PATHS.map((p) => p.key).sort());
  expect(service?.output()).toMatch(
    /staff page\s+http:\/\/127\.0\.0\.1:\d+\/app\/\s+sign in as demo-[0-9a-f]{6}@example\.invalid \/ demo-\S+/,
  );
  expect(service?.output()).toContain('query=NeedsAttention%20%3D%20true');

  const billing = (await api.ok('POST', '/api-keys', ADMIN_KEY, { name: 'demo watcher', role: 'BILLING' })).key as string;
  // The practices the demo made have the service's default batch schedule (DEFAULT_BATCH_CRON).
  const practices = (await api.ok('GET', '/practices', ADMIN_KEY)).items as Array<{ batchCron: string | null }>;
  expect(practices.map((p) => p.batchCron)).toEqual(practices.map(() => '@every 10s'));

  const reached = new Map<string, number>();
  const last = new Map<string, string>();
  const due = DEMO_PATHS.filter((p) => MUST_SEE.includes(p.key));
  for (let i = 0; i < 480 && reached.size < due.length; i++) {
    for (const p of due) {
      if (reached.has(p.key)) continue;
      const bill = await api.ok('GET', `/bills/${bills.get(p.key) as string}`, billing);
      last.set(p.key, `${bill.status as string}${bill.needsAttention ? ` (${bill.attentionReason as string})` : ''}`);
      const attentionOk = !p.expect.attention || (bill.needsAttention === true && bill.attentionReason === p.expect.attention);
      if (bill.status === p.expect.status && attentionOk) reached.set(p.key, Date.now() - startedAt);
    }
    if (reached.size < due.length) await new Promise((r) => setTimeout(r, 1000));
  }
  for (const p of due)
    console.log(`demo path ${p.key}: ${last.get(p.key)} after ${((reached.get(p.key) ?? NaN) / 1000).toFixed(0)} s from the start`);
  // Every path reached its state (and its escalation where it has one); the last state read of any that did not is shown.
  expect(due.filter((p) => !reached.has(p.key)).map((p) => `${p.key}: ${last.get(p.key)}`)).toEqual([]);

  // The paths that keep moving (late payments, reversals, withholding): where they are now, printed.
  for (const p of DEMO_PATHS.filter((d) => !MUST_SEE.includes(d.key))) {
    const bill = await api.ok('GET', `/bills/${bills.get(p.key) as string}`, billing);
    console.log(
      `demo path ${p.key}: ${bill.status as string} ${bill.needsAttention ? `(${bill.attentionReason as string}) ` : ''}after ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
    );
  }

  // The manual practice says on its bill that it waits for staff to download the 837P.
  const manual = await api.ok('GET', `/bills/${bills.get('manual-not-downloaded') as string}`, billing);
  expect((manual.workflow as { waitingFor: string }).waitingFor).toContain('submits by hand');
  // The tertiary bill was paid by three payers, the third only what the second left.
  const tertiary = await api.ok('GET', `/bills/${bills.get('tertiary') as string}`, billing);
  const paid = (tertiary.balances as { paidByRank: { PRIMARY: number; SECONDARY: number; TERTIARY: number } }).paidByRank;
  expect(paid.TERTIARY).toBeGreaterThan(0);
  expect(paid.PRIMARY + paid.SECONDARY + paid.TERTIARY).toBeLessThanOrEqual(25000);
});
