/**
 * A model-based test of the money (fast-check): random sequences of what payers and staff do to a
 * bill with one to three payers (ERAs, the same ERA again byte for byte or in other line endings,
 * paper EOBs keyed before or after, partial payments, denials, crossovers, a payer's reversal and
 * its re-adjudication, staff reversals, discrepancies resolved either way, matches by hand to the
 * right claim or the wrong one, undone) run through the real posting code on the real database,
 * and checked after every step against a simple model:
 *  - no claim has two answers standing (nothing posted twice);
 *  - each claim's money (what stands, reversals included) is what its payer last said;
 *  - every ERA that differs from what stands is held for review, and the bill's next claim with it;
 *  - the secondary claim carries the primary's adjudication that stands, and balances;
 *  - the bill's balances add up: charge = paid + adjustments + balance - credit.
 * The preconditions are the bill workflow's (staff post an EOB only while the claim has no
 * answer; reverse only what stands). `npm test` runs a fixed seed on a small budget;
 * `npm run test:money` runs longer (MONEY_RUNS, MONEY_SEED). Every counterexample fast-check
 * has shrunk to is kept below as a named regression test.
 */
import fc from 'fast-check';
import { ingestUploadedFile, inboundActivities } from '../../../activities/inbound';
import { loadClaimForX12 } from '../../../activities/claims/claim-input';
import { resolveDiscrepancy } from '../../../activities/posting/discrepancy';
import { postMatchedEra, undoEraMatch } from '../../../activities/posting/manual-match';
import { reverseStaffPayment } from '../../../activities/posting/staff-reversal';
import { paymentActivities } from '../../../activities/payments';
import { billBalances } from '../../../domain/balances';
import type { Db } from '../../../db/prisma';
import { validateBill } from '../../../x12/837p';
import { testActivityContext } from '../../support/activity-context';
import { useTestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';
import { seedClaim } from '../../support/posting-fixtures';

jest.setTimeout(600_000);

const testDb = useTestDatabase();
const RANKS = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
type RankIndex = 0 | 1 | 2;
const CHARGE = 20000;

/**
 * What a payer says of a claim: paid, patient responsibility, and how it processed it (in its
 * own rank, denied, or forwarded to the next payer); the rest is a CO-45 write-off.
 */
interface Said {
  paid: number;
  pr: number;
  how: 'processed' | 'denied' | 'forwarded';
}

/** CLP02 of a payer of this rank: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 processed and forwarded. */
function statusOf(s: Said, rank: number): string {
  return s.how === 'denied' ? '4' : s.how === 'forwarded' ? String(19 + rank) : String(1 + rank);
}

type Event =
  | { kind: 'era'; rank: RankIndex; trace: number; said: Said }
  | { kind: 'eraAgain'; pick: number; reformat: boolean }
  | { kind: 'eob'; rank: RankIndex; said: Said }
  /** Staff key an EOB while an ERA stands already, the bill not having heard of it yet. */
  | { kind: 'eobLate'; rank: RankIndex; said: Said }
  | { kind: 'payerReversal'; rank: RankIndex; trace: number }
  | { kind: 'staffReversal'; rank: RankIndex }
  | { kind: 'resolve'; rank: RankIndex; stands: 'POSTED' | 'ERA' }
  | { kind: 'unmatched'; rank: RankIndex; trace: number; said: Said }
  | { kind: 'match'; pick: number; toRank: RankIndex }
  | { kind: 'undo'; pick: number };

const said: fc.Arbitrary<Said> = fc
  .record({
    paid: fc.integer({ min: 0, max: CHARGE }),
    prShare: fc.integer({ min: 0, max: 100 }),
    how: fc.constantFrom<Said['how']>('processed', 'processed', 'denied', 'forwarded'),
  })
  .map(({ paid, prShare, how }) => {
    const p = how === 'denied' ? 0 : paid;
    return { paid: p, pr: how === 'denied' ? 0 : Math.floor(((CHARGE - p) * prShare) / 100), how };
  });
const rank = fc.constantFrom<RankIndex>(0, 1, 2);
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('era' as const), rank, trace: fc.integer({ min: 0, max: 2 }), said }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('eraAgain' as const), pick: fc.nat(), reformat: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('eob' as const), rank, said }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('eobLate' as const), rank, said }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payerReversal' as const), rank, trace: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('staffReversal' as const), rank }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('resolve' as const), rank, stands: fc.constantFrom<'POSTED' | 'ERA'>('POSTED', 'ERA') }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unmatched' as const), rank, trace: fc.integer({ min: 0, max: 2 }), said }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('match' as const), pick: fc.nat(), toRank: rank }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }) },
);
const scenario = fc.record({ payers: fc.constantFrom(1, 2, 3), events: fc.array(event, { minLength: 1, maxLength: 10 }) });

