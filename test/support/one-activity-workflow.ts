/** A workflow for worker tests: runs one activity by name (two attempts at most) and returns its result. */
import { proxyActivities } from '@temporalio/workflow';

export async function runOneActivity(name: string): Promise<unknown> {
  const acts = proxyActivities<Record<string, () => Promise<unknown>>>({
    startToCloseTimeout: '20 seconds',
    retry: { maximumAttempts: 2, initialInterval: '100 milliseconds' },
  });
  return acts[name]!();
}
