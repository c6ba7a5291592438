/**
 * The clearinghouse sync as one long-running workflow (id `clearinghouse-sync`), instead of a
 * Schedule that starts a new workflow every few seconds and buries the bills in the Temporal
 * UI's list. Each round runs `clearinghouseSync` (unchanged, in this workflow), records how it
 * went (metrics, current details), and waits for the next poll; `syncNow` polls at once and
 * `syncEvery` changes the interval. It continues as new every ROUNDS_PER_RUN rounds, or sooner
 * when Temporal suggests it, so its history stays short.
 */
import {
  condition,
  continueAsNew,
  defineSignal,
  log,
  metricMeter,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { syncCurrentDetails, type SyncRound } from '../ops-summary';
import { clearinghouseSync } from './workflow';

export const SYNC_WORKFLOW_ID = 'clearinghouse-sync';
export const ROUNDS_PER_RUN = 100;

export interface SyncLoopInput {
  everySeconds: number;
}

export const syncNowSignal = defineSignal('syncNow');
export const syncEverySignal = defineSignal<[SyncLoopInput]>('syncEvery');

export async function clearinghouseSyncLoop(input: SyncLoopInput): Promise<void> {
  const roundDuration = metricMeter.createHistogram(
    'claims_sync_round_duration',
    'int',
    'ms',
    'One clearinghouse sync round, poll to last bill told',
  );
  const rounds = metricMeter.createCounter('claims_sync_rounds', '', 'Clearinghouse sync rounds, by outcome');
  const filesSeen = metricMeter.createCounter('claims_sync_files', '', 'Inbound files a sync round processed, by result');
  let everyMs = input.everySeconds * 1000;
  let pollNow = false;
  setHandler(syncNowSignal, () => {
    pollNow = true;
  });
  setHandler(syncEverySignal, ({ everySeconds }) => {
    everyMs = everySeconds * 1000;
  });
  let last: SyncRound | undefined;
  for (let round = 1; round <= ROUNDS_PER_RUN; round++) {
    pollNow = false;
    const started = Date.now();
    const at = new Date(started).toISOString();
    try {
      const result = await clearinghouseSync();
      last = { at, outcome: 'ok', ...result };
      filesSeen.withTags({ result: 'processed' }).add(result.files - result.failedFiles);
      filesSeen.withTags({ result: 'failed' }).add(result.failedFiles);
    } catch (err) {
      // Its activities retried and gave up: the next round tries again; nothing is lost (files stay unprocessed).
      last = { at, outcome: 'failed', files: 0, failedFiles: 0, events: 0, error: err instanceof Error ? err.message : String(err) };
      log.warn('clearinghouse sync round failed', { error: last.error });
    }
    roundDuration.withTags({ outcome: last.outcome }).record(Date.now() - started);
    rounds.withTags({ outcome: last.outcome }).add(1);
    setCurrentDetails(syncCurrentDetails(last, new Date(Date.now() + everyMs).toISOString(), round));
    await condition(() => pollNow, everyMs, { summary: 'next clearinghouse poll' });
    if (workflowInfo().continueAsNewSuggested) break;
  }
  await continueAsNew<typeof clearinghouseSyncLoop>({ everySeconds: everyMs / 1000 });
}
