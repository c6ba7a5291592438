/**
 * An ERA of N claims: N bills of a practice that submits by hand are brought to Awaiting
 * Primary through the API (created and submitted, 837P downloaded, Claim Fix cleared); one
 * generated 835 answering all of them is dropped into the clearinghouse's response folder
 * (where the sync workflow finds what the payer sent). Measured from the drop: every payment
 * posted (Payment rows), and every bill's workflow having heard its payment (the bill's
 * status, written by its workflow, leaves Awaiting Primary).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateEra835 } from '../helpers/generate-835';
import { countBills, countPayments, secondsUntil } from './progress';
import { createBills, createPractice, sendByManualUpload, type Keys } from './seed';
import type { Stack } from './stack';

export interface EraRun {
  claims: number;
  /** Seconds to create, submit and send the N bills (setup, not the figure). */
  setupS: number;
  /** Worker RSS with the N bills waiting for their primary answer (MB). */
  workerRssWaitingMb: number;
  postedS: number;
  heardS: number;
  /** The bills, now waiting for staff to set their secondary claim Ready to Batch. */
  billIds: string[];
}

export async function runEraFigure(
  stack: Stack,
  keys: Keys,
  claims: number,
  options: { concurrency: number; timeoutMs: number; log: (s: string) => void },
): Promise<EraRun> {
  const practice = await createPractice(keys, { autoBatchSecondary: false, submitsManually: true });
  const setupStart = performance.now();
  options.log(`ERA ${claims}: creating ${claims} bills`);
  const billIds = await createBills(keys, practice, claims, options.concurrency);
  options.log(`ERA ${claims}: sending them by manual upload`);
  await sendByManualUpload(keys, billIds, options.concurrency);
  await secondsUntil(
    `ERA ${claims}: bills awaiting primary`,
    () => countBills(stack.db, practice.practiceId, 'AWAITING_PRIMARY'),
    claims,
    performance.now(),
    options.timeoutMs,
  );
  const setupS = (performance.now() - setupStart) / 1000;
  const workerRssWaitingMb = stack.worker.rssMb();

  const rows = await stack.db.claim.findMany({
    where: { bill: { practiceId: practice.practiceId }, rank: 'PRIMARY' },
    select: { patientControlNumber: true, totalChargeCents: true, bill: { select: { serviceLines: { select: { dateOfService: true } } } } },
  });
  if (rows.length !== claims) throw new Error(`ERA ${claims}: found ${rows.length} primary claims for ${claims} bills`);
  const today = new Date().toISOString().slice(0, 10);
  const x12 = generateEra835(
    rows.map((c) => ({
      patientControlNumber: c.patientControlNumber,
      chargeCents: c.totalChargeCents,
      dateOfService: c.bill.serviceLines[0]!.dateOfService.toISOString().slice(0, 10),
      procedure: 'HC:90837',
      lineControlNumber: `${c.patientControlNumber}-1`,
    })),
    { traceNumber: `BENCH${Date.now()}`, paymentDate: today },
  );
  const outbound = path.join(stack.clearinghouseDir, 'outbound');
  mkdirSync(outbound, { recursive: true });
  const name = `BENCH_ERA_${claims}_${Date.now()}_835.txt`;
  writeFileSync(path.join(outbound, `${name}.tmp`), x12);
  options.log(`ERA ${claims}: dropping ${(x12.length / 1e6).toFixed(2)} MB 835 into the clearinghouse`);
  const dropped = performance.now();
  renameSync(path.join(outbound, `${name}.tmp`), path.join(outbound, name));
  const postedS = await secondsUntil(
    `ERA ${claims}: payments posted`,
    () => countPayments(stack.db, practice.practiceId),
    claims,
    dropped,
    options.timeoutMs,
  );
  options.log(`ERA ${claims}: every payment posted after ${postedS.toFixed(1)} s`);
  const heardS = await secondsUntil(
    `ERA ${claims}: bills that heard their payment`,
    () => countBills(stack.db, practice.practiceId, { not: 'AWAITING_PRIMARY' }),
    claims,
    dropped,
    options.timeoutMs,
  );
  options.log(`ERA ${claims}: every bill heard its payment after ${heardS.toFixed(1)} s`);
  return { claims, setupS, workerRssWaitingMb, postedS, heardS, billIds };
}
