/**
 * The bill workflow's view of its activities (see activity-contract.ts), each with the summary
 * ops read in the Temporal UI's event list (ops-summary.ts).
 */
import { proxyActivities, type ActivityInterfaceFor } from '@temporalio/workflow';
import type { BillActivities } from '../activity-contract';
import { HEARTBEAT_TIMEOUT } from '../activity-timeouts';
import { BILL_ACTIVITY_SUMMARIES } from '../ops-summary';

/** Database work of one bill: seconds; a dead worker is noticed by its missing heartbeat (activity-timeouts.ts). */
const options = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;

function withSummaries(): ActivityInterfaceFor<BillActivities> {
  const out: Partial<Record<keyof BillActivities, unknown>> = {};
  for (const name of Object.keys(BILL_ACTIVITY_SUMMARIES) as (keyof BillActivities)[]) {
    out[name] = proxyActivities<BillActivities>({ ...options, summary: BILL_ACTIVITY_SUMMARIES[name] })[name];
  }
  return out as ActivityInterfaceFor<BillActivities>;
}

export const acts = withSummaries();
