/**
 * K bills end to end, in a practice that batches and lets its secondary claims go by
 * themselves: POST /bills (submitted) -> batch -> the payer simulator's 999, 277CA and 835 ->
 * primary posted -> secondary claim batched -> its 835 -> Closed. The bench plays the
 * practice's batch schedule: it asks for a batch (POST /batches) every `batchEveryMs` while
 * any bill is Ready to Batch. Measured from the first POST /bills to the last bill Closed.
 */
import { countBills, secondsUntil } from './progress';
import { createBills, createPractice, type Keys } from './seed';
import type { Stack } from './stack';

export interface EndToEndRun {
  bills: number;
  /** Seconds to create and submit the K bills. */
  createS: number;
  /** Seconds until every bill is Closed. */
  closedS: number;
  billsPerMinute: number;
  batches: number;
}

export async function runEndToEndFigure(
  stack: Stack,
  keys: Keys,
  bills: number,
  options: { concurrency: number; timeoutMs: number; batchEveryMs: number; log: (s: string) => void },
): Promise<EndToEndRun> {
  const practice = await createPractice(keys, { autoBatchSecondary: true, submitsManually: false });
  const start = performance.now();
  let batches = 0;
  let stopped = false;
  // The practice's batch schedule, played by the bench: one batch request at a time.
  const batcher = (async () => {
    while (!stopped) {
      const ready = await countBills(stack.db, practice.practiceId, 'READY_TO_BATCH').catch(() => 0);
      if (ready > 0) {
        const answer = await keys.billing.call('POST', '/batches', { practiceId: practice.practiceId }, 120_000);
        if (answer.status === 201) batches += 1;
        else if (answer.status !== 200 && answer.status !== 202)
          options.log(`e2e: POST /batches answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
      await new Promise((r) => setTimeout(r, options.batchEveryMs));
    }
  })();
  try {
    options.log(`e2e ${bills}: creating and submitting ${bills} bills`);
    await createBills(keys, practice, bills, options.concurrency);
    const createS = (performance.now() - start) / 1000;
    const closedS = await secondsUntil(
      `e2e ${bills}: bills Closed`,
      () => countBills(stack.db, practice.practiceId, 'CLOSED'),
      bills,
      start,
      options.timeoutMs,
      500,
    );
    options.log(`e2e ${bills}: every bill Closed after ${closedS.toFixed(1)} s (${batches} batches)`);
    return { bills, createS, closedS, billsPerMinute: (bills / closedS) * 60, batches };
  } finally {
    stopped = true;
    await batcher;
  }
}
