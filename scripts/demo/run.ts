/**
 * The demo's walk through the API of a running service (`npm start` with the local
 * clearinghouse and its payer simulator): creates the payers with their scenarios, three
 * practices, a staff sign-in, and a client and a submitted bill for each path, then says where
 * to look. Only the API: what it does, a newcomer can do with curl.
 */
import { randomBytes } from 'node:crypto';
import { DEMO_PATHS, DEMO_PAYERS, type DemoPath, type PracticeKey } from './paths';

export interface DemoOptions {
  apiUrl: string;
  adminKey: string;
  /** The Temporal UI, for the queries printed at the end. */
  uiUrl?: string;
  namespace?: string;
  log?: (line: string) => void;
}

export interface DemoBill {
  path: DemoPath;
  billId: string;
}

export interface DemoResult {
  bills: DemoBill[];
  practiceIds: Record<PracticeKey, string>;
  staff: { email: string; password: string };
  billingKey: string;
}

type Json = Record<string, unknown>;

async function call(apiUrl: string, key: string, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`demo: ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  const type = res.headers.get('content-type') ?? '';
  return type.includes('json') && text ? (JSON.parse(text) as Json) : {};
}

const PRACTICES: Record<PracticeKey, { name: string; submitsManually: boolean }> = {
  integrated: { name: 'Demo Harbor Counseling', submitsManually: false },
  manual: { name: 'Demo Hand Upload Therapy', submitsManually: true },
  separate: { name: 'Demo Lakeside Clinic', submitsManually: false },
};

const FIRST_NAMES = ['Avery', 'Blake', 'Casey', 'Devon', 'Emery', 'Finley', 'Gray', 'Harper', 'Indy', 'Jules', 'Kai', 'Lane', 'Morgan'];

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { apiUrl } = options;
  const admin = (method: string, path: string, body?: unknown) => call(apiUrl, options.adminKey, method, path, body);
  // A tag keeps the payer codes of one run apart from an earlier run's.
  const tag = randomBytes(3).toString('hex').toUpperCase();

  const billingKey = (await admin('POST', '/api-keys', { name: `demo ${tag}`, role: 'BILLING' })).key as string;
  const billing = (method: string, path: string, body?: unknown) => call(apiUrl, billingKey, method, path, body);

  const payerIds: Record<string, string> = {};
  for (const p of DEMO_PAYERS) {
    const created = await admin('POST', '/payers', {
      name: p.name,
      payerCode: `D${p.key}${tag}`,
      claimFilingIndicator: p.claimFilingIndicator,
      ...(p.responseDays ? { responseDays: p.responseDays } : {}),
      simulatorScenario: p.scenario,
    });
    payerIds[p.key] = created.id as string;
  }

  const practiceIds = {} as Record<PracticeKey, string>;
  const providerIds = {} as Record<PracticeKey, string>;
  for (const [key, practice] of Object.entries(PRACTICES) as [PracticeKey, (typeof PRACTICES)[PracticeKey]][]) {
    // No batchCron: the service's default schedule (DEFAULT_BATCH_CRON) batches it.
    const created = await admin('POST', '/practices', {
      name: practice.name,
      npi: '1234567893',
      taxId: '123456789',
      taxonomyCode: '101YM0800X',
      addressLine1: '100 Main St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '627011234',
      autoBatchSecondary: true,
      submitsManually: practice.submitsManually,
    });
    practiceIds[key] = created.id as string;
    const provider = await admin('POST', `/practices/${practiceIds[key]}/providers`, {
      npi: '1245319599',
      firstName: 'Dana',
      lastName: 'Rivers',
      taxonomyCode: '101YM0800X',
    });
    providerIds[key] = provider.id as string;
  }

  const staff = { email: `demo-${tag.toLowerCase()}@example.invalid`, password: `demo-${randomBytes(9).toString('base64url')}` };
  await admin('POST', '/staff-accounts', {
    name: 'Demo Biller',
    email: staff.email,
    role: 'BILLING',
    allPractices: true,
    password: staff.password,
  });

  const ranks = ['PRIMARY', 'SECONDARY', 'TERTIARY'];
  const bills: DemoBill[] = [];
  for (const [i, path] of DEMO_PATHS.entries()) {
    const client = await billing('POST', '/clients', {
      practiceId: practiceIds[path.practice],
      firstName: FIRST_NAMES[i % FIRST_NAMES.length],
      lastName: `Demo${path.key.replace(/[^a-z]/g, '').slice(0, 20)}`,
      dateOfBirth: '1985-04-12',
      sex: i % 2 === 0 ? 'F' : 'M',
      addressLine1: `${10 + i} Elm St`,
      city: 'Springfield',
      state: 'IL',
      postalCode: '62704',
      policies: path.payers.map((payer, rank) => ({
        payerId: payerIds[payer],
        rank: ranks[rank],
        memberId: `DM${tag}${i}${rank}`,
        groupNumber: `GRP${100 + i}`,
      })),
    });
    const bill = await billing('POST', '/bills', {
      practiceId: practiceIds[path.practice],
      clientId: client.id,
      renderingProviderId: providerIds[path.practice],
      diagnosisCodes: ['F41.1'],
      submit: true,
      serviceLines: [
        { procedureCode: '90837', diagnosisPointers: [1], chargeCents: 15000, dateOfService: isoDaysAgo(7) },
        { procedureCode: '90785', diagnosisPointers: [1], chargeCents: 10000, dateOfService: isoDaysAgo(7) },
      ],
    });
    const billId = bill.id as string;
    if (path.download) await billing('POST', `/bills/${billId}/manual-upload`, {});
    bills.push({ path, billId });
    log(`demo path ${path.key}: bill ${billId} (${path.title})`);
  }

  const ui = options.uiUrl ?? 'http://127.0.0.1:8233';
  const ns = options.namespace ?? 'default';
  const query = (q: string) => `${ui}/namespaces/${ns}/workflows?query=${encodeURIComponent(q)}`;
  log('');
  log('where to look (the paths move over the next two minutes):');
  log(`  staff page     ${apiUrl}/app/   sign in as ${staff.email} / ${staff.password}`);
  log(`  API            ${apiUrl}/bills/needing-attention   (Authorization: Bearer ${billingKey})`);
  log(`                 ${apiUrl}/bills/<bill id>   for any bill above; ${apiUrl}/openapi.json for the rest`);
  log(`  Temporal UI    ${query('NeedsAttention = true')}`);
  log(`                 ${query("BillStatus = 'REJECTED'")}`);
  log(`                 ${query('ExecutionStatus = "Running"')}`);
  return { bills, practiceIds, staff, billingKey };
}
