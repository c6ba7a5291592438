/**
 * Ops' view of the embedded default, end to end (`scripts/start.ts` in its own process): bills
 * go through both payers; then the dev server's stored history (its SQLite file, byte for byte)
 * holds none of the values the run produced in clear (claim and payment ids, amounts, the
 * practice's and payers' names, JSON field names), every payload of every workflow is
 * encrypted (but the SDK's patch markers, which name a patch), the codec server decodes them for an OPS key only, the metrics endpoints answer,
 * the default list is bills and one sync workflow, and the Temporal UI in a real Chromium
 * shows ciphertext until the ops person signs in, then the decoded input (screenshots in
 * test-output/).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { chromium, type Browser, type Page } from 'playwright-core';
import { isEncrypted } from '../../../codec/aes-gcm-codec';
import { API_METRIC_NAMES, SDK_METRICS, WORKER_BUSINESS_METRICS } from '../../../observability/metric-names';
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
import { LOCAL_BILL_ACTIVITIES } from '../../../workflows/bill/proxies';
import { payloadsOf } from '../../support/history-payloads';
import { testOutputDir } from '../../support/paths';

jest.setTimeout(600_000);

const ADMIN_KEY = 'scx_admin_ops_0123456789abcdef0123456789';
const CHARGES = [[15037, 5011], [9973]];
/** What the SDK core writes, plain, in a local activity's marker: no payload of ours. */
const LOCAL_ACTIVITY_META_KEYS = ['seq', 'attempt', 'activity_id', 'activity_type', 'complete_time', 'backoff', 'original_schedule_time'];
const BILL_ACTIVITY_NAMES: unknown[] = [...LOCAL_BILL_ACTIVITIES];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const screenshots = path.join(testOutputDir, 'ops-ui');

let dataDir: string;
let ports: EmbeddedPorts;
let service: EmbeddedService | undefined;
let raw: { client: Client; connection: Connection };
const api = () => apiClient(ports.api);
let billing: string;
let opsKey: string;
const bills: { id: string; detail: Record<string, unknown> }[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'scx-ops-'));
  ports = await embeddedPorts();
  service = await startEmbedded({ dataDir, ports, adminKey: ADMIN_KEY });
  // A client with no codec: it sees what the server stores.
  const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
  raw = { client: new Client({ connection }), connection };
  const setup = await configurePractice(api(), ADMIN_KEY);
  billing = setup.billing;
  opsKey = (await api().ok('POST', '/api-keys', ADMIN_KEY, { name: 'ops on call', role: 'OPS' })).key as string;
  const ids = [];
  for (const charges of CHARGES) ids.push(await submitBill(api(), setup, charges));
  for (const id of ids) bills.push({ id, detail: await waitForBillStatus(api(), billing, id, 'CLOSED') });
});

afterAll(async () => {
  await raw?.connection.close();
  await stopEmbedded(service);
  rmSync(dataDir, { recursive: true, force: true });
});

type ClaimDetail = { id: string; payments: { id: string; paidCents: number }[] };
const claimsOf = (detail: Record<string, unknown>) => detail.claims as ClaimDetail[];

async function allWorkflows(): Promise<{ workflowId: string; runId: string; type: string; status: string }[]> {
  const out = [];
  for await (const w of raw.client.workflow.list())
    out.push({ workflowId: w.workflowId, runId: w.runId, type: w.type, status: w.status.name });
  return out;
}

it('carried every bill through both payers', () => {
  for (const { detail } of bills) {
    expect(detail.status).toBe('CLOSED');
    expect(claimsOf(detail)).toHaveLength(2);
  }
});

it("stores no value of the run in clear: the dev server's SQLite file holds none of them", async () => {
  const dir = path.join(dataDir, 'temporal');
  const stored = readdirSync(dir)
    .filter((f) => f.startsWith('temporal.sqlite'))
    .map((f) => readFileSync(path.join(dir, f)).toString('latin1'))
    .join('\n');
  // What must be there in clear: workflow ids and search attributes (indexes) name the bills.
  for (const { id } of bills) expect(stored).toContain(`bill-${id}`);
  const secrets = [
    ...bills.flatMap(({ detail }) => claimsOf(detail).flatMap((c) => [c.id, ...c.payments.map((p) => p.id)])),
    'Harbor Counseling',
    'Acme Health',
    'Beacon Mutual',
    'paidCents',
    'chargeCents',
    'totalChargeCents',
    'claimStatusCode',
    'patientResponsibilityCents',
    'front desk',
  ];
  expect(secrets.length).toBeGreaterThan(15);
  for (const secret of secrets) expect({ secret, found: stored.includes(secret) }).toEqual({ secret, found: false });
  // Amounts as a JSON payload would carry them.
  for (const cents of CHARGES.flat()) expect(stored).not.toMatch(new RegExp(`:${cents}[,}\\]]`));
});

