/** The system bench's command line (`npm run bench:system -- --help`). */
import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** ERA sizes, one figure each (0: none). */
  eraClaims: number[];
  /** Bills end to end (0: none). */
  bills: number;
  /** Staff updates (ready-to-batch) per second. */
  rate: number;
  /** EOBs posted per second. */
  eobRate: number;
  /** Seconds of load at each rate (the number of bills each needs is rate x duration). */
  duration: number;
  repeat: number;
  concurrency: number;
  timeoutS: number;
  syncEverySeconds: number;
  skip: Set<string>;
}

export const USAGE = `npm run bench:system -- [options]
  --era-claims N[,N...]  ERA figure: bills answered by one generated 835 (default 500; 0: none)
  --bills K              bills end to end, POST /bills to Closed (default 100; 0: none)
  --rate R               staff updates (ready-to-batch) per second (default 100)
  --eob-rate R           EOBs posted (POST /bills/{id}/payments) per second (default 20)
  --duration S           seconds of load at each rate (default 10)
  --repeat N             runs of each figure, for medians and ranges (default 1)
  --concurrency C        requests at a time while setting bills up (default 16)
  --timeout S            the longest any figure may take before it is reported as not measured (default 900)
  --sync-every S         the clearinghouse sync's poll interval (default 2)
  --skip LIST            comma-separated: pure, e2e, era, eob, update
Database: a fresh database on BENCH_DATABASE_URL (else TEST_DATABASE_URL), dropped after; else PGlite in memory.`;

function positive(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got "${raw}"`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      'era-claims': { type: 'string' },
      bills: { type: 'string' },
      rate: { type: 'string' },
      'eob-rate': { type: 'string' },
      duration: { type: 'string' },
      repeat: { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      'sync-every': { type: 'string' },
      skip: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const eraClaims = (values['era-claims'] ?? '500')
    .split(',')
    .map((s) => positive('era-claims', s.trim(), 0, 0))
    .filter((n) => n > 0);
  const skip = new Set(
    (values.skip ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
  for (const s of skip) {
    if (!['pure', 'e2e', 'era', 'eob', 'update'].includes(s)) throw new Error(`--skip: unknown figure "${s}"`);
  }
  return {
    eraClaims,
    bills: Math.floor(positive('bills', values.bills, 100, 0)),
    rate: positive('rate', values.rate, 100),
    eobRate: positive('eob-rate', values['eob-rate'], 20),
    duration: positive('duration', values.duration, 10),
    repeat: Math.floor(positive('repeat', values.repeat, 1)),
    concurrency: Math.floor(positive('concurrency', values.concurrency, 16)),
    timeoutS: positive('timeout', values.timeout, 900),
    syncEverySeconds: Math.floor(positive('sync-every', values['sync-every'], 2)),
    skip,
  };
}
