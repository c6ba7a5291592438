/**
 * Claims, batches and files for the posting tests, on top of fixtures.ts's seedBill.
 * The 835/999/277CA fixtures in test/fixtures/posting name fixed claim numbers (CLM01 /
 * patient control numbers): a test seeds claims with those numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/prisma';
import { sha256Hex } from '../../clearinghouse/port';
import { seedBill, type SeedOptions, type SeededBill } from './fixtures';
import { repoRoot } from './paths';

export const POSTING_FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'posting');

export function postingFixture(name: string): Buffer {
  return readFileSync(path.join(POSTING_FIXTURES, name));
}

export type Rank = 'PRIMARY' | 'SECONDARY' | 'TERTIARY';

/** A claim of the bill to its payer of `rank`, with the given patient control number. */
export async function seedClaim(
  db: Db,
  bill: SeededBill,
  options: { rank?: Rank; patientControlNumber: string; status?: 'PENDING' | 'SUBMITTED' | 'CROSSOVER' | 'PROCESSED' },
): Promise<{ claimId: string; billId: string }> {
  const rank = options.rank ?? 'PRIMARY';
  const policy = await db.insurancePolicy.findFirstOrThrow({ where: { clientId: bill.clientId, rank } });
  const claim = await db.claim.create({
    data: {
      billId: bill.billId,
      payerId: policy.payerId,
      policyId: policy.id,
      rank,
      patientControlNumber: options.patientControlNumber,
      status: options.status ?? 'SUBMITTED',
      totalChargeCents: bill.lineCharges.reduce((t, c) => t + c, 0),
    },
  });
  return { claimId: claim.id, billId: bill.billId };
}

/** A bill with its primary claim under `patientControlNumber`. */
export async function seedBillWithClaim(
  db: Db,
  patientControlNumber: string,
  options: SeedOptions = {},
): Promise<SeededBill & { claimId: string }> {
  const bill = await seedBill(db, options);
  const { claimId } = await seedClaim(db, bill, { patientControlNumber });
  return { ...bill, claimId };
}

/** An 837P batch file we sent: interchange (= group) control number and the ST02 of each claim. */
export async function seedSentBatch(
  db: Db,
  practiceId: string,
  interchangeControlNumber: number,
  claims: { claimId: string; transactionSetControlNumber: string }[],
): Promise<{ batchId: string; fileId: string }> {
  const content = Buffer.from(`837P batch ${interchangeControlNumber} (test stand-in)`);
  const file = await db.clearinghouseFile.create({
    data: {
      direction: 'OUTBOUND',
      kind: '837P',
      name: `batch-${interchangeControlNumber}.837`,
      sha256: sha256Hex(content),
      sizeBytes: content.length,
      content: new Uint8Array(content),
      status: 'SENT',
      claims: { create: claims.map((c) => ({ claimId: c.claimId, transactionSetControlNumber: c.transactionSetControlNumber })) },
    },
  });
  const batch = await db.batch.create({
    data: { practiceId, status: 'SENT', interchangeControlNumber, fileId: file.id, createdBy: 'test' },
  });
  return { batchId: batch.id, fileId: file.id };
}