// ---------------------------------------------------------------- an 835 of one claim, as a payer writes it

const dollars = (cents: number): string => (cents / 100).toFixed(2);

function era835(input: {
  payerCode: string;
  trace: string;
  pcn: string;
  pccn: string;
  status: string;
  said: Omit<Said, 'how'>;
  sign: 1 | -1;
}): string {
  const { said: s, sign } = input;
  const co = CHARGE - s.paid - s.pr;
  const total = sign * s.paid;
  const segments = [
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*HARBOR         *261201*1200*^*00501*000000001*0*T*:',
    'GS*HP*PAYER*HARBOR*20261201*1200*1*X*005010X221A1',
    'ST*835*0001*005010X221A1',
    total > 0 ? `BPR*I*${dollars(total)}*C*CHK************20261201` : 'BPR*H*0*C*NON************20261201',
    `TRN*1*${input.trace}*1999999999`,
    `N1*PR*PAYER ${input.payerCode}`,
    `REF*2U*${input.payerCode}`,
    'N1*PE*HARBOR COUNSELING*XX*1234567893',
    'LX*1',
    `CLP*${input.pcn}*${input.status}*${dollars(sign * CHARGE)}*${dollars(sign * s.paid)}*${dollars(sign * s.pr)}*12*${input.pccn}`,
    ...(co !== 0 ? [`CAS*CO*45*${dollars(sign * co)}`] : []),
    ...(s.pr !== 0 ? [`CAS*PR*1*${dollars(sign * s.pr)}`] : []),
  ];
  const transaction = segments.length - 2 + 1; // ST through SE
  return [...segments, `SE*${transaction}*0001`, 'GE*1*1', 'IEA*1*000000001'].join('~') + '~';
}

// ---------------------------------------------------------------- the model

interface Answer {
  paymentId: string;
  said: Said;
  /** Set for an ERA answer: what a payer's reversal names. */
  pccn?: string;
}
interface Pending {
  paymentId: string;
  said: Said;
  relatedPaymentId: string;
}
interface ClaimModel {
  claimId: string;
  pcn: string;
  payerCode: string;
  standing?: Answer;
  /** Answers taken back by the payer, still in the database (a reversal entry beside each). */
  reversed: Answer[];
  pending: Pending[];
  keys: Set<string>;
  version: number;
}
interface QueueItem {
  unmatchedId: string;
  said: Said;
  matchedTo?: RankIndex;
  paymentId?: string;
}

const agree = (a: Said, b: Said): boolean => a.paid === b.paid && a.pr === b.pr && a.how === b.how;

