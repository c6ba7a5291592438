/**
 * Practice access: a staff member sees and changes the data of their practices only (an
 * account may have every practice). Enforced for every route, in one place, before the
 * handler runs: each route is classified by operationId, and a route not classified here is
 * refused to a staff member limited to some practices (fail closed; a test keeps the table
 * complete). API keys are machines' and reach every practice.
 *  - `scoped`: the route's path parameters, and a `practiceId` in its query or body, name the
 *    data; each is resolved to its practice(s) and must be within the caller's. A resource of
 *    another practice answers 404, as if it did not exist.
 *  - `list`: the handler filters by `practiceFilter()` (and a `practiceId` asked for is checked).
 *  - `all-practices`: data that may belong to any practice (the unmatched ERA queue, the hand
 *    upload of an 835, staff accounts, API keys, creating a practice): only for callers with
 *    every practice.
 *  - `global`: no practice's data (payers, this caller's own session, the API document).
 */
import type { Db } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { Principal } from './auth';
import { HttpProblem, notFound, ProblemType, type FieldLocation } from './problem';

export type AccessClass = 'scoped' | 'list' | 'all-practices' | 'global';

export const ROUTE_ACCESS: Record<string, AccessClass> = {
  // configuration
  listPractices: 'list',
  createPractice: 'all-practices',
  getPractice: 'scoped',
  updatePractice: 'scoped',
  listProviders: 'scoped',
  createProvider: 'scoped',
  updateProvider: 'scoped',
  listPayers: 'global',
  createPayer: 'global',
  getPayer: 'global',
  updatePayer: 'global',
  // access
  listApiKeys: 'all-practices',
  createApiKey: 'all-practices',
  revokeApiKey: 'all-practices',
  listStaffAccounts: 'all-practices',
  createStaffAccount: 'all-practices',
  getStaffAccount: 'all-practices',
  updateStaffAccount: 'all-practices',
  unlockStaffAccount: 'all-practices',
  listActors: 'global',
  signIn: 'global',
  getSession: 'global',
  signOut: 'global',
  changePassword: 'global',
  getOpenApiDocument: 'global',
  // clients
  listClients: 'list',
  createClient: 'scoped',
  getClient: 'scoped',
  updateClient: 'scoped',
  listPolicies: 'scoped',
  createPolicy: 'scoped',
  updatePolicy: 'scoped',
  // bills
  listBills: 'list',
  searchBills: 'list',
  listBillsNeedingAttention: 'list',
  createBill: 'scoped',
  getBill: 'scoped',
  correctBill: 'scoped',
  startBillWorkflow: 'scoped',
  getBillTimeline: 'scoped',
  getBillWork: 'scoped',
  downloadClaim837p: 'scoped',
  submitBill: 'scoped',
  setReadyToBatch: 'scoped',
  confirmClaimFixCleared: 'scoped',
  voidBill: 'scoped',
  correctAndResubmit: 'scoped',
  postPayment: 'scoped',
  attachRemittance: 'scoped',
  downloadClaimForManualUpload: 'scoped',
  reversePayment: 'scoped',
  resolveDiscrepancy: 'scoped',
  acknowledgeFlag: 'scoped',
  // batches and files
  createBatch: 'scoped',
  listBatches: 'list',
  getBatch: 'scoped',
  downloadBatchFile: 'scoped',
  sendBatch: 'scoped',
  listClearinghouseFiles: 'list',
  getClearinghouseFile: 'scoped',
  downloadClearinghouseFile: 'scoped',
  uploadEra: 'all-practices',
  // the unmatched ERA queue
  listUnmatchedEraClaims: 'all-practices',
  getUnmatchedEraClaim: 'all-practices',
  listEraMatchCandidates: 'all-practices',
  matchUnmatchedEraClaim: 'all-practices',
  undoUnmatchedEraClaimMatch: 'all-practices',
  dismissUnmatchedEraClaim: 'all-practices',
};

type Resolver = (db: Db, id: string) => Promise<string[] | null>;

const one = (row: { practiceId: string } | null): string[] | null => (row ? [row.practiceId] : null);

