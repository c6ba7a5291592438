/** The bill workflow's view of its activities (see activity-contract.ts). */
import { proxyActivities } from '@temporalio/workflow';
import type { BillActivities } from '../activity-contract';

export const acts = proxyActivities<BillActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
