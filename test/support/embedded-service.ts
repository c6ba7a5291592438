/**
 * The embedded default as a user runs it (`scripts/start.ts` in its own process) for end-to-end
 * tests, and the API calls and configuration those tests share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './database';
import { MEMBER_ID, PATIENT_FIRST, PATIENT_LAST } from './fixtures';
import { repoRoot } from './paths';

export interface EmbeddedPorts {
  api: number;
  temporal: number;
  ui: number;
  pglite: number;
  workerMetrics: number;
}

export interface EmbeddedService {
  child: ChildProcess;
  output: () => string;
}

export async function embeddedPorts(): Promise<EmbeddedPorts> {
  return {
    api: await freePort(),
    temporal: await freePort(),
    ui: await freePort(),
    pglite: await freePort(),
    workerMetrics: await freePort(),
  };
}

export async function startEmbedded(options: {
  dataDir: string;
  ports: EmbeddedPorts;
  adminKey: string;
  /** Arguments after the start command, e.g. ["--demo"]. */
  args?: string[];
  env?: Record<string, string>;
}): Promise<EmbeddedService> {
  const { ports } = options;
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts', ...(options.args ?? [])], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      PAYLOAD_CODEC_KEYS: '',
      PAYLOAD_CODEC_KEY_FILE: '',
      DATA_DIR: options.dataDir,
      API_PORT: String(ports.api),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      PGLITE_PORT: String(ports.pglite),
      WORKER_METRICS_ADDRESS: `127.0.0.1:${ports.workerMetrics}`,
      BOOTSTRAP_ADMIN_KEY: options.adminKey,
      SYNC_EVERY_SECONDS: '3',
      SIMULATOR_DELAY_SECONDS: '1',
      LOG_LEVEL: 'info',
      ...options.env,
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

export async function stopEmbedded(service: EmbeddedService | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    service.child.once('exit', () => resolve());
    service.child.kill('SIGINT');
  });
}

export function apiClient(apiPort: number) {
  const url = (p: string) => `http://127.0.0.1:${apiPort}${p}`;
  async function call(method: string, p: string, key: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(url(p), {
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
  return { url, call, ok };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** What an administrator sets up once: a billing key, a practice batching every 5 s, its provider, two payers, a client with both policies. */
export async function configurePractice(api: ApiClient, adminKey: string) {
  const billing = (await api.ok('POST', '/api-keys', adminKey, { name: 'front desk', role: 'BILLING' })).key as string;
  const practice = await api.ok('POST', '/practices', adminKey, {
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
  const provider = await api.ok('POST', `/practices/${practice.id as string}/providers`, adminKey, {
    npi: '1245319599',
    firstName: 'Dana',
    lastName: 'Rivers',
    taxonomyCode: '101YM0800X',
  });
  const primary = await api.ok('POST', '/payers', adminKey, {
    name: 'Acme Health',
    payerCode: 'ACME1',
    claimFilingIndicator: 'CI',
    responseDays: 30,
    timelyFilingDays: 180,
  });
  const secondary = await api.ok('POST', '/payers', adminKey, {
    name: 'Beacon Mutual',
    payerCode: 'BCN1',
    claimFilingIndicator: 'BL',
    timelyFilingDays: 365,
  });
  const client = await api.ok('POST', '/clients', billing, {
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
  return { billing, practiceId: practice.id as string, providerId: provider.id as string, clientId: client.id as string };
}

/** Creates and submits a bill; `charges` in cents, one service line each. */
export async function submitBill(api: ApiClient, setup: Awaited<ReturnType<typeof configurePractice>>, charges: number[]): Promise<string> {
  const bill = await api.ok('POST', '/bills', setup.billing, {
    practiceId: setup.practiceId,
    clientId: setup.clientId,
    renderingProviderId: setup.providerId,
    diagnosisCodes: ['F41.1'],
    submit: true,
    serviceLines: charges.map((chargeCents, i) => ({
      procedureCode: i === 0 ? '90837' : '90785',
      diagnosisPointers: [1],
      chargeCents,
      dateOfService: '2026-11-02',
    })),
  });
  return bill.id as string;
}

/** Waits (up to 5 minutes) for the bill to reach the status, and returns its page. */
export async function waitForBillStatus(api: ApiClient, key: string, billId: string, status: string): Promise<Record<string, unknown>> {
  let detail: Record<string, unknown> = {};
  for (let i = 0; i < 600 && detail.status !== status; i++) {
    await new Promise((r) => setTimeout(r, 500));
    detail = await api.ok('GET', `/bills/${billId}`, key);
  }
  return detail;
}
