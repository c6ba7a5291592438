/**
 * Batches: collect the practice's claims that are Ready to Batch into one 837P file, keep
 * the file, and hand it to the clearinghouse; and the single-claim file staff download for
 * manual upload. Idempotent: a retried activity finds the batch, file or upload it made.
 */
import { ApplicationFailure } from '@temporalio/common';
import { isRetryable } from '../clearinghouse/errors';
import type { BatchActivities, BillActivities, CreatedBatch } from '../workflows/activity-contract';
import { ClaimValidationError } from '../x12/837p';
import { writeClaimsFile } from './claims/write-file';
import type { ActivityContext } from './context';
import { reportProgress } from './heartbeat';

/**
 * What the batch activities heartbeat: the stage the attempt reached (a retry reads the same
 * stage from the database: the staged upload, `uploadState`), for ops in the Temporal UI.
 */
export type BatchProgress = { batchId: string; stage: 'writing' | 'staging' | 'committing' | 'uploaded'; claims?: number };

function progressOf(p: BatchProgress): void {
  reportProgress(p);
}
import { keepNotices, tellBills, type Notice } from './notices';

/**
 * Why a batch could not be written, in words fit for a person and for the audit trail: the
 * 837P's own issues (pointers and rule messages, no patient data), else the error's kind only
 * (a database message could quote data).
 */
function failureOf(err: unknown): string {
  if (err instanceof ClaimValidationError)
    return `the 837P file could not be written: ${err.issues.map((i) => `${i.pointer}: ${i.message}`).join('; ')}`;
  const name = err instanceof Error ? err.name : typeof err;
  return `the 837P file could not be written (${name}); the claims went back to Ready to Batch`;
}

/** Most claims one batch file carries; the rest wait for the next batch. */
export const MAX_CLAIMS_PER_BATCH = 5000;