async function run(db: Db, payers: number, events: readonly Event[]): Promise<void> {
  const ctx = testActivityContext(db);
  const inbound = inboundActivities(ctx);
  const payments = paymentActivities(ctx);
  const bill = await seedBill(db, { withSecondary: payers >= 2, withTertiary: payers >= 3 });
  const tag = bill.billId.slice(0, 8).toUpperCase();
  const claims: ClaimModel[] = [];
  for (const [i, r] of RANKS.slice(0, payers).entries()) {
    const pcn = `M${tag}${i}`;
    const { claimId } = await seedClaim(db, bill, { rank: r, patientControlNumber: pcn });
    const policy = await db.insurancePolicy.findFirstOrThrow({ where: { clientId: bill.clientId, rank: r }, include: { payer: true } });
    claims.push({ claimId, pcn, payerCode: policy.payer.payerCode, reversed: [], pending: [], keys: new Set(), version: 1 });
  }
  const files: string[] = [];
  const queue: QueueItem[] = [];
  let fileN = 0;

  async function receive(text: string): Promise<void> {
    fileN += 1;
    const { fileId } = await ingestUploadedFile(db, { name: `MODEL_${tag}_${fileN}.835`, content: Buffer.from(text), actor: 'model' });
    await inbound.processInboundFile({ fileId });
  }

  /** An ERA claim arrives for a claim (by its number, or matched by hand): the model's reading of it. */
  function arrive(c: ClaimModel, key: string, s: Said, paymentId: string, pccn: string): void {
    if (c.keys.has(key)) return;
    c.keys.add(key);
    if (c.standing && agree(c.standing.said, s)) return; // a confirming copy: linked, not counted
    if (c.standing) c.pending.push({ paymentId, said: s, relatedPaymentId: c.standing.paymentId });
    else c.standing = { paymentId, said: s, pccn };
  }

  async function latestEraPayment(claimId: string): Promise<string> {
    const p = await db.payment.findFirstOrThrow({ where: { claimId, source: 'ERA' }, orderBy: [{ postedAt: 'desc' }, { id: 'desc' }] });
    return p.id;
  }

  for (const e of events) {
    if (e.kind === 'era') {
      const c = claims[e.rank];
      if (!c) continue;
      const pccn = `ICN-${c.pcn}-${c.version}`;
      const trace = `T${e.trace}`;
      const status = statusOf(e.said, e.rank);
      const text = era835({ payerCode: c.payerCode, trace, pcn: c.pcn, pccn, status, said: e.said, sign: 1 });
      files.push(text);
      const key = `${trace}/${pccn}/${status}`;
      const seen = c.keys.has(key);
      await receive(text);
      if (!seen) arrive(c, key, e.said, await latestEraPayment(c.claimId), pccn);
    } else if (e.kind === 'eraAgain') {
      const text = files[e.pick % Math.max(1, files.length)];
      if (!text) continue;
      await receive(e.reformat ? text.replace(/~/g, '~\r\n') : text);
    } else if (e.kind === 'eob' || e.kind === 'eobLate') {
      const c = claims[e.rank];
      // The bill takes an EOB only while the claim has no answer it has heard of; late, one stands already.
      if (!c || c.pending.length > 0 || (e.kind === 'eob' ? c.standing : !c.standing)) continue;
      const co = CHARGE - e.said.paid - e.said.pr;
      const { paymentId } = await payments.postEobPayment({
        billId: bill.billId,
        claimId: c.claimId,
        idempotencyKey: `eob/${tag}/${c.keys.size}/${e.said.paid}/${Math.random()}`,
        actor: 'model',
        claimStatusCode: statusOf(e.said, e.rank),
        paidCents: e.said.paid,
        patientResponsibilityCents: e.said.pr,
        adjudicationDate: '2026-11-20',
        adjustments: [
          ...(co !== 0 ? [{ group: 'CO' as const, reason: '45', amountCents: co }] : []),
          ...(e.said.pr !== 0 ? [{ group: 'PR' as const, reason: '1', amountCents: e.said.pr }] : []),
        ],
      });
      if (!c.standing) c.standing = { paymentId, said: e.said };
      else if (!agree(c.standing.said, e.said)) c.pending.push({ paymentId, said: e.said, relatedPaymentId: c.standing.paymentId });
    } else if (e.kind === 'payerReversal') {
      const c = claims[e.rank];
      const answer = c?.standing;
      if (!c || !answer?.pccn) continue; // a payer reverses its own ERA answer
      const trace = `R${e.trace}`;
      const text = era835({ payerCode: c.payerCode, trace, pcn: c.pcn, pccn: answer.pccn, status: '22', said: answer.said, sign: -1 });
      files.push(text);
      const key = `${trace}/${answer.pccn}/22`;
      if (c.keys.has(key)) {
        await receive(text);
        continue;
      }
      c.keys.add(key);
      await receive(text);
      c.reversed.push(answer);
      c.standing = undefined;
      c.version += 1;
    } else if (e.kind === 'staffReversal') {
      const c = claims[e.rank];
      const answer = c?.standing;
      if (!c || !answer) continue;
      const result = await reverseStaffPayment(db, {
        paymentId: answer.paymentId,
        billId: bill.billId,
        actor: 'model',
        reason: 'KEYED_IN_ERROR',
        sourceKey: `model-reversal:${answer.paymentId}`,
      });
      c.standing = undefined;
      if (result.promoted) {
        const promoted = result.promoted.paymentId;
        const fromPending = c.pending.find((p) => p.paymentId === promoted);
        c.pending = c.pending.filter((p) => p.paymentId !== promoted);
        const copy = fromPending?.said ?? answer.said;
        c.standing = { paymentId: promoted, said: copy };
      }
    } else if (e.kind === 'resolve') {
      const c = claims[e.rank];
      const pending = c?.pending[0];
      if (!c || !pending) continue;
      await resolveDiscrepancy(db, {
        paymentId: pending.paymentId,
        billId: bill.billId,
        actor: 'model',
        stands: e.stands,
        now: new Date(),
      });
      c.pending = c.pending.filter((p) => p.paymentId !== pending.paymentId);
      if (e.stands === 'ERA') {
        c.reversed = c.reversed.filter((r) => r.paymentId !== pending.relatedPaymentId);
        c.standing = { paymentId: pending.paymentId, said: pending.said };
        // Others that disputed the payment set aside now dispute nothing that counts.
        for (const other of c.pending.filter((p) => p.relatedPaymentId === pending.relatedPaymentId))
          other.relatedPaymentId = pending.paymentId;
      }
    } else if (e.kind === 'unmatched') {
      const c = claims[e.rank];
      if (!c) continue;
      const pcn = `U${tag}${queue.length}`;
      await receive(
        era835({
          payerCode: c.payerCode,
          trace: `U${e.trace}`,
          pcn,
          pccn: `ICN-${pcn}`,
          status: statusOf(e.said, e.rank),
          said: e.said,
          sign: 1,
        }),
      );
      const row = await db.unmatchedEraClaim.findFirstOrThrow({ where: { patientControlNumber: pcn } });
      queue.push({ unmatchedId: row.id, said: e.said });
    } else if (e.kind === 'match') {
      const item = queue[e.pick % Math.max(1, queue.length)];
      const c = claims[e.toRank];
      if (!item || !c || item.matchedTo !== undefined) continue;
      const { event: posted } = await postMatchedEra(db, {
        unmatchedId: item.unmatchedId,
        claimId: c.claimId,
        billId: bill.billId,
        actor: 'model',
        now: new Date(),
      });
      item.matchedTo = e.toRank;
      item.paymentId = posted.paymentId;
      arrive(c, `match:${posted.paymentId}`, item.said, posted.paymentId, `ICN-match-${posted.paymentId}`);
      if (c.standing?.paymentId === posted.paymentId) c.standing.pccn = undefined; // not the payer's own number for this claim
    } else if (e.kind === 'undo') {
      const item = queue[e.pick % Math.max(1, queue.length)];
      if (!item || item.matchedTo === undefined || !item.paymentId) continue;
      const c = claims[item.matchedTo];
      if (!c) continue;
      const result = await undoEraMatch(db, {
        unmatchedId: item.unmatchedId,
        billId: bill.billId,
        actor: 'model',
        reason: 'WRONG_MATCH',
        now: new Date(),
      });
      if (c.standing?.paymentId === item.paymentId) {
        c.standing = undefined;
        if (result.promoted) {
          const promoted = result.promoted.paymentId;
          const fromPending = c.pending.find((p) => p.paymentId === promoted);
          c.pending = c.pending.filter((p) => p.paymentId !== promoted);
          c.standing = { paymentId: promoted, said: fromPending?.said ?? item.said };
        }
      } else {
        c.pending = c.pending.filter((p) => p.paymentId !== item.paymentId);
      }
      item.matchedTo = undefined;
      item.paymentId = undefined;
    }
    await check(db, bill.billId, claims);
  }
}

