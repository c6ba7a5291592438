/**
 * Bad bytes never 500: for every route of the route table that takes a JSON body, a valid
 * body (where the test knows one) with one string field replaced by a hostile string (NUL and
 * other control characters, lone UTF-16 surrogates, huge strings, any Unicode) or a hostile
 * date, sent to the real API on a real database and a real Temporal. A string holding what no
 * field may hold is 422 naming the field; nothing is ever 500. Every counterexample fast-check
 * shrank to is kept below as a named regression test.
 */
import fc from 'fast-check';
import request from 'supertest';
import { API_ROUTES } from '../../../api/routes';
import type { RouteDef } from '../../../api/route-table';
import { useApiStack } from '../../support/api-stack';

const stack = useApiStack('api-hostile-input');
jest.setTimeout(600_000);

const NO_RECORD = '00000000-0000-4000-8000-000000000000';
let ids: { practiceId: string; billId: string; clientId: string; payerId: string };

beforeAll(async () => {
  const set = await stack.setUp({ autoBatchSecondary: false, submitsManually: false });
  const policy = await stack.h.deps.db.insurancePolicy.findFirstOrThrow({ where: { clientId: set.clientId } });
  ids = { ...set, payerId: policy.payerId };
});

/** A body each create takes as it is (so that one changed field is what is judged). */
function validBody(operationId: string): Record<string, unknown> {
  const tag = `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e6)}`;
  switch (operationId) {
    case 'createPractice':
      return {
        name: 'Harbor Counseling',
        npi: '1234567893',
        taxId: '123456789',
        addressLine1: '100 Main St',
        city: 'Springfield',
        state: 'IL',
        postalCode: '627011234',
      };
    case 'createProvider':
      return { npi: '1245319599', firstName: 'Dana', lastName: 'Rivers' };
    case 'createPayer':
      return { name: 'Acme Health', payerCode: `FZ${tag}`, claimFilingIndicator: 'CI' };
    case 'createClient':
      return {
        practiceId: ids.practiceId,
        firstName: 'Jordan',
        lastName: 'Sample',
        dateOfBirth: '1985-04-12',
        sex: 'F',
        addressLine1: '42 Elm St',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62704',
        policies: [{ payerId: ids.payerId, rank: 'PRIMARY', memberId: `M${tag}` }],
      };
    case 'createPolicy':
      return { payerId: ids.payerId, rank: 'TERTIARY', memberId: `T${tag}`, subscriberDateOfBirth: '1980-01-01' };
    case 'createBill':
      return {
        practiceId: ids.practiceId,
        clientId: ids.clientId,
        diagnosisCodes: ['F41.1'],
        serviceLines: [{ procedureCode: '90837', diagnosisPointers: [1], chargeCents: 100, dateOfService: '2026-11-02' }],
      };
    case 'createStaffAccount':
      return {
        name: 'Front Desk',
        email: `fz${tag.toLowerCase()}@example.com`,
        role: 'BILLING',
        password: 'correct horse battery',
        allPractices: true,
      };
    case 'createApiKey':
      return { name: 'fuzz', role: 'BILLING' };
    case 'signIn':
      return { email: 'nobody@example.com', password: 'not the password' };
    default:
      return {};
  }
}

function pathOf(route: RouteDef): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => (ids as Record<string, string>)[name] ?? NO_RECORD);
}