/** Path parameters that name a practice's data, and how to find the practice(s). Null: no such record. */
export const PARAM_PRACTICES: Record<string, Resolver> = {
  practiceId: async (db, id) => ((await db.practice.findUnique({ where: { id }, select: { id: true } })) ? [id] : null),
  billId: async (db, id) => one(await db.bill.findUnique({ where: { id }, select: { practiceId: true } })),
  clientId: async (db, id) => one(await db.client.findUnique({ where: { id }, select: { practiceId: true } })),
  providerId: async (db, id) => one(await db.provider.findUnique({ where: { id }, select: { practiceId: true } })),
  batchId: async (db, id) => one(await db.batch.findUnique({ where: { id }, select: { practiceId: true } })),
  policyId: async (db, id) => {
    const policy = await db.insurancePolicy.findUnique({ where: { id }, select: { client: { select: { practiceId: true } } } });
    return policy ? [policy.client.practiceId] : null;
  },
  claimId: async (db, id) => {
    const claim = await db.claim.findUnique({ where: { id }, select: { bill: { select: { practiceId: true } } } });
    return claim ? [claim.bill.practiceId] : null;
  },
  fileId: async (db, id) => {
    const file = await db.clearinghouseFile.findUnique({
      where: { id },
      select: {
        batch: { select: { practiceId: true } },
        claims: { select: { claim: { select: { bill: { select: { practiceId: true } } } } } },
      },
    });
    if (!file) return null;
    return [...new Set([...(file.batch ? [file.batch.practiceId] : []), ...file.claims.map((c) => c.claim.bill.practiceId)])];
  },
};

export function seesAllPractices(principal: Principal): boolean {
  return principal.practices === 'all';
}

/** For list handlers: the Prisma filter on `practiceId` for this caller (and the practice asked for, if any). */
export function practiceFilter(principal: Principal, asked?: string): string | { in: string[] } | undefined {
  if (asked) return asked;
  return principal.practices === 'all' ? undefined : { in: [...principal.practices] };
}

function within(principal: Principal, practiceIds: readonly string[]): boolean {
  if (principal.practices === 'all') return true;
  const mine = new Set(principal.practices);
  return practiceIds.length > 0 && practiceIds.every((p) => mine.has(p));
}

const noAccess = (detail: string, location?: FieldLocation, field?: string) =>
  new HttpProblem(403, 'Forbidden', detail, {
    type: ProblemType.forbidden,
    ...(location && field ? { errors: [{ in: location, pointer: `#/${field}`, detail, code: 'practice_access' }] } : {}),
  });

/** Refuses the request when it reaches outside the caller's practices (see the module comment). */
export async function enforcePracticeAccess(
  db: Db,
  principal: Principal,
  route: { operationId: string },
  parts: { params: unknown; query: unknown; body: unknown },
): Promise<void> {
  if (principal.practices === 'all') return;
  const access = ROUTE_ACCESS[route.operationId];
  if (access === 'global') return;
  if (access === undefined || access === 'all-practices') {
    throw noAccess('this needs access to every practice; your account has access to some practices only');
  }
  for (const [name, value] of Object.entries((parts.params ?? {}) as Record<string, unknown>)) {
    const resolve = PARAM_PRACTICES[name];
    if (!resolve || typeof value !== 'string') continue;
    const practices = await resolve(db, value);
    if (practices && !within(principal, practices)) throw notFound(name.replace(/Id$/, ''), value);
  }
  for (const [location, part] of [
    ['query', parts.query],
    ['body', parts.body],
  ] as const) {
    const asked = (part as { practiceId?: unknown } | undefined)?.practiceId;
    if (typeof asked === 'string' && !within(principal, [asked])) {
      throw noAccess(`your account has no access to practice ${asked}`, location, 'practiceId');
    }
  }
}

/** For the list of clearinghouse files: a caller limited to some practices sees the files of those practices only. */
export function filesOfPractices(principal: Principal): Prisma.ClearinghouseFileWhereInput {
  if (principal.practices === 'all') return {};
  const mine = { in: [...principal.practices] };
  return {
    OR: [
      { batch: { practiceId: mine } },
      {
        batch: { is: null },
        claims: { some: { claim: { bill: { practiceId: mine } } }, every: { claim: { bill: { practiceId: mine } } } },
      },
    ],
  };
}
