/**
 * The two staff requests of the table, each at its rate on bills of its own:
 * - posting an EOB (POST /bills/{id}/payments) on bills waiting for their primary answer;
 * - a staff update (POST /bills/{id}/ready-to-batch) on bills waiting for staff to set their
 *   secondary claim Ready to Batch (those of the ERA figure, and those the EOBs just answered).
 */
import { atRate, type RateRun } from './rate-figure';
import { countBills, secondsUntil } from './progress';
import { BILL_CHARGE_CENTS, createBills, createPractice, sendByManualUpload, type Keys } from './seed';
import type { Stack } from './stack';

/** Paid 64 %, CO-45 20 %, PR-2 16 %: balances the bench's one-line bill. */
function eobBody(): object {
  const contractual = BILL_CHARGE_CENTS * 0.2;
  const patient = BILL_CHARGE_CENTS * 0.16;
  return {
    paidCents: BILL_CHARGE_CENTS - contractual - patient,
    patientResponsibilityCents: patient,
    adjudicationDate: new Date().toISOString().slice(0, 10),
    adjustments: [
      { group: 'CO', reason: '45', amountCents: contractual },
      { group: 'PR', reason: '2', amountCents: patient },
    ],
  };
}

export interface EobSetup {
  practiceId: string;
  billIds: string[];
}

/** Bills awaiting their primary answer, for the EOB figure. */
export async function prepareEobBills(
  stack: Stack,
  keys: Keys,
  count: number,
  options: { concurrency: number; timeoutMs: number },
): Promise<EobSetup> {
  const practice = await createPractice(keys, { autoBatchSecondary: false, submitsManually: true });
  const billIds = await createBills(keys, practice, count, options.concurrency);
  await sendByManualUpload(keys, billIds, options.concurrency);
  await secondsUntil(
    'EOB bills awaiting primary',
    () => countBills(stack.db, practice.practiceId, 'AWAITING_PRIMARY'),
    count,
    performance.now(),
    options.timeoutMs,
  );
  return { practiceId: practice.practiceId, billIds };
}

export async function runEobFigure(stack: Stack, keys: Keys, setup: EobSetup, rate: number, timeoutMs: number): Promise<RateRun> {
  const body = eobBody();
  const run = await atRate(rate, setup.billIds, (billId) => keys.billing.call('POST', `/bills/${billId}/payments`, body, timeoutMs));
  // Those answered are now waiting for staff (their secondary claim): the update figure's bills.
  await secondsUntil(
    'EOB bills processed',
    () => countBills(stack.db, setup.practiceId, { not: 'AWAITING_PRIMARY' }),
    run.statuses['201'] ?? 0,
    performance.now(),
    timeoutMs,
  ).catch(() => undefined);
  return run;
}

export async function runReadyToBatchFigure(keys: Keys, billIds: readonly string[], rate: number, timeoutMs: number): Promise<RateRun> {
  return atRate(rate, billIds, (billId) => keys.billing.call('POST', `/bills/${billId}/ready-to-batch`, undefined, timeoutMs));
}