// ---------------------------------------------------------------- the invariants

async function check(db: Db, billId: string, claims: ClaimModel[]): Promise<void> {
  for (const c of claims) {
    const rows = await db.payment.findMany({ where: { claimId: c.claimId }, include: { reversedBy: { select: { id: true } } } });
    const standing = rows.filter((p) => p.standing === 'STANDING');
    const answers = standing.filter((p) => p.reversesPaymentId === null && p.reversedBy === null);
    expect({ claim: c.pcn, answers: answers.length }).toEqual({ claim: c.pcn, answers: c.standing ? 1 : 0 });
    if (c.standing) expect({ claim: c.pcn, answer: answers[0]?.id }).toEqual({ claim: c.pcn, answer: c.standing.paymentId });
    const money = standing.reduce((t, p) => t + p.paidCents, 0);
    expect({ claim: c.pcn, money }).toEqual({ claim: c.pcn, money: c.standing?.said.paid ?? 0 });
    const pending = rows
      .filter((p) => p.standing === 'PENDING_REVIEW')
      .map((p) => p.id)
      .sort();
    expect({ claim: c.pcn, pending }).toEqual({ claim: c.pcn, pending: c.pending.map((p) => p.paymentId).sort() });
  }
  const bill = await db.bill.findUniqueOrThrow({ where: { id: billId } });
  expect({ held: bill.holdNextClaim }).toEqual({ held: claims.some((c) => c.pending.length > 0) });

  // The next claim is written from the primary's adjudication that stands, and balances.
  const [primary, secondary] = claims;
  if (primary && secondary) {
    const written = await loadClaimForX12(db, secondary.claimId);
    const adjudication = written.bill.policies.find((p) => p.rank === 'primary')?.adjudication;
    expect({ primaryPaidOnSecondary: adjudication?.paidCents ?? null }).toEqual({
      primaryPaidOnSecondary: primary.standing?.said.paid ?? null,
    });
    const balanceIssues = validateBill(written.bill, { today: '2026-12-31' }).filter((i) => /balance/.test(i.rule));
    expect(balanceIssues).toEqual([]);
  }

  // The bill's balances add up.
  const all = await db.payment.findMany({
    where: { claim: { billId }, standing: 'STANDING' },
    include: { claim: { select: { rank: true } }, reversedBy: { select: { id: true } } },
  });
  const b = billBalances({
    chargeCents: CHARGE,
    ranks: RANKS.slice(0, claims.length),
    finished: false,
    payments: all.map((p) => ({
      rank: p.claim.rank,
      paidCents: p.paidCents,
      patientResponsibilityCents: p.patientResponsibilityCents,
      claimStatusCode: p.claimStatusCode,
      isReversal: p.reversesPaymentId !== null,
      reversed: p.reversedBy !== null,
      postedAt: p.postedAt.toISOString(),
    })),
  });
  expect(b.chargeCents).toBe(b.paidCents + b.adjustmentsCents + b.balanceCents - b.creditCents);
}

