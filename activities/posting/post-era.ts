/**
 * Posting a typed 835 to the database.
 *
 * Rules (see also era-claim.ts and source-key.ts):
 * - Matching: CLP01 = Claim.patientControlNumber (CLM01 as we sent it).
 * - Crossover: when the matched claim is of a lower rank than the order the payer says it
 *   processed the claim in (CLP02 2/20 secondary, 3/21 tertiary, e.g. the secondary payer's ERA
 *   of a claim the primary forwarded, which still carries the primary's CLM01), the payment goes
 *   to the bill's claim of that rank (the workflow opens it, status CROSSOVER, once it hears the
 *   primary's crossover). If that claim is not open yet the ERA claim is deferred: nothing is
 *   posted, the file stays RECEIVED and is read again at the next poll. If the client has no
 *   policy of that rank, or the claim is still not open CROSSOVER_WAIT_MS after the file came
 *   in, the ERA claim goes to the unmatched queue for a person.
 * - Idempotency: Payment.sourceKey / UnmatchedEraClaim.sourceKey (source-key.ts).
 * - Reversal (CLP02 22): posted as a payment of its own (negative amounts as sent) pointing at the
 *   payment it undoes (reversesPaymentId), and told with reversal: true.
 * - Unbalanced claims (reader findings): posted as the payer sent them, and flagged: each finding
 *   is kept as an audit event on the file and on the bill, and the claim's outcome in the file
 *   says "unbalanced". The money was paid (or taken back) whatever the arithmetic says.
 * - No match: kept in the unmatched queue with the whole typed claim for a person to match.
 * - Each 835 payment (ST..SE) is a Remittance row linked to the file; each payment points at it.
 */
import { isLaterRank, rankOfWord, type Rank } from '../../domain/rank';
import type { Db, Prisma } from '../../db/prisma';
import type { Claim835, Remittance835, Remittance835Result } from '../../x12/835';
import type { BillEvent } from '../../workflows/activity-contract';
import { toDbDate } from '../../db/dates';
import { lookUpChunk, POSTING_CHUNK, writePending, type PendingPosting } from './era-chunk';
import {
  postEraClaim,
  targetClaimInclude,
  type PostedEraClaim,
  type EraClaimSource,
  type QueuedEraClaim,
  type TargetClaim,
} from './era-claim';
import { POSTING_ACTOR, recordFindings } from './era-findings';
import { eraSourceKeys, payerKey } from './source-key';

/** How long an ERA claim waits for the crossover claim it belongs to before a person is asked. */
export const CROSSOVER_WAIT_MS = 3 * 24 * 60 * 60 * 1000;

export interface PostEraInput {
  fileId: string;
  /** When the file came in: the crossover wait counts from it. */
  receivedAt: Date;
  result: Remittance835Result;
  now?: Date;
  /** Called after each chunk with how many of the file's ERA claims are done (for a heartbeat). */
  onProgress?: (done: number) => void;
}

export type EraClaimOutcome =
  | { kind: 'posted'; claimId: string; paymentId: string; created: boolean }
  | { kind: 'duplicate'; claimId: string; paymentId: string }
  | { kind: 'queued'; unmatchedId: string; reason: string }
  | { kind: 'deferred'; claimId: string; reason: string };

export interface PostEraResult {
  events: BillEvent[];
  outcomes: EraClaimOutcome[];
  /** ERA claims waiting for their crossover claim: the file is not done yet. */
  deferred: number;
}

function adjudicationDateOf(r: Remittance835, receivedAt: Date): string {
  return r.payment.date ?? r.productionDate ?? receivedAt.toISOString().slice(0, 10);
}

/** The Remittance row of the i-th payment of the file: made once (fileId + position is unique). */
async function remittanceRow(db: Db, fileId: string, index: number, r: Remittance835, receivedAt: Date): Promise<string> {
  const row = await db.remittance.upsert({
    where: { fileId_positionInFile: { fileId, positionInFile: index } },
    create: {
      kind: 'ERA',
      fileId,
      positionInFile: index,
      payerName: r.payer.name,
      payerIdentifier: payerKey(r),
      traceNumber: r.payment.traceNumber,
      paymentMethod: r.payment.method.code,
      paymentDate: toDbDate(adjudicationDateOf(r, receivedAt)),
      totalPaidCents: r.payment.totalPaidCents,
    },
    update: {},
    select: { id: true },
  });
  return row.id;
}

