/**
 * Functions the API borrows from activities/ (written by other parts of the project): the
 * hand upload of an 835 and the manual matching of an unmatched ERA claim. They are loaded
 * lazily so that the API runs (and answers 501 for these two routes) before they exist;
 * tests may inject their own through ApiDeps.
 */
import type { Db } from '../db/prisma';
import type { BillEvent } from '../workflows/activity-contract';

export interface InboundPort {
  ingestUploadedFile(db: Db, input: { name: string; content: Buffer; actor: string }): Promise<{ fileId: string; duplicate: boolean }>;
}
export interface ManualMatchPort {
  matchUnmatchedEraClaim(db: Db, input: { unmatchedId: string; claimId: string; actor: string }): Promise<BillEvent>;
}

function load<T>(modulePath: string, name: keyof T): T | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(modulePath) as Partial<T>;
    return typeof mod[name] === 'function' ? (mod as T) : undefined;
  } catch (err) {
    if ((err as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

export function defaultInbound(): InboundPort | undefined {
  return load<InboundPort>('../activities/inbound', 'ingestUploadedFile');
}

export function defaultManualMatch(): ManualMatchPort | undefined {
  return load<ManualMatchPort>('../activities/posting/manual-match', 'matchUnmatchedEraClaim');
}
