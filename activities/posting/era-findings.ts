/**
 * What a reader found wrong in a file that was still read (balancing, malformed service line,
 * unreadable date): kept as audit events on the file, and on the bill when the finding is about
 * one of its claims, so the bill's timeline shows it. Written once per file and finding.
 * Details carry codes, amounts, our claim numbers and segment positions: no patient data.
 */
import type { Db, Prisma } from '../../db/prisma';
import type { Finding } from '../../x12/read';
import type { Finding835 } from '../../x12/835';

export const POSTING_ACTOR = 'system:era-posting';

export async function recordFindings(
  db: Db,
  fileId: string,
  findings: readonly (Finding | Finding835)[],
  billOf: (patientControlNumber: string) => string | undefined,
  extra: { remittanceId?: string } = {},
): Promise<void> {
  if (findings.length === 0) return;
  await db.auditEvent.createMany({
    data: findings.map((f) => {
      const pcn = 'patientControlNumber' in f ? f.patientControlNumber : undefined;
      const line = 'serviceLine' in f ? f.serviceLine : undefined;
      const details: Prisma.InputJsonObject = {
        code: f.code,
        severity: f.severity,
        message: f.message,
        segmentIndex: f.segment.index,
        segmentId: f.segment.id,
        ...(pcn !== undefined ? { patientControlNumber: pcn } : {}),
        ...(line !== undefined ? { serviceLine: line } : {}),
        ...(extra.remittanceId ? { remittanceId: extra.remittanceId } : {}),
      };
      return {
        actor: POSTING_ACTOR,
        action: 'file-finding',
        entityType: 'clearinghouse-file',
        entityId: fileId,
        billId: pcn !== undefined ? (billOf(pcn) ?? null) : null,
        details,
        dedupeKey: `finding:${fileId}:${f.segment.index}:${f.code}:${line ?? ''}`,
      };
    }),
    skipDuplicates: true,
  });
}