it('encrypts every payload of every workflow (bills, batches, the sync); only search attributes stay plain', async () => {
  const workflows = await allWorkflows();
  expect(new Set(workflows.map((w) => w.type))).toEqual(new Set(['billLifecycle', 'batchWorkflow', 'clearinghouseSyncLoop']));
  let checked = 0;
  let localMarkers = 0;
  for (const w of workflows) {
    const history = await raw.client.workflow.getHandle(w.workflowId, w.runId).fetchHistory();
    for (const found of payloadsOf(history)) {
      if (found.searchAttribute) continue;
      // The SDK's own patch markers (`patched()`: the patch's name) are written by its core, not through the codec.
      if (found.patchMarker) {
        expect(JSON.parse(Buffer.from(found.payload.data ?? []).toString())).toEqual({ id: expect.any(String), deprecated: false });
        continue;
      }
      // A local activity's marker: the core's record of the call (ids, counts, times) is plain; its result is not.
      if (found.localActivityMeta) {
        const meta = JSON.parse(Buffer.from(found.payload.data ?? []).toString()) as Record<string, unknown>;
        expect(Object.keys(meta).filter((k) => !LOCAL_ACTIVITY_META_KEYS.includes(k))).toEqual([]);
        expect(BILL_ACTIVITY_NAMES).toContain(meta.activity_type);
        localMarkers += 1;
        continue;
      }
      expect({ workflow: w.workflowId, path: found.path, encrypted: isEncrypted(found.payload) }).toEqual({
        workflow: w.workflowId,
        path: found.path,
        encrypted: true,
      });
      checked += 1;
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(localMarkers).toBeGreaterThan(0);
});

it('decodes them through the codec server for an OPS key, and for no other', async () => {
  const billId = bills[0]!.id;
  const history = await raw.client.workflow.getHandle(`bill-${billId}`).fetchHistory();
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  const body = JSON.stringify({
    payloads: input.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(p.data ?? []).toString('base64'),
    })),
  });
  const decode = (headers: Record<string, string>) =>
    fetch(api().url('/codec/decode'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
      body,
    });
  expect((await decode({})).status).toBe(401);
  expect((await decode({ Authorization: `Bearer ${billing}` })).status).toBe(403);
  expect((await decode({ Authorization: `Bearer ${ADMIN_KEY}` })).status).toBe(403);
  const ok = await decode({ Authorization: `Bearer ${opsKey}` });
  expect(ok.status).toBe(200);
  const decoded = (await ok.json()) as { payloads: { data: string }[] };
  expect(JSON.parse(Buffer.from(decoded.payloads[0]!.data, 'base64').toString())).toMatchObject({ billId });
});

it('keeps the default list to bills and batches, and one sync workflow (not one per poll)', async () => {
  const workflows = await allWorkflows();
  const sync = workflows.filter((w) => w.type === 'clearinghouseSyncLoop');
  expect(sync.filter((w) => w.status === 'RUNNING')).toHaveLength(1);
  expect(sync[0]!.workflowId).toBe('clearinghouse-sync');
  expect(workflows.filter((w) => w.type === 'billLifecycle')).toHaveLength(bills.length);
});

it('serves the business metrics on the API and the SDK and workflow metrics on the worker', async () => {
  const apiMetrics = await (await fetch(api().url('/metrics'))).text();
  for (const name of API_METRIC_NAMES) expect(apiMetrics).toContain(`# TYPE ${name} gauge`);
  expect(apiMetrics).toContain(`claims_bills{status="CLOSED"} ${bills.length}`);
  expect(apiMetrics).toMatch(/claims_clearinghouse_files\{direction="INBOUND",kind="835",status="PROCESSED"\} [1-9]/);
  const worker = await (await fetch(`http://127.0.0.1:${ports.workerMetrics}/metrics`)).text();
  for (const name of [...SDK_METRICS.always, ...Object.values(WORKER_BUSINESS_METRICS)])
    expect({ name, found: worker.includes(`\n${name}`) }).toEqual({ name, found: true });
  expect(worker).toMatch(/claims_batch_runs_total\{[^}]*outcome="sent"[^}]*\} [1-9]/);
  expect(worker).toMatch(/claims_sync_rounds_total\{[^}]*outcome="ok"[^}]*\} [1-9]/);
});

