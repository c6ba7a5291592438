/**
 * What the fault tests count after the storm: every 837P file the clearinghouse received (read
 * from the files themselves, not from the engine's records), the payments posted per claim and
 * source, and where each bill ended.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { read837p } from '../../clearinghouse/simulator/read-837p';
import type { Db } from '../../db/prisma';

export interface Delivery {
  /** The file's name as it reached the clearinghouse's inbound folder. */
  name: string;
  /** CLM01 of every claim in it. */
  claimIds: string[];
}

/**
 * Every 837P delivered to the local clearinghouse: those the simulator took (its state keeps one
 * entry per delivery, resubmissions of the same name and content included, and a copy of each)
 * and those still waiting in inbound/.
 */
export function deliveredFiles(clearinghouseDir: string): Delivery[] {
  const claimIdsOf = (text: string) =>
    read837p(text)
      .groups.flatMap((g) => g.transactions.flatMap((t) => t.claims))
      .map((c) => c.claimId);
  const out: Delivery[] = [];
  const home = path.join(clearinghouseDir, '.simulator');
  const statePath = path.join(home, 'state.json');
  if (existsSync(statePath)) {
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { entries: Record<string, { name: string; copy: string }> };
    for (const entry of Object.values(state.entries)) {
      out.push({ name: entry.name, claimIds: claimIdsOf(readFileSync(path.join(home, 'received', entry.copy), 'latin1')) });
    }
  }
  const inbound = path.join(clearinghouseDir, 'inbound');
  if (existsSync(inbound)) {
    for (const name of readdirSync(inbound)) {
      if (name.endsWith('.part') || name.startsWith('.')) continue;
      out.push({ name, claimIds: claimIdsOf(readFileSync(path.join(inbound, name), 'latin1')) });
    }
  }
  return out;
}

export interface Ledger {
  bills: number;
  byStatus: Record<string, number>;
  claims: number;
  /** Claims (patient control numbers) in more than one delivered file, with how many. */
  sentTwice: Record<string, number>;
  /** Claims the engine marked as sent that no delivered file holds. */
  sentNever: string[];
  /** Claims with more than one payment from one source, as "pcn/source": count. */
  postedTwice: Record<string, number>;
  /** Claims the payer answered (PROCESSED) with no ERA payment posted. */
  postedNever: string[];
  deliveries: number;
}

export async function takeLedger(db: Db, clearinghouseDir: string): Promise<Ledger> {
  const bills = await db.bill.findMany({ select: { id: true, status: true } });
  const byStatus: Record<string, number> = {};
  for (const b of bills) byStatus[b.status] = (byStatus[b.status] ?? 0) + 1;
  const claims = await db.claim.findMany({
    select: { patientControlNumber: true, status: true, submittedAt: true, payments: { select: { source: true } } },
  });
  const deliveries = deliveredFiles(clearinghouseDir);
  const timesSent = new Map<string, number>();
  for (const d of deliveries) for (const id of d.claimIds) timesSent.set(id, (timesSent.get(id) ?? 0) + 1);
  const sentTwice = Object.fromEntries([...timesSent].filter(([, n]) => n > 1));
  const sentNever = claims
    .filter((c) => c.submittedAt !== null || ['SUBMITTED', 'ACCEPTED', 'PROCESSED'].includes(c.status))
    .map((c) => c.patientControlNumber)
    .filter((pcn) => !timesSent.has(pcn));
  const postedTwice: Record<string, number> = {};
  const postedNever: string[] = [];
  for (const c of claims) {
    const bySource = new Map<string, number>();
    for (const p of c.payments) bySource.set(p.source, (bySource.get(p.source) ?? 0) + 1);
    for (const [source, n] of bySource) if (n > 1) postedTwice[`${c.patientControlNumber}/${source}`] = n;
    if (c.status === 'PROCESSED' && !bySource.has('ERA')) postedNever.push(c.patientControlNumber);
  }
  return {
    bills: bills.length,
    byStatus,
    claims: claims.length,
    sentTwice,
    sentNever,
    postedTwice,
    postedNever,
    deliveries: deliveries.length,
  };
}

/** When each bill reached its current status (the workflow's record of it), by bill id. */
export async function statusTimes(db: Db): Promise<Map<string, { status: string; since: number }>> {
  const rows = await db.bill.findMany({ select: { id: true, status: true, statusSince: true } });
  return new Map(rows.map((r) => [r.id, { status: r.status, since: r.statusSince.getTime() }]));
}