export function batchActivities({
  db,
  clearinghouse,
  x12,
  clock,
}: ActivityContext): BatchActivities & Pick<BillActivities, 'writeManualClaimFile'> {
  async function describe(batchId: string, countOnly = false): Promise<CreatedBatch> {
    if (countOnly) {
      const batch = await db.batch.findUniqueOrThrow({
        where: { id: batchId },
        select: { id: true, fileId: true, _count: { select: { claims: true } } },
      });
      return { batchId: batch.id, fileId: batch.fileId, claims: [], claimCount: batch._count.claims };
    }
    const batch = await db.batch.findUniqueOrThrow({ where: { id: batchId }, include: { claims: { select: { id: true, billId: true } } } });
    return { batchId: batch.id, fileId: batch.fileId, claims: batch.claims.map((c) => ({ claimId: c.id, billId: c.billId })) };
  }

  async function refused(batchId: string): Promise<{ claimId: string; billId: string; problems: string[] }[]> {
    const events = await db.auditEvent.findMany({ where: { action: 'claim-refused', dedupeKey: { startsWith: `refused/${batchId}/` } } });
    const claims = await db.claim.findMany({ where: { id: { in: events.map((e) => e.entityId) } }, select: { id: true, billId: true } });
    const billOf = new Map(claims.map((c) => [c.id, c.billId]));
    return events.map((e) => ({
      claimId: e.entityId,
      billId: billOf.get(e.entityId) ?? '',
      problems: (e.details as { problems?: string[] } | null)?.problems ?? [],
    }));
  }

  /** What the batch's bills must hear of `kind`, kept as notices once. */
  async function batchNotices(batchId: string, kind: 'refused' | 'batched' | 'sent'): Promise<Notice[]> {
    if (kind === 'refused') {
      return (await refused(batchId)).map((r) => ({
        billId: r.billId,
        kind,
        event: { claimId: r.claimId, batchId, problems: r.problems },
      }));
    }
    const batch = await describe(batchId);
    if (kind === 'batched') return batch.claims.map((c) => ({ billId: c.billId, kind, event: { claimId: c.claimId, batchId } }));
    const fileId = batch.fileId;
    if (!fileId) return [];
    return batch.claims.map((c) => ({ billId: c.billId, kind, event: { claimId: c.claimId, batchId, fileId } }));
  }

  /** Writes and keeps the file of the claims a batch reserved; sets aside those that fail a rule. */
  async function writeBatchFile(batchId: string, claimIds: string[], actor: string): Promise<void> {
    const file = await writeClaimsFile(db, claimIds, x12, clock());
    const refusedIds = file.refused.map((r) => r.claimId);
    await db.$transaction(async (tx) => {
      for (const r of file.refused) {
        await tx.claim.update({
          where: { id: r.claimId },
          data: { batchId: null, statusReason: `refused by batch ${batchId}: ${r.problems.join('; ')}` },
        });
        await tx.auditEvent.createMany({
          data: [
            {
              actor,
              action: 'claim-refused',
              entityType: 'claim',
              entityId: r.claimId,
              details: { batchId, problems: r.problems },
              dedupeKey: `refused/${batchId}/${r.claimId}`,
            },
          ],
          skipDuplicates: true,
        });
      }
      if (!('content' in file)) {
        const failureReason = `every claim of the batch (${file.refused.length}) fails an 837P rule: each claim's problems are listed with it`;
        await tx.batch.update({ where: { id: batchId }, data: { status: 'FAILED', failureReason } });
        return;
      }
      const stored = await tx.clearinghouseFile.upsert({
        where: { direction_sha256: { direction: 'OUTBOUND', sha256: file.sha256 } },
        create: {
          direction: 'OUTBOUND',
          kind: '837P',
          name: `batch-${file.interchangeControlNumber}.837p`,
          sha256: file.sha256,
          sizeBytes: file.content.length,
          content: new Uint8Array(file.content),
          status: 'WRITTEN',
        },
        update: {},
      });
      await tx.clearinghouseFileClaim.createMany({
        data: file.written.map((claimId) => ({
          fileId: stored.id,
          claimId,
          transactionSetControlNumber: file.transactionSetOf.get(claimId) ?? null,
        })),
        skipDuplicates: true,
      });
      await tx.claim.updateMany({ where: { id: { in: file.written } }, data: { status: 'BATCHED' } });
      await tx.batch.update({
        where: { id: batchId },
        data: { status: 'WRITTEN', fileId: stored.id, interchangeControlNumber: file.interchangeControlNumber },
      });
      await tx.auditEvent.create({
        data: {
          actor,
          action: 'batch-written',
          entityType: 'batch',
          entityId: batchId,
          details: { fileId: stored.id, claims: file.written.length, refused: refusedIds.length },
        },
      });
    });
  }

  return {
    async createBatch({ practiceId, batchKey, actor, countOnly }): Promise<CreatedBatch | null> {
      const existing = await db.batch.findUnique({ where: { batchKey } });
      const batch =
        existing ?? (await db.batch.upsert({ where: { batchKey }, create: { practiceId, batchKey, createdBy: actor }, update: {} }));
      if (batch.status !== 'OPEN') return describe(batch.id, countOnly);

      // Reserve the claims: each goes into one batch only, never into a manual upload too.
      const candidates = await db.claim.findMany({
        where: {
          batchId: null,
          manualUpload: false,
          status: 'PENDING',
          bill: { practiceId, status: 'READY_TO_BATCH', holdNextClaim: false, practice: { submitsManually: false } },
        },
        orderBy: { createdAt: 'asc' },
        take: MAX_CLAIMS_PER_BATCH,
        select: { id: true },
      });
      if (candidates.length > 0) {
        await db.claim.updateMany({
          where: { id: { in: candidates.map((c) => c.id) }, batchId: null, manualUpload: false, status: 'PENDING' },
          data: { batchId: batch.id },
        });
      }
      const reserved = await db.claim.findMany({ where: { batchId: batch.id }, select: { id: true } });
      if (reserved.length === 0) {
        // Nothing was Ready to Batch: not a failure, and nothing to keep (a Schedule runs this often).
        await db.batch.deleteMany({ where: { id: batch.id, status: 'OPEN' } });
        return null;
      }

      progressOf({ batchId: batch.id, stage: 'writing', claims: reserved.length });
      try {
        await writeBatchFile(
          batch.id,
          reserved.map((c) => c.id),
          actor,
        );
      } catch (err) {
        // Never keep claims reserved by a batch that could not be written: the next batch takes them.
        await db.claim.updateMany({ where: { batchId: batch.id, status: 'PENDING' }, data: { batchId: null } });
        await db.batch.update({ where: { id: batch.id }, data: { status: 'FAILED', failureReason: failureOf(err) } });
        throw err;
      }
      return describe(batch.id, countOnly);
    },

    describeBatch: ({ batchId, countOnly }) => describe(batchId, countOnly),

    refusedClaims: ({ batchId }) => refused(batchId),

    async tellBatchBills({ batchId, kind }) {
      const source = `batch:${batchId}:${kind}`;
      const notices = await keepNotices(db, source, await batchNotices(batchId, kind));
      return { ...(await tellBills(db, source, { now: clock })), notices };
    },

    async sendBatch({ batchId }) {
      const batch = await db.batch.findUniqueOrThrow({ where: { id: batchId }, include: { file: true } });
      const file = batch.file;
      if (!file) throw ApplicationFailure.nonRetryable(`batch ${batchId} has no file to send`);
      const remoteName = file.remoteName ?? clearinghouse.claimFileName(`B${String(batch.interchangeControlNumber).padStart(9, '0')}`);
      if (file.uploadState !== 'uploaded') {
        progressOf({ batchId, stage: file.uploadState === 'committing' ? 'committing' : 'staging' });
        try {
          await clearinghouse.upload(
            { name: remoteName, content: Buffer.from(file.content) },
            {
              previous: file.uploadState === 'committing' ? { name: remoteName, sha256: file.sha256, state: 'committing' } : null,
              beforeCommit: async () => {
                await db.clearinghouseFile.update({ where: { id: file.id }, data: { remoteName, uploadState: 'committing' } });
                progressOf({ batchId, stage: 'committing' });
              },
              // The staged file kept vanishing before its rename: nothing was sent, forget the commit.
              notCommitted: async () => {
                await db.clearinghouseFile.update({ where: { id: file.id }, data: { uploadState: null } });
              },
              // A 999 or 277CA answered a claim of this file: it arrived.
              isAnswered: async () => (await db.clearinghouseFileClaim.count({ where: { fileId: file.id, outcome: { not: null } } })) > 0,
            },
          );
        } catch (err) {
          if (!isRetryable(err)) throw ApplicationFailure.nonRetryable(`batch ${batchId}: ${(err as Error).message}`, (err as Error).name);
          throw err;
        }
        await db.clearinghouseFile.update({ where: { id: file.id }, data: { remoteName, uploadState: 'uploaded', status: 'SENT' } });
      }
      progressOf({ batchId, stage: 'uploaded' });
      await db.$transaction([
        db.batch.update({ where: { id: batchId }, data: { status: 'SENT', sentAt: batch.sentAt ?? clock() } }),
        db.claim.updateMany({ where: { batchId, status: 'BATCHED' }, data: { status: 'SUBMITTED', submittedAt: clock() } }),
      ]);
      return { fileId: file.id, remoteName };
    },

    async writeManualClaimFile({ claimId, actor }) {
      const linked = await db.clearinghouseFileClaim.findFirst({
        where: { claimId, file: { direction: 'OUTBOUND', kind: '837P' } },
        include: { file: true },
      });
      const claim = await db.claim.findUniqueOrThrow({ where: { id: claimId } });
      if (linked && claim.manualUpload) return { fileId: linked.fileId };
      const taken = await db.claim.updateMany({ where: { id: claimId, batchId: null }, data: { manualUpload: true } });
      if (taken.count === 0)
        throw ApplicationFailure.nonRetryable(`claim ${claimId} is in a batch already: it cannot also be uploaded by hand`, 'ClaimBatched');
      const file = await writeClaimsFile(db, [claimId], x12, clock());
      if (!('content' in file)) {
        await db.claim.update({ where: { id: claimId }, data: { manualUpload: false } });
        throw ApplicationFailure.nonRetryable(
          `the claim fails 837P rules: ${file.refused.flatMap((r) => r.problems).join('; ')}`,
          'InvalidClaim',
        );
      }
      const stored = await db.clearinghouseFile.upsert({
        where: { direction_sha256: { direction: 'OUTBOUND', sha256: file.sha256 } },
        create: {
          direction: 'OUTBOUND',
          kind: '837P',
          name: clearinghouse.claimFileName(`M${String(file.interchangeControlNumber).padStart(9, '0')}`),
          sha256: file.sha256,
          sizeBytes: file.content.length,
          content: new Uint8Array(file.content),
          status: 'WRITTEN',
        },
        update: {},
      });
      await db.clearinghouseFileClaim.createMany({
        data: [{ fileId: stored.id, claimId, transactionSetControlNumber: file.transactionSetOf.get(claimId) ?? null }],
        skipDuplicates: true,
      });
      await db.auditEvent.create({
        data: {
          actor,
          action: 'manual-file-written',
          entityType: 'claim',
          entityId: claimId,
          billId: claim.billId,
          details: { fileId: stored.id },
        },
      });
      return { fileId: stored.id };
    },
  };
}