/** The bill's claim of `rank` that a crossover payment belongs to: the newest that is not a void. */
async function claimOfRank(db: Db, billId: string, rank: Rank): Promise<TargetClaim | null> {
  return db.claim.findFirst({
    where: { billId, rank, frequency: { not: 'VOID' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, billId: true, rank: true, patientControlNumber: true, ...targetClaimInclude },
  });
}

function jsonOf(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

interface UnmatchedInput {
  sourceKey: string;
  remittanceId: string;
  claim: Claim835;
  data: QueuedEraClaim;
}

/**
 * Puts ERA claims in the queue for a person, each once (its source key is unique): one insert
 * for all of them, then one query for their ids (those queued before keep theirs).
 */
export async function queueUnmatched(db: Db, inputs: readonly UnmatchedInput[]): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  await db.unmatchedEraClaim.createMany({
    data: inputs.map((input) => ({
      remittanceId: input.remittanceId,
      sourceKey: input.sourceKey,
      patientControlNumber: input.claim.patientControlNumber,
      payerClaimControlNumber: input.claim.payerClaimControlNumber ?? null,
      claimStatusCode: input.claim.status.code,
      chargeCents: input.claim.chargeCents,
      paidCents: input.claim.paidCents,
      claimData: jsonOf(input.data),
    })),
    skipDuplicates: true,
  });
  const rows = await db.unmatchedEraClaim.findMany({
    where: { sourceKey: { in: inputs.map((i) => i.sourceKey) } },
    select: { id: true, sourceKey: true },
  });
  return new Map(rows.map((r) => [r.sourceKey, r.id]));
}

function outcomeWord(c: Claim835): string {
  const words: string[] = [];
  if (c.isReversal) words.push('reversal');
  else if (c.status.code === '4') words.push('denied');
  else words.push(c.paidCents > 0 ? 'paid' : 'processed-zero');
  if (c.forwardedToAnotherPayer || c.crossoverCarrier) words.push('crossover');
  const errors = c.findings.filter((f) => f.severity === 'error');
  if (errors.some((f) => f.code.endsWith('UNBALANCED'))) words.push('unbalanced');
  else if (errors.length > 0) words.push('needs-review');
  return words.join(' ');
}

export async function postEra(db: Db, input: PostEraInput): Promise<PostEraResult> {
  const now = input.now ?? new Date();
  const events: BillEvent[] = [];
  const outcomes: (EraClaimOutcome | undefined)[] = [];
  const fileOutcomes = new Map<string, string[]>();
  const billOfNumber = new Map<string, string>();
  let deferred = 0;
  let done = 0;
  const record = (posted: PostedEraClaim, c: Claim835, slot?: number) => {
    events.push(posted.event);
    const outcome: EraClaimOutcome = { kind: 'posted', claimId: posted.claimId, paymentId: posted.paymentId, created: posted.created };
    if (slot === undefined) outcomes.push(outcome);
    else outcomes[slot] = outcome;
    billOfNumber.set(c.patientControlNumber, posted.event.billId);
    const list = fileOutcomes.get(posted.claimId) ?? [];
    const reconciled =
      posted.reconciled.outcome === 'posted'
        ? ''
        : ` (${posted.reconciled.outcome === 'confirmed' ? 'confirms the posted payment' : 'differs from the posted payment'})`;
    list.push(`${outcomeWord(c)}${reconciled}`);
    fileOutcomes.set(posted.claimId, list);
  };
  const duplicateWords = (claimId: string) => {
    const list = fileOutcomes.get(claimId) ?? [];
    list.push('duplicate of a payment posted from another file');
    fileOutcomes.set(claimId, list);
  };

  for (const [index, r] of input.result.remittances.entries()) {
    const remittanceId = await remittanceRow(db, input.fileId, index, r, input.receivedAt);
    const keys = eraSourceKeys(r);
    const adjudicationDate = adjudicationDateOf(r, input.receivedAt);
    const queued = (c: Claim835, reason: string): QueuedEraClaim => ({
      reason,
      adjudicationDate,
      remittance: {
        payerName: r.payer.name,
        payerIdentifier: payerKey(r),
        traceNumber: r.payment.traceNumber,
        paymentMethod: r.payment.method.code,
        ...(r.payment.date ? { paymentDate: r.payment.date } : {}),
      },
      claim: c,
    });

    for (let from = 0; from < r.claims.length; from += POSTING_CHUNK) {
      const chunk = r.claims.slice(from, from + POSTING_CHUNK);
      const chunkKeys = keys.slice(from, from + POSTING_CHUNK);
      let found = await lookUpChunk(db, chunk, chunkKeys);
      const pending: PendingPosting[] = [];
      // Claims this chunk posted to: another ERA claim for one of them is reconciled with it, one by one.
      const touched = new Set<string>();
      const handled = new Set<string>();
      // ERA claims for the unmatched queue: written together, their outcomes filled in then.
      const unmatched: { input: UnmatchedInput; slot: number }[] = [];
      const flush = async () => {
        await writePending(db, pending.splice(0), input.fileId, (p) => postEraClaim(db, p.target, p.claim, p.source));
        const queuing = unmatched.splice(0);
        const ids = await queueUnmatched(
          db,
          queuing.map((q) => q.input),
        );
        for (const q of queuing) {
          const unmatchedId = ids.get(q.input.sourceKey);
          if (!unmatchedId) throw new Error(`ERA claim ${q.input.sourceKey} was not queued`);
          outcomes[q.slot] = { kind: 'queued', unmatchedId, reason: q.input.data.reason };
        }
      };

      for (const [i, c] of chunk.entries()) {
        const sourceKey = chunkKeys[i]!;
        if (handled.has(sourceKey)) {
          // The same identity twice in one file (two payments with one trace number): look again.
          await flush();
          found = await lookUpChunk(db, chunk, chunkKeys);
        }
        handled.add(sourceKey);
        const source: EraClaimSource = { sourceKey, remittanceId, adjudicationDate, postedBy: POSTING_ACTOR };
        const queue = (reason: string) => {
          unmatched.push({ input: { sourceKey, remittanceId, claim: c, data: queued(c, reason) }, slot: outcomes.push(undefined) - 1 });
        };

        // Queued for a person already (and perhaps matched by hand since: that match told the bill).
        const inQueue = found.queued.get(sourceKey);
        if (inQueue) {
          outcomes.push({ kind: 'queued', unmatchedId: inQueue, reason: 'already in the unmatched queue' });
          continue;
        }
        // Posted already: by this file before a crash (the bill is told again; it hears each payment
        // once), or by another file saying the same thing (a duplicate: nobody is told, nothing flagged).
        const earlier = found.posted.get(sourceKey)?.(c);
        if (earlier) await flush();
        if (earlier && earlier.fileId !== null && earlier.fileId !== input.fileId) {
          outcomes.push({ kind: 'duplicate', claimId: earlier.claimId, paymentId: earlier.paymentId });
          duplicateWords(earlier.claimId);
          continue;
        }
        if (earlier) {
          record(earlier, c);
          continue;
        }

        const matched = found.claims.get(c.patientControlNumber);
        if (!matched) {
          queue('no claim has this patient control number (CLP01)');
          continue;
        }
        billOfNumber.set(c.patientControlNumber, matched.billId);

        let target: TargetClaim = matched;
        const wanted = c.isReversal || !c.processedAs ? undefined : rankOfWord(c.processedAs);
        if (wanted && isLaterRank(wanted, matched.rank)) {
          const other = await claimOfRank(db, matched.billId, wanted);
          if (other) {
            target = other;
          } else if (!matched.bill.client.policies.some((p) => p.rank === wanted)) {
            queue(
              `processed as ${wanted.toLowerCase()} (CLP02 ${c.status.code}) but the client has no active ${wanted.toLowerCase()} policy`,
            );
            continue;
          } else if (now.getTime() - input.receivedAt.getTime() > CROSSOVER_WAIT_MS) {
            queue(
              `processed as ${wanted.toLowerCase()} (CLP02 ${c.status.code}) but the bill's ${wanted.toLowerCase()} claim was never opened`,
            );
            continue;
          } else {
            deferred += 1;
            outcomes.push({
              kind: 'deferred',
              claimId: matched.id,
              reason: `waiting for the bill's ${wanted.toLowerCase()} claim (crossover)`,
            });
            continue;
          }
        }

        // A payment that simply stands: written with the chunk's others.
        if (target === matched && !c.isReversal && !found.standing.has(target.id) && !touched.has(target.id)) {
          touched.add(target.id);
          const slot = outcomes.push(undefined) - 1;
          pending.push({ target, claim: c, source, done: (posted) => record(posted, c, slot) });
          continue;
        }
        await flush();
        const posted = await postEraClaim(db, target, c, source);
        touched.add(target.id).add(posted.claimId);
        record(posted, c);
      }
      await flush();
      done += chunk.length;
      input.onProgress?.(done);
    }

    await recordFindings(db, input.fileId, [...r.findings, ...r.claims.flatMap((c) => c.findings)], (pcn) => billOfNumber.get(pcn), {
      remittanceId,
    });
    if (r.providerAdjustments.length > 0) {
      await db.auditEvent.createMany({
        data: [
          {
            actor: POSTING_ACTOR,
            action: 'provider-adjustments',
            entityType: 'remittance',
            entityId: remittanceId,
            details: jsonOf({ fileId: input.fileId, providerAdjustments: r.providerAdjustments }),
            dedupeKey: `plb:${input.fileId}:${r.segment.index}`,
          },
        ],
        skipDuplicates: true,
      });
    }
  }
  await recordFindings(db, input.fileId, input.result.envelopeFindings, () => undefined);
  await recordFileOutcomes(db, input.fileId, fileOutcomes);
  return { events, outcomes: outcomes.filter((o): o is EraClaimOutcome => o !== undefined), deferred };
}

/** What the file said of each claim, kept on the file: one query per chunk, and an update only where it changed. */
async function recordFileOutcomes(db: Db, fileId: string, fileOutcomes: Map<string, string[]>): Promise<void> {
  const all = [...fileOutcomes].map(([claimId, words]) => ({ claimId, outcome: words.join(', ') }));
  for (let from = 0; from < all.length; from += POSTING_CHUNK) {
    const chunk = all.slice(from, from + POSTING_CHUNK);
    const kept = await db.clearinghouseFileClaim.findMany({
      where: { fileId, claimId: { in: chunk.map((c) => c.claimId) } },
      select: { claimId: true, outcome: true },
    });
    const keptOutcome = new Map(kept.map((k) => [k.claimId, k.outcome]));
    const fresh = chunk.filter((c) => !keptOutcome.has(c.claimId));
    if (fresh.length > 0) {
      await db.clearinghouseFileClaim.createMany({ data: fresh.map((c) => ({ fileId, ...c })), skipDuplicates: true });
    }
    for (const c of chunk) {
      if (keptOutcome.has(c.claimId) && keptOutcome.get(c.claimId) !== c.outcome) {
        await db.clearinghouseFileClaim.update({ where: { fileId_claimId: { fileId, claimId: c.claimId } }, data: { outcome: c.outcome } });
      }
    }
  }
}

/** How many ERA claims of a read 835 are neither posted nor queued (waiting for a crossover claim). */
export async function unsettledEraClaims(db: Db, result: Remittance835Result): Promise<number> {
  const keys = result.remittances.flatMap((r) => eraSourceKeys(r));
  if (keys.length === 0) return 0;
  const settled = new Set<string>();
  for (let from = 0; from < keys.length; from += POSTING_CHUNK) {
    const chunk = keys.slice(from, from + POSTING_CHUNK);
    const [paid, queued] = await Promise.all([
      db.payment.findMany({ where: { sourceKey: { in: chunk } }, select: { sourceKey: true } }),
      db.unmatchedEraClaim.findMany({ where: { sourceKey: { in: chunk } }, select: { sourceKey: true } }),
    ]);
    for (const k of [...paid, ...queued]) settled.add(k.sourceKey);
  }
  return keys.filter((k) => !settled.has(k)).length;
}
