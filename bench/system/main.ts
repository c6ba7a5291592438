/**
 * `npm run bench:system -- --era-claims 2000 --bills 200 --rate 100 --duration 20`: the figures
 * of "speed at the size of a billing company", measured on a stack of the bench's own (a
 * Temporal dev server, PostgreSQL or PGlite, the worker and the API as child processes, the
 * payer simulator), started on free ports and torn down at the end whatever happened. Prints
 * one table (medians and ranges over --repeat runs), with the load average at start and end.
 * Progress goes to stderr; the table to stdout. Figures that cannot complete in --timeout are
 * printed as not measured, with how far they got.
 */
import os from 'node:os';
import { parseBenchArgs, USAGE, type BenchArgs } from './args';
import { runEndToEndFigure } from './e2e-figure';
import { runEraFigure } from './era-figure';
import { readerRatio, writerClaimsPerSecond } from './pure-benches';
import { renderTable, type Row } from './report';
import { createKeys } from './seed';
import { startStack, type Stack } from './stack';
import { prepareEobBills, runEobFigure, runReadyToBatchFigure } from './staff-figures';
import { statusNote, type RateRun } from './rate-figure';

const began = performance.now();
/** Set by Ctrl-C: the stack is going down, and what fails meanwhile is no figure's fault. */
let interrupted = false;
const log = (line: string): void => {
  if (interrupted) return;
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Runs `n` times; a run that throws makes the row "not measured" with its reason (earlier runs are kept). */
async function repeatInto(rows: Row[], n: number, make: () => Row[], run: (rows: Row[]) => Promise<void>): Promise<void> {
  const made = make();
  rows.push(...made);
  for (let i = 0; i < n; i += 1) {
    try {
      await run(made);
    } catch (err) {
      const reason = (err as Error).message.split('\n')[0] ?? 'failed';
      log(`not measured: ${reason}`);
      for (const r of made) {
        if (r.values.length === 0) r.failed = reason;
        else r.note = `${r.note ?? ''}; run ${i + 1} failed: ${reason}`;
      }
      return;
    }
  }
}

function rateRows(name: string, size: string): Row[] {
  return [{ figure: name, size, values: [], unit: 'ms' }];
}

function noteOf(runs: RateRun[]): string {
  const last = runs[runs.length - 1];
  if (!last) return '';
  const errors = runs.map((r) => `${(r.errorShare * 100).toFixed(0)}%`).join(', ');
  const s504 = runs.map((r) => `${(r.share504 * 100).toFixed(0)}%`).join(', ');
  return `p50 ${last.p50Ms.toFixed(0)} ms, max ${last.maxMs.toFixed(0)} ms; errors ${errors}, 504s ${s504} (${statusNote(last)}); ${last.requests} requests in ${last.seconds.toFixed(1)} s`;
}

async function figures(stack: Stack, args: BenchArgs, rows: Row[]): Promise<void> {
  const timeoutMs = args.timeoutS * 1000;
  await sleep(5000);
  const idle = [stack.worker.rssMb()];
  for (let i = 0; i < 2; i += 1) {
    await sleep(1000);
    idle.push(stack.worker.rssMb());
  }
  rows.push({
    figure: 'worker RSS, idle after start',
    size: '-',
    values: idle,
    unit: 'MB',
    note: `API: ${stack.api.rssMb().toFixed(0)} MB`,
  });
  const keys = await createKeys(stack.db, stack.apiUrl);
  const common = { concurrency: args.concurrency, timeoutMs, log };

  if (args.bills > 0 && !args.skip.has('e2e')) {
    const size = `${args.bills} bills`;
    await repeatInto(
      rows,
      args.repeat,
      () => [{ figure: 'bills end to end, POST /bills -> primary ERA -> secondary -> ERA -> Closed', size, values: [], unit: 'bills/min' }],
      async ([row]) => {
        const run = await runEndToEndFigure(stack, keys, args.bills, { ...common, batchEveryMs: 2000 });
        row!.values.push(run.billsPerMinute);
        row!.note = `all Closed in ${run.closedS.toFixed(0)} s (creating them took ${run.createS.toFixed(0)} s; ${run.batches} batches)`;
      },
    );
  }

  const readyPool: string[] = [];
  if (!args.skip.has('era')) {
    for (const claims of args.eraClaims) {
      const size = `${claims} claims`;
      await repeatInto(
        rows,
        args.repeat,
        () => [
          { figure: 'an ERA of N claims: every payment posted', size, values: [], unit: 's' },
          { figure: "the same: every bill's workflow has heard its payment", size, values: [], unit: 's' },
          { figure: 'worker RSS with N bills waiting (before the ERA)', size: `${claims} bills`, values: [], unit: 'MB' },
        ],
        async ([posted, heard, rss]) => {
          const run = await runEraFigure(stack, keys, claims, common);
          posted!.values.push(run.postedS);
          posted!.note = `${((run.postedS * 1000) / claims).toFixed(1)} ms a claim; setup of the bills ${run.setupS.toFixed(0)} s; sync polls every ${args.syncEverySeconds} s`;
          heard!.values.push(run.heardS);
          rss!.values.push(run.workerRssWaitingMb);
          readyPool.push(...run.billIds);
        },
      );
    }
  }

  if (!args.skip.has('eob')) {
    const count = Math.round(args.eobRate * args.duration);
    const runs: RateRun[] = [];
    const made = rateRows('posting an EOB (POST /bills/{id}/payments), p99', `${args.eobRate}/s`);
    await repeatInto(
      rows,
      args.repeat,
      () => made,
      async ([row]) => {
        log(`EOB: setting up ${count} bills awaiting primary`);
        const setup = await prepareEobBills(stack, keys, count, common);
        log(`EOB: posting at ${args.eobRate}/s`);
        const run = await runEobFigure(stack, keys, setup, args.eobRate, timeoutMs);
        runs.push(run);
        row!.values.push(run.p99Ms);
        row!.note = noteOf(runs);
        readyPool.push(...setup.billIds);
      },
    );
  }

  if (!args.skip.has('update')) {
    const perRun = Math.round(args.rate * args.duration);
    const runs: RateRun[] = [];
    await repeatInto(
      rows,
      args.repeat,
      () => rateRows('staff update through the API (ready-to-batch), p99', `${args.rate}/s`),
      async ([row]) => {
        const bills = readyPool.splice(0, perRun);
        if (bills.length === 0) throw new Error('no bill waiting for staff is left (the ERA and EOB figures make them)');
        if (bills.length < perRun)
          log(`update: only ${bills.length} bills waiting for staff: ${(bills.length / args.rate).toFixed(1)} s of load`);
        log(`update: ready-to-batch at ${args.rate}/s on ${bills.length} bills`);
        const run = await runReadyToBatchFigure(keys, bills, args.rate, timeoutMs);
        runs.push(run);
        row!.values.push(run.p99Ms);
        row!.note = noteOf(runs);
      },
    );
  }
}

async function pureFigures(args: BenchArgs, rows: Row[]): Promise<void> {
  const repeat = args.repeat;
  const timeoutMs = args.timeoutS * 1000;
  await repeatInto(
    rows,
    repeat,
    () => [{ figure: '837P writer, secondary claims', size: '10,000 claims', values: [], unit: 'claims/s', note: 'each run: best of 3' }],
    async ([row]) => {
      log('837P writer bench');
      row!.values.push((await writerClaimsPerSecond(timeoutMs)).claimsPerS);
    },
  );
  await repeatInto(
    rows,
    repeat,
    () => [
      { figure: '835 typed reader / x12-parser raw stream', size: '20,000 claims', values: [], unit: 'x', note: 'each run: median of 11' },
    ],
    async ([row]) => {
      log('835 reader bench');
      row!.values.push((await readerRatio(timeoutMs)).ratio);
    },
  );
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const loadStart = loadavg();
  const rows: Row[] = [];
  // The pure benches first, on a quiet machine (the stack is not started yet).
  if (!args.skip.has('pure')) await pureFigures(args, rows);

  const stackFigures = ['e2e', 'era', 'eob', 'update'].filter((f) => !args.skip.has(f));
  if (stackFigures.length === 0) {
    console.log(`\nload average (1, 5, 15 min): start ${loadStart}; end ${loadavg()}\n\n${renderTable(rows)}`);
    return;
  }
  let stack: Stack | undefined;
  const onSignal = (): void => {
    log('interrupted: stopping the stack');
    interrupted = true;
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let database: string | undefined;
  try {
    stack = await startStack({ syncEverySeconds: args.syncEverySeconds, log });
    database = stack.database.describe;
    log(`stack up: API ${stack.apiUrl}, Temporal ${stack.temporalAddress}, ${database}; logs in ${stack.logDir}`);
    await figures(stack, args, rows);
  } finally {
    log('stopping the stack');
    await stack?.stop();
  }
  const cpus = os.cpus();
  console.log(`\n## System bench (${new Date().toISOString()})\n`);
  console.log(`machine: ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}`);
  console.log(`stack: Temporal dev server (in memory), ${database ?? 'no database'}, worker and API as child processes, payer simulator`);
  console.log(`load average (1, 5, 15 min): start ${loadStart}; end ${loadavg()}`);
  console.log(`runs: --repeat ${args.repeat}; the median, and the range when more than one\n`);
  console.log(renderTable(rows));
}

main().catch((err: unknown) => {
  console.error(`bench:system: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
