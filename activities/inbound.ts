/**
 * The clearinghouse sync's activities: keep every response file once, read and post it, mark it
 * done. Also the upload of a response file by staff through the API.
 *
 * - pollClearinghouse: lists the responses waiting at the clearinghouse; a file already kept under
 *   the same name and size is not downloaded again; a downloaded file is kept (INBOUND, RECEIVED,
 *   kind detected) unless a file with the same SHA-256 is kept already; the remote file is
 *   acknowledged only once kept. Returns every INBOUND file still RECEIVED, oldest first, so a
 *   file a crash left half-way (or one waiting for a crossover claim) is taken up again.
 * - processInboundFile: 835 -> post-era, 999 / 277CA -> post-ack. A file that cannot be read
 *   (malformed, or not a kind we read) is marked FAILED with what and where, and gives no events;
 *   it never throws for that, so it stops nothing else. Idempotent.
 *   Asked with `notices`, it keeps what the bills must hear as notices (notices.ts) and returns
 *   their count instead: a file of any size gives a small result.
 * - tellBills: tells the bills a file's notices, through the worker's client.
 * - markInboundFileDone: RECEIVED -> PROCESSED; a FAILED file stays FAILED; an 835 with claims
 *   still waiting for their crossover claim stays RECEIVED.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Prisma, type Db } from '../db/prisma';
import { sha256Hex } from '../clearinghouse/port';
import { RemoteFileNotFoundError } from '../clearinghouse/errors';
import { ClearinghouseError } from '../clearinghouse/errors';
import { read835, type Remittance835Result } from '../x12/835';
import { read277CA, read999 } from '../x12/ack';
import { MalformedX12Error, detectTransaction } from '../x12/read';
import type { BillEvent, ClearinghouseActivities } from '../workflows/activity-contract';
import type { ActivityContext } from './context';
import { reportProgress } from './heartbeat';
import { postEra, unsettledEraClaims } from './posting/post-era';
import { post277CA, post999 } from './posting/post-ack';
import { keepNotices, tellBills } from './notices';

export type InboundKind = '835' | '999' | '277CA' | 'OTHER';

/** The kind of a response file from its first GS/ST; OTHER when it is not one we read (or not X12). */
export function detectInboundKind(content: Buffer): InboundKind {
  try {
    const d = detectTransaction(content);
    if (d.kind === '835') return '835';
    if (d.kind === '999') return '999';
    if (d.kind === '277CA') return '277CA';
    return 'OTHER';
  } catch {
    return 'OTHER';
  }
}

/** Keeps one inbound file once (by SHA-256); a duplicate returns the kept one. */
async function keepInbound(db: Db, name: string, content: Buffer): Promise<{ fileId: string; duplicate: boolean }> {
  const sha256 = sha256Hex(content);
  const existing = await db.clearinghouseFile.findUnique({
    where: { direction_sha256: { direction: 'INBOUND', sha256 } },
    select: { id: true },
  });
  if (existing) return { fileId: existing.id, duplicate: true };
  try {
    const created = await db.clearinghouseFile.create({
      data: {
        direction: 'INBOUND',
        kind: detectInboundKind(content),
        name,
        sha256,
        sizeBytes: content.length,
        content: new Uint8Array(content),
        status: 'RECEIVED',
      },
      select: { id: true },
    });
    return { fileId: created.id, duplicate: false };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      const winner = await db.clearinghouseFile.findUniqueOrThrow({
        where: { direction_sha256: { direction: 'INBOUND', sha256 } },
        select: { id: true },
      });
      return { fileId: winner.id, duplicate: true };
    }
    throw err;
  }
}

/**
 * A response file uploaded by staff (e.g. an ERA downloaded from Office Ally's website): kept as
 * INBOUND RECEIVED, taken up by the next clearinghouse sync. The same content again is a no-op
 * that returns the kept file's id with `duplicate: true`.
 */
