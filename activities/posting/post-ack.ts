/**
 * 999 and 277CA: what the clearinghouse and the payer said of each claim we sent, as AckEvents
 * for the bills, with the outcome kept on ClearinghouseFileClaim (this file, that claim).
 *
 * - 999: one verdict per transaction set we sent (AK2 = our ST02) inside the functional group
 *   we sent (AK1 = our GS06 = the batch's interchange control number). Every claim that
 *   transaction set carried hears it.
 * - 277CA: one verdict per claim (TRN*2 = our CLM01), with the STC codes and REF*1K.
 * What matches nothing we sent is kept as an audit event on the file, never dropped silently.
 * Reasons are codes and their meanings: never an element copied from the file (IK404, STC12).
 */
import type { Db, Prisma } from '../../db/prisma';
import type { Ack999Result, AckDecision, ClaimAck277Result, ClaimStatus277, TransactionSetAck999 } from '../../x12/ack';
import { inspectIsa } from '../../x12/read';
import type { BillEvent } from '../../workflows/activity-contract';
import type { AckEvent } from '../../workflows/bill/definitions';
import { POSTING_ACTOR, recordFindings } from './era-findings';

interface AckedClaim {
  claimId: string;
  billId: string;
}

function meaning(c: { code: string; meaning?: string }): string {
  return c.meaning ? `${c.code} ${c.meaning}` : c.code;
}

/** IK5, IK5 errors, and each IK3/IK4: "IK5 R Rejected; IK502 5 One or More Segments in Error; IK3 NM1 at 17 (2010BA): 8 ...". */
export function reason999(ts: TransactionSetAck999): string {
  const parts = [`IK5 ${meaning(ts.status)}`];
  for (const e of ts.errors) parts.push(`IK5 error ${meaning(e)}`);
  for (const s of ts.segmentErrors) {
    const where = `IK3 ${s.segmentId} at ${s.position}${s.loopId ? ` (loop ${s.loopId})` : ''}`;
    parts.push(s.error ? `${where}: ${meaning(s.error)}` : where);
    for (const e of s.elementErrors) {
      const pos = `${s.segmentId}${String(e.elementPosition).padStart(2, '0')}${e.componentPosition ? `-${e.componentPosition}` : ''}`;
      parts.push(`IK4 ${pos}${e.referenceNumber ? ` (element ${e.referenceNumber})` : ''}: ${meaning(e.error)}`);
    }
  }
  return parts.join('; ');
}

/** Every STC triple: "A7:562:85 Acknowledgement/Rejected for Invalid Information: Entity's National Provider Identifier (NPI) (Billing Provider)". */
export function reason277(statuses: readonly ClaimStatus277[]): string {
  const parts: string[] = [];
  for (const stc of statuses) {
    for (const t of stc.codes) {
      const codes = [t.category.code, t.status.code, ...(t.entity ? [t.entity.code] : [])].join(':');
      const words = [t.category.meaning, t.status.meaning, t.entity?.meaning ? `(${t.entity.meaning})` : undefined]
        .filter(Boolean)
        .join(': ');
      parts.push(words ? `${codes} ${words}` : codes);
    }
  }
  return parts.join('; ');
}

/** GS06 of an interchange, read from its head (ISA delimiters, first GS). */
export function groupControlNumberOf(content: Buffer): string | undefined {
  const head = content.toString('latin1', 0, 4096);
  try {
    const d = inspectIsa(head);
    const gs = head
      .split(d.segment)
      .map((s) => s.trim())
      .find((s) => s.startsWith(`GS${d.element}`));
    return gs?.split(d.element)[6];
  } catch {
    return undefined;
  }
}

/** The claims carried by transaction set `st02` of the group `gs06` we sent. */
async function claimsOfTransactionSet(db: Db, gs06: string, st02: string): Promise<AckedClaim[] | null> {
  const select = { claimId: true, transactionSetControlNumber: true, claim: { select: { billId: true } } } as const;
  const pick = (rows: { claimId: string; transactionSetControlNumber: string | null; claim: { billId: string } }[]) => {
    const tagged = rows.some((r) => r.transactionSetControlNumber !== null);
    return rows
      .filter((r) => !tagged || r.transactionSetControlNumber === st02)
      .map((r) => ({ claimId: r.claimId, billId: r.claim.billId }));
  };
  // 1. The batch whose interchange control number is this group control number.
  if (/^\d{1,9}$/.test(gs06)) {
    const batch = await db.batch.findUnique({ where: { interchangeControlNumber: Number(gs06) }, select: { fileId: true } });
    if (batch?.fileId) {
      const rows = await db.clearinghouseFileClaim.findMany({ where: { fileId: batch.fileId }, select });
      const claims = pick(rows);
      if (claims.length > 0) return claims;
    }
  }
  // 2. Any file we sent (a manual upload has no batch) whose GS06 is this one and that carried this ST02.
  const candidates = await db.clearinghouseFileClaim.findMany({
    where: { transactionSetControlNumber: st02, file: { direction: 'OUTBOUND' } },
    select: { fileId: true },
    distinct: ['fileId'],
  });
  for (const { fileId } of candidates) {
    const file = await db.clearinghouseFile.findUnique({ where: { id: fileId }, select: { content: true } });
    if (!file || Number(groupControlNumberOf(Buffer.from(file.content))) !== Number(gs06)) continue;
    const rows = await db.clearinghouseFileClaim.findMany({ where: { fileId }, select });
    return pick(rows);
  }
  return null;
}

