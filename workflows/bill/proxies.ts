/**
 * The bill workflow's view of its activities (see activity-contract.ts), each with the summary
 * ops read in the Temporal UI's event list (ops-summary.ts).
 *
 * A bill started on the lean path (`BillState.lean`) runs its short, one-transaction database
 * steps as local activities: in the worker that runs the workflow task, recorded as a marker,
 * without a round trip through the server's activity queue and a second workflow task. The
 * rest (files, money actions staff take) stay activities of their own.
 */
import { proxyActivities, proxyLocalActivities, type ActivityInterfaceFor } from '@temporalio/workflow';
import type { BillActivities } from '../activity-contract';
import { HEARTBEAT_TIMEOUT } from '../activity-timeouts';
import { BILL_ACTIVITY_SUMMARIES } from '../ops-summary';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' } as const;

/** Database work of one bill: seconds; a dead worker is noticed by its missing heartbeat (activity-timeouts.ts). */
const options = { startToCloseTimeout: '1 minute', heartbeatTimeout: HEARTBEAT_TIMEOUT, retry } as const;

/**
 * A local attempt is bounded by its own timeout (there is no heartbeat); retries within a minute
 * happen in the worker, later ones after a durable timer.
 */
const localOptions = { startToCloseTimeout: '30 seconds', localRetryThreshold: '1 minute', retry } as const;

/** The bill's own steps of one short transaction each: local on the lean path. */
export const LOCAL_BILL_ACTIVITIES = [
  'loadBillPlan',
  'recordBillState',
  'openClaim',
  'setClaimStatus',
  'postEobPayment',
  'billBalances',
  'loadBillSnapshot',
] as const satisfies readonly (keyof BillActivities)[];

function withSummaries(local: boolean): ActivityInterfaceFor<BillActivities> {
  const out: Partial<Record<keyof BillActivities, unknown>> = {};
  for (const name of Object.keys(BILL_ACTIVITY_SUMMARIES) as (keyof BillActivities)[]) {
    const summary = BILL_ACTIVITY_SUMMARIES[name];
    const isLocal = local && (LOCAL_BILL_ACTIVITIES as readonly string[]).includes(name);
    out[name] = isLocal
      ? proxyLocalActivities<BillActivities>({ ...localOptions, summary })[name]
      : proxyActivities<BillActivities>({ ...options, summary })[name];
  }
  return out as ActivityInterfaceFor<BillActivities>;
}

/** Every step an activity task of its own (bills started before the lean path). */
export const acts = withSummaries(false);
/** The lean path: the steps in LOCAL_BILL_ACTIVITIES local. */
export const leanActs = withSummaries(true);
