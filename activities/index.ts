/** Every activity the worker registers, built over one context (database, clearinghouse). */
import type { ActivityContext } from './context';
import { billActivities } from './bills';
import { paymentActivities } from './payments';

export function createBillActivities(ctx: ActivityContext) {
  return { ...billActivities(ctx), ...paymentActivities(ctx) };
}