export async function ingestUploadedFile(
  db: Db,
  input: { name: string; content: Buffer; actor: string },
): Promise<{ fileId: string; duplicate: boolean }> {
  const name = input.name.trim().slice(0, 200) || 'uploaded-file';
  const kept = await keepInbound(db, name, input.content);
  if (!kept.duplicate) {
    await db.auditEvent.createMany({
      data: [
        {
          actor: input.actor,
          action: 'file-uploaded',
          entityType: 'clearinghouse-file',
          entityId: kept.fileId,
          details: { sizeBytes: input.content.length },
          dedupeKey: `file-uploaded:${kept.fileId}`,
        },
      ],
      skipDuplicates: true,
    });
  }
  return kept;
}

function describeFailure(err: unknown): string {
  if (err instanceof MalformedX12Error) {
    const where = err.segment ? `segment ${err.segment.index} (${err.segment.id})` : 'the envelope';
    return `malformed ${err.code} at ${where}: ${err.reason}`;
  }
  return `unreadable: ${err instanceof Error ? err.message : String(err)}`;
}

async function markFailed(db: Db, fileId: string, error: string): Promise<void> {
  await db.clearinghouseFile.updateMany({ where: { id: fileId, status: { not: 'PROCESSED' } }, data: { status: 'FAILED', error } });
}

/** A file kept but not one the engine reads: an Office Ally report, another transaction set. */
type ForReview = { review: string };

type Read =
  | { kind: '835'; result: Remittance835Result }
  | { kind: '999'; result: Awaited<ReturnType<typeof read999>> }
  | { kind: '277CA'; result: Awaited<ReturnType<typeof read277CA>> };

/** Reads a kept file with its reader; a reader's error (pure code: retrying cannot help) is a failure to record. */
async function readFile(kind: string, content: Buffer): Promise<Read | ForReview | { failure: string }> {
  try {
    if (kind === '835') return { kind, result: await read835(content) };
    if (kind === '999') return { kind, result: await read999(content) };
    if (kind === '277CA') return { kind, result: await read277CA(content) };
    let detected = 'not X12';
    try {
      const d = detectTransaction(content);
      detected = `transaction set ${d.transactionSetId || '?'}${d.implementationGuide ? ` (${d.implementationGuide})` : ''}`;
    } catch (err) {
      detected = err instanceof MalformedX12Error && err.code === 'NOT_X12' ? `not X12: ${err.reason}` : describeFailure(err);
    }
    return { review: `kept for a person to read: not an 835, 999 or 277CA (${detected})` };
  } catch (err) {
    return { failure: describeFailure(err) };
  }
}

/** What processInboundFile heartbeats: how far the attempt got (counts only, no patient data). */
export interface InboundProgress {
  fileId: string;
  stage: 'reading' | 'posting' | 'posted';
  /** ERA claims (835) posted so far, as the posting code reports them through `onProgress`. */
  done: number;
}

function progressOf(fileId: string, stage: InboundProgress['stage'], done = 0): void {
  reportProgress({ fileId, stage, done } satisfies InboundProgress);
}