/** The JSON Pointer paths of every string in a body, and of each top-level field its schema names. */
function stringFields(route: RouteDef, body: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') out.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(body, []);
  const shape = (route.body as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  for (const name of Object.keys(shape)) if (!out.some((p) => p.length === 1 && p[0] === name)) out.push([name]);
  return out.length > 0 ? out : [['field']];
}

function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

const pointer = (path: (string | number)[]) => `#${path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;

/** The test's own oracle: what no field may hold (tab, LF and CR are allowed in notes only). */
const NEVER =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hostileChar = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  '\udfff',
  '\ufffe',
);
const anyChar = fc.oneof(
  hostileChar,
  fc.constantFrom('a', 'Z', '9', ' ', '-', "'", '\n', '\t', 'é', 'ß', 'Ω', '中', '😀', '\u200b', '\u2028', '\u0301', '*', '~', '^'),
);
const hostileDate = fc.oneof(
  fc.constantFrom('0000-01-01', '2026-02-30', '1899-12-31', '0001-01-01', '9999-12-31', '2026-13-01', '2026-00-10', '1900-02-29'),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);
const hostileValue = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), hostileChar).map(([s, c]) => `${s}${c}`),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'A'.repeat(n)),
  hostileDate,
);

async function send(route: RouteDef, body: unknown): Promise<request.Response> {
  const key = route.roles.includes('BILLING') ? { 'X-API-Key': stack.h.billingKey } : { Authorization: `Bearer ${stack.h.adminKey}` };
  return request(stack.h.app)[route.method](pathOf(route)).set(key).set('Content-Type', 'application/json').send(JSON.stringify(body));
}

/** The one property: never 500, and a string holding what no field may hold is 422 naming that field. */
async function judge(route: RouteDef, path: (string | number)[], value: string): Promise<void> {
  const res = await send(route, setAt(validBody(route.operationId), path, value));
  const what = `${route.method.toUpperCase()} ${route.path} ${pointer(path)}=${JSON.stringify(value.slice(0, 60))}`;
  if (res.status >= 500) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  const lineBreakRefused = path[path.length - 1] !== 'note' && /[\t\n\r]/.test(value);
  if (NEVER.test(value) || lineBreakRefused) {
    expect({ what, status: res.status }).toEqual({ what, status: 422 });
    const pointers = (res.body.errors as { pointer: string }[]).map((e) => e.pointer);
    expect({ what, pointers }).toEqual({ what, pointers: expect.arrayContaining([pointer(path)]) });
  }
}

const bodyRoutes = API_ROUTES.filter((r) => r.body && r.operationId !== 'signIn');

describe('hostile strings and dates in every body', () => {
  it('covers every route that takes a JSON body', () => {
    console.log(`fuzzing ${bodyRoutes.length} routes: ${bodyRoutes.map((r) => r.operationId).join(', ')}`);
    expect(bodyRoutes.length).toBeGreaterThan(20);
  });

  it.each(bodyRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s never answers 500', async (_name, route) => {
    const fields = stringFields(route, validBody(route.operationId));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), hostileValue, (path, value) => judge(route, path, value)),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    );
  });
});

describe('regressions: counterexamples the fuzz found', () => {
  const route = (operationId: string) => API_ROUTES.find((r) => r.operationId === operationId)!;
  it.each([
    ['createClient', ['firstName'], 'Jo\u0000rdan'],
    ['createPractice', ['name'], 'Harbor\u0000'],
    ['createProvider', ['lastName'], 'Rivers\u0000'],
    ['createClient', ['dateOfBirth'], '0000-01-01'],
    ['createClient', ['dateOfBirth'], '2026-02-30'],
    ['createClient', ['dateOfBirth'], '1899-12-31'],
    ['createClient', ['lastName'], 'Sample\ud800'],
  ] as const)('%s %j = %j is refused, not 500', async (operationId, path, value) => {
    const res = await send(route(operationId), setAt(validBody(operationId), [...path], value));
    expect(res.status).toBe(422);
    expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer([...path]));
  });

  // Found by the fuzz on the code before the door refused them (FUZZ_RUNS=60): each answered 500, or took a NUL.
  const byPath = (method: string, path: string) => API_ROUTES.find((r) => r.method === method && r.path === path)!;
  it.each([
    ['post', '/practices', 'name', '+\u0000'],
    ['patch', '/practices/:practiceId', 'name', 'a\u0000'],
    ['post', '/practices/:practiceId/providers', 'firstName', '&\u0000'],
    ['patch', '/providers/:providerId', 'firstName', '!\u0000'],
    ['post', '/payers', 'name', '!\u0000'],
    ['patch', '/payers/:payerId', 'name', '!\u0000'],
    ['post', '/api-keys', 'name', '\u0000'],
    ['post', '/session/password', 'currentPassword', '\u0000'],
    ['post', '/staff-accounts', 'name', '\u0000'],
    ['patch', '/staff-accounts/:staffId', 'name', '\u0000'],
    ['post', '/clients', 'addressLine2', 'a\u0000'],
    ['patch', '/clients/:clientId', 'firstName', 'a\u0000'],
    ['post', '/clients/:clientId/policies', 'subscriberFirstName', '&\u0000'],
    ['patch', '/policies/:policyId', 'subscriberAddressLine1', '\u0000a'],
    ['post', '/bills/search', 'text', '\u0000'],
    ['post', '/bills/:billId/void', 'note', '\u0000'],
    ['post', '/bills/:billId/payments', 'payerClaimControlNumber', '\u0000'],
    ['post', '/bills/:billId/payments/:paymentId/reverse', 'note', '\u0000'],
    ['post', '/bills/:billId/discrepancies/:paymentId/resolve', 'note', '\u0000'],
    ['post', '/bills/:billId/flags/acknowledge', 'note', '\u0000'],
    ['post', '/unmatched-era-claims/:unmatchedId/undo', 'note', '\u0000'],
    ['post', '/unmatched-era-claims/:unmatchedId/dismiss', 'reason', '\u0000'],
  ] as const)('%s %s #/%s = %j', async (method, path, field, value) => {
    await judge(byPath(method, path), [field], value);
  });
});
