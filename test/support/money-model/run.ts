/**
 * The money model run against the real posting code (see
 * test/integration/posting/money-model.test.ts): `run` plays a sequence of events on a fresh
 * bill and checks the invariants after every step.
 */
import { ingestUploadedFile, inboundActivities } from '../../../activities/inbound';
import { loadClaimForX12 } from '../../../activities/claims/claim-input';
import { resolveDiscrepancy } from '../../../activities/posting/discrepancy';
import { postMatchedEra, undoEraMatch } from '../../../activities/posting/manual-match';
import { reverseStaffPayment } from '../../../activities/posting/staff-reversal';
import { paymentActivities } from '../../../activities/payments';
import { billBalances } from '../../../domain/balances';
import type { Db } from '../../../db/prisma';
import { validateBill } from '../../../x12/837p';
import { testActivityContext } from '../activity-context';
import { seedBill } from '../fixtures';
import { seedClaim } from '../posting-fixtures';
import { CHARGE, RANKS, era835, statusOf, type Event, type RankIndex, type Said } from './events';

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

export async function run(db: Db, payers: number, events: readonly Event[]): Promise<void> {
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
