/**
 * Many workers, many APIs: two worker processes and two API processes on one Temporal dev
 * server and one PostgreSQL. Tens of bills are created through both APIs; while a batch is being
 * written or sent, the worker running it is killed -9 and not brought back. The other worker
 * finishes the work: every bill reaches Closed, every claim is in exactly one 837P delivered to
 * the clearinghouse (read from the files), and no claim has a payment posted twice.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FaultStack } from '../../support/fault-stack';
import { faultLogDir } from '../../support/fault-process';
import { takeLedger, statusTimes } from '../../support/fault-ledger';
import { createBills, intFromEnv, seededRandom, seedFromEnv, setUpPractice } from '../../support/fault-load';
import { allBillsAt, batchInFlight, billStatuses, secs } from '../../support/fault-watch';

const BILLS = intFromEnv('FAULT_BILLS', 24);
/** A hang guard, not a speed bound: until activities heartbeat, a killed upload waits out its 5-minute timeout. */
const RECOVERY_TIMEOUT_MS = intFromEnv('FAULT_RECOVERY_TIMEOUT_MS', 15 * 60_000);
jest.setTimeout(RECOVERY_TIMEOUT_MS + 6 * 60_000);

let stack: FaultStack | undefined;
/** Many processes share one database: a real PostgreSQL (PGlite serves one connection). */
const itOnPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
if (!process.env.TEST_DATABASE_URL) console.log('many-workers: skipped, TEST_DATABASE_URL names no PostgreSQL');

afterAll(async () => {
  await stack?.stop();
});

itOnPostgres(
  'the other worker finishes a batch whose worker was killed -9 mid-batch: nothing lost, sent twice or posted twice',
  async () => {
    const seed = seedFromEnv();
    console.log(`many-workers: seed ${seed}, ${BILLS} bills`);
    const s = (stack = await FaultStack.start({ workers: 2, apis: 2, label: 'many-workers' }));
    const db = s.database.db;
    const setup = await setUpPractice(s.apiPorts[0]!, s.adminKey);

    const creating = createBills(s.apiPorts, setup, BILLS, seededRandom(seed));
    const inFlight = await batchInFlight(s, db);
    await s.killWorker(inFlight.worker);
    const killedAt = Date.now();
    const survivor = 1 - inFlight.worker;
    const created = await creating;
    expect(new Set(created.map((b) => b.api))).toEqual(new Set([0, 1]));

    // The confirmed bills Closed; a bill made by a creation call that got no answer (and was sent
    // again) is a Draft or Closed: counted and printed (an Idempotency-Key on POST /bills ends them).
    await allBillsAt(db, ['CLOSED', 'DRAFT'], RECOVERY_TIMEOUT_MS);
    const confirmed = created.map((b) => b.id);
    expect(await billStatuses(db, confirmed)).toEqual({ CLOSED: BILLS });
    await s.stopSimulator();
    const ledger = await takeLedger(db, s.clearinghouseDir);
    expect(ledger.claims).toBe(2 * (ledger.byStatus.CLOSED ?? 0));
    expect(ledger.sentTwice).toEqual({});
    expect(ledger.sentNever).toEqual([]);
    expect(ledger.postedTwice).toEqual({});
    expect(ledger.postedNever).toEqual([]);
    // The batch cut short went out once, whole.
    const batch = await db.batch.findUniqueOrThrow({ where: { id: inFlight.batchId }, include: { claims: true } });
    expect(batch.status).not.toBe('FAILED');
    expect(batch.claims.length).toBeGreaterThan(0);
    expect(s.workers[inFlight.worker]!.running).toBe(false);
    expect(s.workers[survivor]!.running).toBe(true);
    expect(s.unexpectedExits()).toEqual([]);
    // A creation call retried with its Idempotency-Key after no answer never makes a second bill.
    expect(ledger.bills).toBe(BILLS);

    const times = await statusTimes(db);
    const lastClosed = Math.max(...confirmed.map((id) => times.get(id)!.since));
    const figures = {
      seed,
      bills: BILLS,
      killed: `worker-${inFlight.worker} during ${inFlight.activity} of batch ${inFlight.batchId}`,
      claimsInThatBatch: batch.claims.length,
      killedBatchSentAfterKill: secs(batch.sentAt ? batch.sentAt.getTime() - killedAt : undefined),
      lastBillClosedAfterKill: secs(lastClosed - killedAt),
      deliveries: ledger.deliveries,
      apiFailovers: created.reduce((t, b) => t + b.failovers, 0),
      failedCalls: created.flatMap((b) => b.errors),
      billsFromUnansweredCalls: ledger.bills - BILLS,
      endsOfThose: await billStatuses(
        db,
        (await db.bill.findMany({ where: { id: { notIn: confirmed } }, select: { id: true } })).map((b) => b.id),
      ),
    };
    console.log(`many-workers figures: ${JSON.stringify(figures, null, 1)}`);
    writeFileSync(path.join(faultLogDir, 'many-workers-figures.json'), JSON.stringify(figures, null, 1));
  },
);
