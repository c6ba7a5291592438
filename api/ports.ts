/**
 * Functions the API borrows from activities/: the hand upload of an 835 and the manual
 * matching of an unmatched ERA claim. Tests may inject their own through ApiDeps.
 */
import { ingestUploadedFile } from '../activities/inbound';
import { matchUnmatchedEraClaim } from '../activities/posting/manual-match';
import type { Db } from '../db/prisma';
import type { BillEvent } from '../workflows/activity-contract';

export interface InboundPort {
  ingestUploadedFile(db: Db, input: { name: string; content: Buffer; actor: string }): Promise<{ fileId: string; duplicate: boolean }>;
}
export interface ManualMatchPort {
  matchUnmatchedEraClaim(db: Db, input: { unmatchedId: string; claimId: string; actor: string }): Promise<BillEvent>;
}

export const defaultInbound: InboundPort = { ingestUploadedFile };
export const defaultManualMatch: ManualMatchPort = { matchUnmatchedEraClaim };