// ---------------------------------------------------------------- the property, and what it has found

const runs = Number(process.env.MONEY_RUNS ?? 20);
const seed = Number(process.env.MONEY_SEED ?? 20261130);

it(`the money stays right in any order of events (${runs} random sequences, seed ${seed})`, async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ payers, events }) => {
      await run(testDb.db, payers, events);
    }),
    { seed, numRuns: runs },
  );
});

const paidA: Said = { paid: 12000, pr: 3000, how: 'processed' };
const paidB: Said = { paid: 11000, pr: 3000, how: 'processed' };

/**
 * Sequences fast-check found and shrank while this test was written (and two the review of
 * the code found before it could), each kept as a regression test.
 */
const found: { name: string; payers: number; events: Event[] }[] = [
  {
    // Shrunk by fast-check with reconciliation switched off: the second ERA was posted beside the first.
    name: 'an ERA, then another that differs (a denial) under the same trace, then an EOB: held, never posted twice',
    payers: 1,
    events: [
      { kind: 'era', rank: 0, trace: 0, said: { paid: 0, pr: 0, how: 'processed' } },
      { kind: 'era', rank: 0, trace: 0, said: { paid: 0, pr: 0, how: 'denied' } },
      { kind: 'eob', rank: 0, said: { paid: 0, pr: 0, how: 'processed' } },
    ],
  },
  {
    name: 'a disputed answer the payer then reverses, resolved for the ERA: only the ERA counts (the reversal is set aside with what it reversed)',
    payers: 2,
    events: [
      { kind: 'era', rank: 0, trace: 0, said: paidA },
      { kind: 'era', rank: 0, trace: 1, said: paidB },
      { kind: 'payerReversal', rank: 0, trace: 0 },
      { kind: 'resolve', rank: 0, stands: 'ERA' },
    ],
  },
  {
    name: 'a match by hand that only confirmed the answer standing, undone: set aside, nothing reversed',
    payers: 2,
    events: [
      { kind: 'era', rank: 0, trace: 0, said: paidA },
      { kind: 'unmatched', rank: 0, trace: 1, said: paidA },
      { kind: 'match', pick: 0, toRank: 0 },
      { kind: 'undo', pick: 0 },
    ],
  },
  {
    name: 'an ERA posted, then an EOB keyed before the bill heard of it and saying otherwise: held for review, not counted beside it',
    payers: 2,
    events: [
      { kind: 'era', rank: 0, trace: 0, said: paidA },
      { kind: 'eobLate', rank: 0, said: paidB },
      { kind: 'eobLate', rank: 0, said: paidA },
    ],
  },
  {
    name: 'a paper EOB, the ERA that differs, staff take the EOB back: the ERA stands in its place and the hold is lifted',
    payers: 2,
    events: [
      { kind: 'eob', rank: 0, said: paidA },
      { kind: 'era', rank: 0, trace: 0, said: paidB },
      { kind: 'staffReversal', rank: 0 },
    ],
  },
];

