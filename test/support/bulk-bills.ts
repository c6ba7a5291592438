/**
 * Many bills at once for size tests: copies of a seeded bill (same practice, client, provider,
 * payers, lines), written with createMany; optionally each with a primary claim already sent.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/prisma';
import type { SeededBill } from './fixtures';

export interface BulkBill {
  billId: string;
  claimId?: string;
  patientControlNumber?: string;
  chargeCents: number;
}

export async function seedBulkBills(db: Db, base: SeededBill, count: number, options: { claimPrefix?: string } = {}): Promise<BulkBill[]> {
  const template = await db.bill.findUniqueOrThrow({ where: { id: base.billId }, include: { serviceLines: true } });
  const policy = await db.insurancePolicy.findFirstOrThrow({ where: { clientId: base.clientId, rank: 'PRIMARY' } });
  const chargeCents = template.serviceLines.reduce((t, l) => t + l.chargeCents, 0);
  const bills: BulkBill[] = Array.from({ length: count }, (_, i) => ({
    billId: randomUUID(),
    chargeCents,
    ...(options.claimPrefix ? { claimId: randomUUID(), patientControlNumber: `${options.claimPrefix}${String(i).padStart(7, '0')}` } : {}),
  }));
  for (let from = 0; from < bills.length; from += 1000) {
    const chunk = bills.slice(from, from + 1000);
    await db.bill.createMany({
      data: chunk.map((b) => ({
        id: b.billId,
        practiceId: template.practiceId,
        clientId: template.clientId,
        renderingProviderId: template.renderingProviderId,
        diagnosisCodes: template.diagnosisCodes,
      })),
    });
    await db.serviceLine.createMany({
      data: chunk.flatMap((b) =>
        template.serviceLines.map((l) => ({
          billId: b.billId,
          lineNumber: l.lineNumber,
          procedureCode: l.procedureCode,
          modifiers: l.modifiers,
          diagnosisPointers: l.diagnosisPointers,
          units: l.units,
          chargeCents: l.chargeCents,
          dateOfService: l.dateOfService,
        })),
      ),
    });
    const claimed = chunk.filter((b) => b.claimId && b.patientControlNumber);
    if (claimed.length > 0) {
      await db.claim.createMany({
        data: claimed.map((b) => ({
          id: b.claimId!,
          billId: b.billId,
          payerId: policy.payerId,
          policyId: policy.id,
          rank: 'PRIMARY' as const,
          patientControlNumber: b.patientControlNumber!,
          status: 'SUBMITTED' as const,
          totalChargeCents: chargeCents,
        })),
      });
    }
  }
  return bills;
}
