/**
 * Writes the 837P file for a set of claims: validates each bill first (a bill that fails a
 * rule is set aside with its problems, never written), reserves an interchange control
 * number that never repeats, and returns the file with which transaction set carried which claim.
 */
import { sha256Hex } from '../../runtime/sha256';
import type { Db } from '../../db/prisma';
import { calendarDateOf } from '../../x12/common/dates';
import { buildBatch837P, validateBill, type Bill } from '../../x12/837p';
import { nextValue } from '../control-numbers';
import { loadClaimForX12 } from './claim-input';
import { envelopeConfig, type X12Settings } from './x12-settings';

export interface WrittenFile {
  interchangeControlNumber: number;
  content: Buffer;
  sha256: string;
  /** claim id -> ST02 of the transaction set that carries it. */
  transactionSetOf: Map<string, string>;
  written: string[];
  /** Claims set aside, each with its problems: "<JSON Pointer into the bill>: <rule's message>" (no patient data). */
  refused: { claimId: string; problems: string[] }[];
}

export async function writeClaimsFile(
  db: Db,
  claimIds: string[],
  settings: X12Settings,
  now = new Date(),
): Promise<WrittenFile | { refused: WrittenFile['refused']; written: [] }> {
  const loaded = await Promise.all(claimIds.map(async (claimId) => ({ claimId, ...(await loadClaimForX12(db, claimId)) })));
  const refused: WrittenFile['refused'] = [];
  const good: { claimId: string; bill: Bill; practiceSubmitterId: string | null }[] = [];
  for (const item of loaded) {
    const issues = validateBill(item.bill, { today: calendarDateOf(now) });
    if (issues.length > 0) refused.push({ claimId: item.claimId, problems: issues.map((i) => `${i.pointer || '/'}: ${i.message}`) });
    else good.push(item);
  }
  if (good.length === 0) return { refused, written: [] };
  const interchange = await nextValue(db, 'interchange');
  const result = buildBatch837P({
    bills: good.map((g) => g.bill),
    config: envelopeConfig(settings, good[0]!.practiceSubmitterId),
    controlNumbers: { interchange, group: interchange, transactionSet: 1 },
    createdAt: { date: calendarDateOf(now), time: now.toISOString().slice(11, 16) },
    mode: settings.usage,
  });
  const byPcn = new Map(good.map((g) => [g.bill.claimId, g.claimId]));
  const transactionSetOf = new Map<string, string>();
  for (const set of result.transactionSets) {
    for (const pcn of set.claimIds) {
      const claimId = byPcn.get(pcn);
      if (claimId) transactionSetOf.set(claimId, set.controlNumber);
    }
  }
  const content = Buffer.from(result.x12, 'utf8');
  return {
    interchangeControlNumber: interchange,
    content,
    sha256: sha256Hex(content),
    transactionSetOf,
    written: good.map((g) => g.claimId),
    refused,
  };
}