it.each(found)('regression: $name', async ({ payers, events }) => {
  await run(testDb.db, payers, events);
});

it('regression (shrunk by fast-check): an ERA processed as tertiary for a bill without a tertiary payer is queued for a person, not posted', async () => {
  const bill = await seedBill(testDb.db, { withSecondary: false });
  const pcn = `Q${bill.billId.slice(0, 8).toUpperCase()}`;
  const { claimId } = await seedClaim(testDb.db, bill, { patientControlNumber: pcn });
  const policy = await testDb.db.insurancePolicy.findFirstOrThrow({ where: { clientId: bill.clientId }, include: { payer: true } });
  const inbound = inboundActivities(testActivityContext(testDb.db));
  const text = era835({
    payerCode: policy.payer.payerCode,
    trace: 'T0',
    pcn,
    pccn: 'ICN-Q',
    status: '3',
    said: { paid: 0, pr: 0 },
    sign: 1,
  });
  const { fileId } = await ingestUploadedFile(testDb.db, { name: `Q_${pcn}.835`, content: Buffer.from(text), actor: 'test' });
  await inbound.processInboundFile({ fileId });
  expect(await testDb.db.payment.count({ where: { claimId } })).toBe(0);
  expect(await testDb.db.unmatchedEraClaim.findFirstOrThrow({ where: { patientControlNumber: pcn } })).toMatchObject({ status: 'OPEN' });
});