export function inboundActivities(ctx: Pick<ActivityContext, 'db' | 'clearinghouse' | 'clock'>): ClearinghouseActivities {
  const { db, clearinghouse } = ctx;
  const now = ctx.clock;

  /** Reads one kept file and posts it: what its bills must hear, and whether it is complete. */
  async function readAndPost(fileId: string, onProgress?: (done: number) => void): Promise<{ events: BillEvent[]; complete: boolean }> {
    const file = await db.clearinghouseFile.findUnique({
      where: { id: fileId },
      select: { id: true, direction: true, kind: true, status: true, content: true, createdAt: true },
    });
    if (!file) throw ApplicationFailure.nonRetryable(`clearinghouse file ${fileId} does not exist`, 'UnknownFile');
    if (file.direction !== 'INBOUND')
      throw ApplicationFailure.nonRetryable(`clearinghouse file ${fileId} was sent, not received`, 'NotInbound');
    if (file.status === 'FAILED') return { events: [], complete: true };
    const read = await readFile(file.kind, Buffer.from(file.content));
    if ('failure' in read) {
      await markFailed(db, fileId, read.failure);
      return { events: [], complete: true };
    }
    if ('review' in read) {
      await db.clearinghouseFile.updateMany({
        where: { id: fileId, status: 'RECEIVED' },
        data: { status: 'NEEDS_REVIEW', error: read.review },
      });
      return { events: [], complete: true };
    }
    if (read.kind === '835') {
      const posted = await postEra(db, {
        fileId,
        receivedAt: file.createdAt,
        result: read.result,
        now: now(),
        ...(onProgress ? { onProgress } : {}),
      });
      // Claims waiting for their crossover claim keep the file RECEIVED: the next poll reads it again.
      return { events: posted.events, complete: posted.deferred === 0 };
    }
    if (read.kind === '999') return { ...(await post999(db, fileId, read.result)), complete: true };
    return { ...(await post277CA(db, fileId, read.result)), complete: true };
  }

  return {
    async pollClearinghouse(): Promise<{ fileIds: string[] }> {
      // Each file is kept before it is acknowledged, and a kept file is not downloaded again: a
      // retry after a killed attempt resumes where it stopped. The count is for ops to read.
      let kept = 0;
      try {
        for (const remote of await clearinghouse.listResponses()) {
          const known = await db.clearinghouseFile.findFirst({
            where: { direction: 'INBOUND', name: remote.name, sizeBytes: remote.sizeBytes },
            select: { id: true },
          });
          if (!known) {
            let content: Buffer;
            try {
              content = await clearinghouse.download(remote.name);
            } catch (err) {
              if (err instanceof RemoteFileNotFoundError) continue; // taken away since listed
              throw err;
            }
            await keepInbound(db, remote.name, content);
          }
          await clearinghouse.acknowledge?.(remote.name);
          reportProgress({ stage: 'listing', kept: ++kept });
        }
      } catch (err) {
        if (err instanceof ClearinghouseError && !err.retryable) {
          throw ApplicationFailure.create({ message: err.message, type: err.name, nonRetryable: true });
        }
        throw err;
      }
      const pending = await db.clearinghouseFile.findMany({
        where: { direction: 'INBOUND', status: 'RECEIVED' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true },
      });
      return { fileIds: pending.map((f) => f.id) };
    },

    async processInboundFile({ fileId, notices }): Promise<{ events: BillEvent[]; complete: boolean; notices?: number }> {
      progressOf(fileId, 'reading');
      const found = await readAndPost(fileId, (done) => progressOf(fileId, 'posting', done));
      // Asked with `notices`: what the bills must hear stays in the database for tellBills; the result carries a count.
      if (notices) return { events: [], complete: found.complete, notices: await keepNotices(db, fileId, found.events) };
      return found;
    },

    tellBills: ({ source }) => tellBills(db, source, { now }),

    async flagFinishedBill({ billId, kind, detail, dedupeKey }): Promise<void> {
      const audit = await db.auditEvent.createMany({
        data: [
          { actor: 'system', action: `late-${kind}`, entityType: 'bill', entityId: billId, billId, details: { note: detail }, dedupeKey },
        ],
        skipDuplicates: true,
      });
      if (audit.count === 0) return;
      await db.bill.update({
        where: { id: billId },
        data: { needsAttention: true, attentionReason: 'LATE_REMITTANCE', attentionSince: now() },
      });
    },

    async markInboundFileDone({ fileId, complete }): Promise<void> {
      if (complete === false) return;
      const file = await db.clearinghouseFile.findUnique({
        where: { id: fileId },
        select: { status: true, kind: true, ...(complete === undefined ? { content: true } : {}) },
      });
      if (!file || file.status !== 'RECEIVED') return;
      if (complete === undefined && file.kind === '835' && file.content) {
        // Asked in the older form: read the file again to know whether it is complete.
        // Claims waiting for their crossover claim keep the file RECEIVED: the next poll reads it again.
        const read = await readFile('835', Buffer.from(file.content));
        if ('kind' in read && read.kind === '835' && (await unsettledEraClaims(db, read.result)) > 0) return;
      }
      await db.clearinghouseFile.updateMany({
        where: { id: fileId, status: 'RECEIVED' },
        data: { status: 'PROCESSED', processedAt: now() },
      });
    },
  };
}
