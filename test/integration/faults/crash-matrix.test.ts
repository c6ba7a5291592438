/**
 * The crash matrix: two workers, two APIs, one Temporal dev server, one PostgreSQL. Bills are
 * created through both APIs and go the ERA path (primary claim, 835, secondary claim, 835) to
 * Closed while workers, APIs and the Temporal server are killed -9 at seeded random moments and
 * started again. Afterwards: nothing lost (every bill the API confirmed is Closed; a bill left by
 * a creation call that got no answer is a Draft never sent, or Closed), nothing sent twice (each
 * claim in exactly one 837P delivered to the clearinghouse, read from the files), nothing posted
 * twice (payments per claim and source). Prints the seed, the plan, how long the slowest bill
 * waited after the last fault and each restarted worker's time back to work.
 *
 * Bounded for `npm test` (FAULT_BILLS=16, FAULT_KILLS=2 of each kind); `npm run test:faults`
 * runs a longer one. FAULT_SEED replays a run.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FaultStack } from '../../support/fault-stack';
import { faultLogDir } from '../../support/fault-process';
import { takeLedger, statusTimes } from '../../support/fault-ledger';
import { createBills, intFromEnv, seededRandom, seedFromEnv, setUpPractice } from '../../support/fault-load';
import { describePlan, planFaults, runFaults } from '../../support/fault-schedule';
import { allBillsAt, billStatuses, secs } from '../../support/fault-watch';

const BILLS = intFromEnv('FAULT_BILLS', 16);
const KILLS = intFromEnv('FAULT_KILLS', 2);
const WINDOW_MS = intFromEnv('FAULT_WINDOW_SECONDS', 60) * 1000;
/** A hang guard, not a speed bound: until activities heartbeat, a killed activity waits out its start-to-close timeout. */
const RECOVERY_TIMEOUT_MS = intFromEnv('FAULT_RECOVERY_TIMEOUT_MS', 15 * 60_000);
jest.setTimeout(WINDOW_MS + RECOVERY_TIMEOUT_MS + 8 * 60_000);

let stack: FaultStack | undefined;
/** Many processes share one database: a real PostgreSQL (PGlite serves one connection). */
const itOnPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
if (!process.env.TEST_DATABASE_URL) console.log('crash-matrix: skipped, TEST_DATABASE_URL names no PostgreSQL');

afterAll(async () => {
  await stack?.stop();
});

itOnPostgres(
  'bills reach Closed through kills of workers, APIs and the Temporal server: none lost, sent twice or posted twice',
  async () => {
    const seed = seedFromEnv();
    const random = seededRandom(seed);
    const s = (stack = await FaultStack.start({ workers: 2, apis: 2, label: 'crash-matrix' }));
    const db = s.database.db;
    const setup = await setUpPractice(s.apiPorts[0]!, s.adminKey);
    const plan = planFaults(random, { perKind: KILLS, windowMs: WINDOW_MS, workers: 2, apis: 2 });
    console.log(`crash-matrix: seed ${seed} (FAULT_SEED=${seed} replays it), ${BILLS} bills, plan: ${describePlan(plan)}`);

    const startedAt = Date.now();
    const creating = createBills(s.apiPorts, setup, BILLS, random, 2);
    const faults = await runFaults(s, plan, (f) =>
      console.log(
        `fault: ${f.kind}${f.kind === 'temporal' ? '' : `-${f.index}`} killed at +${secs(f.killedAt - startedAt)}, back in ${secs(f.backAt - f.killedAt)}`,
      ),
    );
    const created = await creating;
    const confirmed = created.map((b) => b.id);
    // With FAULT_KILLS=0 the run is the baseline: times count from the start.
    const lastFaultAt = Math.max(startedAt, ...faults.done.map((f) => f.killedAt));
    const lastBackAt = Math.max(startedAt, ...faults.done.map((f) => f.backAt));

    // Every bill ends: the confirmed ones Closed; one made by a call that got no answer, a Draft or Closed.
    await allBillsAt(db, ['CLOSED', 'DRAFT'], RECOVERY_TIMEOUT_MS);
    expect(await billStatuses(db, confirmed)).toEqual({ CLOSED: BILLS });
    const resumptions = await faults.resumptions;
    await s.stopSimulator();
    const ledger = await takeLedger(db, s.clearinghouseDir);
    const unanswered = ledger.bills - BILLS;
    // A creation call retried with its Idempotency-Key after no answer never makes a second bill.
    expect(unanswered).toBe(0);
    expect(ledger.sentTwice).toEqual({});
    expect(ledger.sentNever).toEqual([]);
    expect(ledger.postedTwice).toEqual({});
    expect(ledger.postedNever).toEqual([]);
    expect(ledger.claims).toBe(2 * (ledger.byStatus.CLOSED ?? 0));

    const times = await statusTimes(db);
    const closedAt = confirmed.map((id) => times.get(id)!.since);
    const figures = {
      seed,
      bills: BILLS,
      plan: describePlan(plan),
      faults: faults.done.map((f) => ({
        fault: `${f.kind}${f.kind === 'temporal' ? '' : `-${f.index}`}`,
        killedAt: secs(f.killedAt - startedAt),
        backIn: secs(f.backAt - f.killedAt),
      })),
      workerRestarts: resumptions.map((r) => ({ worker: r.worker, startup: secs(r.startMs), firstTaskAfter: secs(r.resumedMs) })),
      slowestBillAfterLastFault:
        Math.max(...closedAt) < lastFaultAt ? 'every bill closed before the last fault' : secs(Math.max(...closedAt) - lastFaultAt),
      slowestBillAfterLastRecovery: secs(Math.max(...closedAt) - lastBackAt),
      allClosedAfterStart: secs(Math.max(...closedAt) - startedAt),
      billsFromUnansweredCalls: unanswered,
      endsOfThose: await billStatuses(
        db,
        (await db.bill.findMany({ where: { id: { notIn: confirmed } }, select: { id: true } })).map((b) => b.id),
      ),
      apiFailovers: created.reduce((t, b) => t + b.failovers, 0),
      failedCalls: created.flatMap((b) => b.errors),
      deliveries: ledger.deliveries,
      unexpectedExits: s.unexpectedExits(),
    };
    console.log(`crash-matrix figures: ${JSON.stringify(figures, null, 1)}`);
    writeFileSync(path.join(faultLogDir, 'crash-matrix-figures.json'), JSON.stringify(figures, null, 1));
  },
);
