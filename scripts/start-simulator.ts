/**
 * The payer SIMULATOR on the embedded default (`npm start` with the local clearinghouse): every
 * two seconds one run of the driver over the clearinghouse folder, given the payer scenarios
 * set on payers (`Payer.simulatorScenario`, keyed by payer code = the 837P's NM1*PR id).
 *  - SIMULATOR_DELAY_SECONDS: the 999, 277CA and on-time 835 come this long after a file (default 5).
 *  - SIMULATOR_DAY_SECONDS: how long a scenario's "day" lasts (pays-late, reverses); default a
 *    real day, the demo sets a few seconds.
 */
import type { Logger } from 'pino';
import { checkScenario, runSimulatorOnce, type PayerScenario } from '../clearinghouse/simulator';
import type { Db } from '../db/prisma';

export async function loadScenarioTable(db: Db): Promise<Record<string, PayerScenario>> {
  const payers = await db.payer.findMany({ select: { payerCode: true, simulatorScenario: true } });
  const table: Record<string, PayerScenario> = {};
  for (const p of payers) {
    if (p.simulatorScenario !== null && checkScenario(p.simulatorScenario).length === 0)
      table[p.payerCode] = p.simulatorScenario as unknown as PayerScenario;
  }
  return table;
}

export function startPayerSimulator(options: { db: Db; dir: string; logger: Logger; env?: NodeJS.ProcessEnv }): () => Promise<void> {
  const env = options.env ?? process.env;
  const delayMs = Number(env.SIMULATOR_DELAY_SECONDS ?? '5') * 1000;
  const dayMs = Number(env.SIMULATOR_DAY_SECONDS ?? '86400') * 1000;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    loadScenarioTable(options.db)
      .then((scenarios) =>
        runSimulatorOnce(options.dir, new Date(), {
          scenarios,
          dayMs,
          delays: { ack999Ms: delayMs, claimAck277Ms: delayMs, era835Ms: delayMs },
        }),
      )
      .catch((err: unknown) => options.logger.warn({ error: (err as Error).message }, 'payer simulator run failed'))
      .finally(() => (running = false));
  }, 2000);
  return async () => clearInterval(timer);
}
