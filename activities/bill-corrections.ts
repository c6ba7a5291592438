/**
 * Applying a correction of a bill's data, once the bill's workflow has agreed to it. The
 * changes were kept by the API as a PENDING BillCorrection (they may be patient data: they
 * never pass through Temporal); here they are checked against the bill as it is now and
 * applied in one transaction, or the correction is marked REFUSED and the refusal thrown.
 */
import { ApplicationFailure } from '@temporalio/common';
import { checkCorrection, normaliseDiagnosisCode, type BillCorrectionChanges } from '../domain/bill-correction';
import { toDbDate } from '../db/dates';
import type { Db } from '../db/prisma';
import type { BillActivities } from '../workflows/activity-contract';
import { RefusalType, type InvalidInputDetails } from '../workflows/bill/definitions';
import type { ActivityContext } from './context';

function refusal(type: string, message: string, details?: InvalidInputDetails): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, ...(details ? { details: [details] } : {}) });
}

async function refuse(db: Db, correctionId: string, now: Date, failure: ApplicationFailure): Promise<never> {
  await db.billCorrection.updateMany({
    where: { id: correctionId, status: 'PENDING' },
    data: { status: 'REFUSED', reason: failure.type ?? 'refused', decidedAt: now },
  });
  throw failure;
}

export function billCorrectionActivities({
  db,
  clock,
}: Pick<ActivityContext, 'db' | 'clock'>): Pick<BillActivities, 'applyBillCorrection'> {
  return {
    async applyBillCorrection({ billId, correctionId, actor }): Promise<void> {
      const correction = await db.billCorrection.findUnique({ where: { id: correctionId } });
      if (!correction || correction.billId !== billId) {
        throw refusal(RefusalType.invalidInput, `correction ${correctionId} is not a correction of bill ${billId}`);
      }
      if (correction.status === 'APPLIED') return;
      if (correction.status === 'REFUSED') throw refusal(RefusalType.wrongState, `correction ${correctionId} was refused already`);
      const changes = correction.changes as BillCorrectionChanges;
      const bill = await db.bill.findUniqueOrThrow({
        where: { id: billId },
        include: { serviceLines: true, claims: { select: { _count: { select: { payments: true } } } } },
      });
      const verdict = checkCorrection(
        {
          diagnosisCodes: bill.diagnosisCodes,
          lines: bill.serviceLines.map((l) => ({ lineNumber: l.lineNumber, diagnosisPointers: l.diagnosisPointers })),
          paid: bill.claims.some((c) => c._count.payments > 0),
        },
        changes,
      );
      const now = clock();
      if (verdict.fields.length > 0) {
        const message = verdict.fields.map((f) => f.message).join('; ');
        await refuse(db, correctionId, now, refusal(RefusalType.invalidInput, message, { fields: verdict.fields }));
      }
      if (verdict.wrongState) await refuse(db, correctionId, now, refusal(RefusalType.wrongState, verdict.wrongState));

      await db.$transaction(async (tx) => {
        // Applied once: a retry after the commit finds it APPLIED and changes nothing.
        const taken = await tx.billCorrection.updateMany({
          where: { id: correctionId, status: 'PENDING' },
          data: { status: 'APPLIED', decidedAt: now },
        });
        if (taken.count === 0) return;
        await tx.bill.update({
          where: { id: billId },
          data: {
            ...(changes.diagnosisCodes ? { diagnosisCodes: changes.diagnosisCodes.map(normaliseDiagnosisCode) } : {}),
            ...(changes.placeOfService ? { placeOfService: changes.placeOfService } : {}),
            ...(changes.renderingProviderId !== undefined ? { renderingProviderId: changes.renderingProviderId } : {}),
          },
        });
        for (const line of changes.serviceLines ?? []) {
          const { lineNumber, dateOfService, ...fields } = line;
          await tx.serviceLine.update({
            where: { billId_lineNumber: { billId, lineNumber } },
            data: { ...fields, ...(dateOfService ? { dateOfService: toDbDate(dateOfService) } : {}) },
          });
        }
        // Field names only: the values may be patient data.
        await tx.auditEvent.create({
          data: {
            at: now,
            actor,
            action: 'bill:corrected',
            entityType: 'bill',
            entityId: billId,
            billId,
            details: { correctionId, fields: Object.keys(changes), lines: (changes.serviceLines ?? []).map((l) => l.lineNumber) },
          },
        });
      });
    },
  };
}
