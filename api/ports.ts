/**
 * Functions the API borrows from activities/: the hand upload of an 835. (Matching an ERA
 * claim by hand is an action of the bill's workflow.) Tests may inject their own through ApiDeps.
 */
import { ingestUploadedFile } from '../activities/inbound';
import type { Db } from '../db/prisma';

export interface InboundPort {
  ingestUploadedFile(db: Db, input: { name: string; content: Buffer; actor: string }): Promise<{ fileId: string; duplicate: boolean }>;
}

export const defaultInbound: InboundPort = { ingestUploadedFile };