describe('the Temporal UI, in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const ui = (p: string) => `http://127.0.0.1:${ports.ui}${p}`;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    // The ops person's browser setting for the dev server's codec endpoint: send the codec cookie along.
    await page.goto(ui('/namespaces/default/workflows'));
    // (What "Configure Codec Server" in the UI stores: the endpoint, "Include cross-origin credentials", "use my browser setting".)
    await page.evaluate((endpoint) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
      storage.setItem('endpoint', JSON.stringify(endpoint));
      storage.setItem('includeCredentials', 'true');
      storage.setItem('passAccessToken', 'false');
      storage.setItem('overrideRemoteCodecConfiguration', 'true');
    }, api().url('/codec'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the bills', async () => {
    await page.goto(ui('/namespaces/default/workflows'));
    for (const { id } of bills) await page.getByText(`bill-${id}`).first().waitFor({ timeout: 30_000 });
    await page.getByText('clearinghouse-sync').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, '1-workflow-list.png') });
    // The saved view the README documents: bills only.
    await page.goto(ui(`/namespaces/default/workflows?query=${encodeURIComponent('WorkflowType = "billLifecycle"')}`));
    for (const { id } of bills) await page.getByText(`bill-${id}`).first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('clearinghouse-sync').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, '1-bill-list.png') });
  });

  it("shows a bill's input as ciphertext to a browser not signed in", async () => {
    const billId = bills[0]!.id;
    const history = await raw.client.workflow.getHandle(`bill-${billId}`).fetchHistory();
    const stored = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data ?? new Uint8Array();
    const ciphertext = Buffer.from(stored).toString('base64').slice(0, 24);
    const refused = page.waitForResponse((r) => r.url().includes('/codec/decode') && r.status() === 401);
    await page.goto(ui(`/namespaces/default/workflows/bill-${billId}`));
    await refused;
    // The input box shows the stored bytes (base64), not the bill.
    await page.getByText(ciphertext, { exact: false }).first().waitFor({ timeout: 30_000 });
    expect(await page.content()).not.toContain('"billId"');
    await page.screenshot({ path: path.join(screenshots, '2-bill-encrypted.png') });
  });

  it("shows it decoded once the ops person signed in on the codec's page", async () => {
    await page.goto(api().url('/codec'));
    await page.fill('input[name=key]', opsKey);
    await page.click('form[action="/codec/session"] button');
    await page.getByText('Signed in with OPS key').waitFor();
    await page.screenshot({ path: path.join(screenshots, '3-codec-signed-in.png') });

    const billId = bills[0]!.id;
    await page.goto(ui(`/namespaces/default/workflows/bill-${billId}`));
    await page.getByText('"billId"').first().waitFor({ timeout: 30_000 });
    const content = await page.content();
    expect(content).toContain(billId);
    expect(content).not.toContain('Codec Server could not connect');
    await page.screenshot({ path: path.join(screenshots, '4-bill-decoded.png'), fullPage: true });
  });

  it("shows the sync workflow's summary, current details and timer summaries", async () => {
    await page.goto(ui('/namespaces/default/workflows/clearinghouse-sync'));
    await page.getByText('next clearinghouse poll').first().waitFor({ timeout: 30_000 });
    await page.getByText('"everySeconds"').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, '5-sync-decoded.png') });
    // The current details come from a query to the running workflow: ask again until they are there.
    for (let attempt = 1; ; attempt++) {
      await page.getByText('User Metadata').first().click();
      try {
        // The UI renders markdown in a frame of its own.
        await page.frameLocator('iframe[src*="Rounds"]').getByText('Rounds in this run').waitFor({ timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt === 6) throw err;
        await page.reload();
      }
    }
    await page.frameLocator('iframe[src*="Clearinghouse%20sync"]').getByText('Clearinghouse sync: polls for').waitFor();
    await page.screenshot({ path: path.join(screenshots, '6-sync-user-metadata.png') });
  });
});