function outcomeOf(decision: AckDecision): string {
  return decision;
}

async function keepOutcome(db: Db, fileId: string, claimId: string, outcome: string): Promise<void> {
  await db.clearinghouseFileClaim.upsert({
    where: { fileId_claimId: { fileId, claimId } },
    update: { outcome },
    create: { fileId, claimId, outcome },
  });
}

async function unmatched(db: Db, fileId: string, key: string, details: Prisma.InputJsonObject): Promise<void> {
  await db.auditEvent.createMany({
    data: [
      {
        actor: POSTING_ACTOR,
        action: 'ack-unmatched',
        entityType: 'clearinghouse-file',
        entityId: fileId,
        details,
        dedupeKey: `ack-unmatched:${fileId}:${key}`,
      },
    ],
    skipDuplicates: true,
  });
}

export async function post999(db: Db, fileId: string, result: Ack999Result): Promise<{ events: BillEvent[] }> {
  const byClaim = new Map<string, { billId: string; event: AckEvent; decision: AckDecision }>();
  for (const ack of result.acknowledgments) {
    if (ack.acknowledgedFunctionalId !== 'HC') {
      await unmatched(db, fileId, `${ack.segment.index}`, {
        reason: `acknowledges functional group ${ack.acknowledgedFunctionalId}, not an 837 (HC)`,
        groupControlNumber: ack.acknowledgedGroupControlNumber,
      });
      continue;
    }
    for (const ts of ack.transactionSets) {
      const claims = await claimsOfTransactionSet(db, ack.acknowledgedGroupControlNumber, ts.controlNumber);
      if (!claims || claims.length === 0) {
        await unmatched(db, fileId, `${ts.segment.index}`, {
          reason: 'no file we sent has this group and transaction set control number',
          groupControlNumber: ack.acknowledgedGroupControlNumber,
          transactionSetControlNumber: ts.controlNumber,
          decision: ts.decision,
          segmentIndex: ts.segment.index,
        });
        continue;
      }
      const accepted = ts.decision !== 'rejected';
      const reason = reason999(ts);
      for (const c of claims) {
        const before = byClaim.get(c.claimId);
        if (before && !before.event.accepted) continue; // a rejection stands
        byClaim.set(c.claimId, {
          billId: c.billId,
          decision: ts.decision,
          event: { claimId: c.claimId, fileId, source: '999', accepted, reason },
        });
      }
    }
  }
  await recordFindings(db, fileId, [...result.findings, ...result.envelopeFindings], () => undefined);
  const events: BillEvent[] = [];
  for (const [claimId, v] of byClaim) {
    await keepOutcome(db, fileId, claimId, outcomeOf(v.decision));
    events.push({ billId: v.billId, kind: 'ack', event: v.event });
  }
  return { events };
}

export async function post277CA(db: Db, fileId: string, result: ClaimAck277Result): Promise<{ events: BillEvent[] }> {
  const events: BillEvent[] = [];
  const seen = new Map<string, number>();
  for (const tx of result.transactions) {
    for (const level of tx.levels) {
      if (level.decision === 'rejected') {
        // A rejection above claim level covers claims that may not be listed one by one: a person looks.
        await unmatched(db, fileId, `level-${level.segment.index}`, {
          reason: `rejection at ${level.level} level; the claims under it are not listed claim by claim`,
          codes: reason277(level.statuses),
          segmentIndex: level.segment.index,
        });
      }
    }
    for (const ack of tx.claims) {
      const claim = await db.claim.findUnique({
        where: { patientControlNumber: ack.patientControlNumber },
        select: { id: true, billId: true },
      });
      if (!claim) {
        await unmatched(db, fileId, `${ack.segment.index}`, {
          reason: 'no claim has this patient control number (TRN02)',
          patientControlNumber: ack.patientControlNumber,
          decision: ack.decision ?? null,
          codes: reason277(ack.statuses),
          segmentIndex: ack.segment.index,
        });
        continue;
      }
      const reason = reason277(ack.statuses);
      if (!ack.decision) {
        await keepOutcome(db, fileId, claim.id, `status ${reason}`.trim());
        continue;
      }
      const event: AckEvent = {
        claimId: claim.id,
        fileId,
        source: '277CA',
        accepted: ack.decision !== 'rejected',
        ...(reason ? { reason } : {}),
        ...(ack.payerClaimControlNumber ? { payerClaimControlNumber: ack.payerClaimControlNumber } : {}),
      };
      // One claim twice in a file: a rejection stands over an acceptance.
      const at = seen.get(claim.id);
      if (at !== undefined) {
        const before = events[at]!;
        if (before.kind === 'ack' && !before.event.accepted) continue;
        events[at] = { billId: claim.billId, kind: 'ack', event };
      } else {
        seen.set(claim.id, events.length);
        events.push({ billId: claim.billId, kind: 'ack', event });
      }
      await keepOutcome(db, fileId, claim.id, ack.decision);
      if (event.accepted && ack.payerClaimControlNumber) {
        // The payer's own number for the claim: a replacement (7) or void (8) must carry it.
        await db.claim.updateMany({
          where: { id: claim.id, payerClaimControlNumber: null },
          data: { payerClaimControlNumber: ack.payerClaimControlNumber },
        });
      }
    }
  }
  await recordFindings(db, fileId, [...result.findings, ...result.envelopeFindings], () => undefined);
  return { events };
}
