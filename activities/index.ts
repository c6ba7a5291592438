/** Every activity the worker registers, built over one context (database, clearinghouse, X12 settings). */
import type { Clearinghouse } from '../clearinghouse/port';
import type { Db } from '../db/prisma';
import { batchActivities } from './batches';
import { billActivities } from './bills';
import type { ActivityContext } from './context';
import type { X12Settings } from './claims/x12-settings';
import { inboundActivities } from './inbound';
import { paymentActivities } from './payments';

export interface WorkerContext extends ActivityContext {
  db: Db;
  clearinghouse: Clearinghouse;
  x12: X12Settings;
}

/** The bill workflow's database activities alone (for tests that need no clearinghouse). */
export function createBillActivities(ctx: ActivityContext) {
  return { ...billActivities(ctx), ...paymentActivities(ctx) };
}

export function createActivities(ctx: WorkerContext) {
  return {
    ...createBillActivities(ctx),
    ...batchActivities(ctx),
    ...inboundActivities(ctx),
  };
}
