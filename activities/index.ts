/** Every activity the worker registers, built over one context (database, clearinghouse, X12 settings, clock). */
import type { BatchActivities, BillActivities, ClearinghouseActivities } from '../workflows/activity-contract';
import { batchActivities } from './batches';
import { billCorrectionActivities } from './bill-corrections';
import { billActivities } from './bills';
import type { ActivityContext } from './context';
import { heartbeating } from './heartbeat';
import { inboundActivities } from './inbound';
import { moneyActivities } from './money';
import { paymentActivities } from './payments';

export type { ActivityContext, Clock } from './context';
export { systemClock } from './context';

/** Everything the workflows ask of the outside world (activity-contract.ts). */
export type AllActivities = BillActivities & BatchActivities & ClearinghouseActivities;

/** Every activity heartbeats while it runs (heartbeat.ts), so a workflow may give any of them a short heartbeat timeout. */
export function createActivities(ctx: ActivityContext) {
  return heartbeating({
    ...billActivities(ctx),
    ...paymentActivities(ctx),
    ...billCorrectionActivities(ctx),
    ...moneyActivities(ctx),
    ...batchActivities(ctx),
    ...inboundActivities(ctx),
  } satisfies AllActivities);
}
