/**
 * Latency of a staff request at a fixed rate (open loop: requests leave on schedule whether
 * or not the earlier ones have answered, as staff and integrations do), each on a bill of its
 * own; answers every latency and status. The share of errors counts any answer but 2xx (a 0 is
 * a request that got no answer within the client's timeout); 504 is the API's own timeout.
 */
import type { Answer } from './api-client';
import { percentile } from './report';

export interface RateRun {
  rate: number;
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errorShare: number;
  share504: number;
  /** Status -> count, for the note. */
  statuses: Record<string, number>;
}

export async function atRate<T>(rate: number, targets: readonly T[], send: (target: T) => Promise<Answer>): Promise<RateRun> {
  const gapMs = 1000 / rate;
  const start = performance.now();
  const pending: Promise<Answer>[] = [];
  for (let i = 0; i < targets.length; i += 1) {
    const due = start + i * gapMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(targets[i]!));
  }
  const answers = await Promise.all(pending);
  const ms = answers.map((a) => a.ms);
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
  const errors = answers.filter((a) => a.status < 200 || a.status >= 300).length;
  return {
    rate,
    requests: answers.length,
    seconds: (targets.length * gapMs) / 1000,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    maxMs: Math.max(...ms),
    errorShare: errors / answers.length,
    share504: (statuses['504'] ?? 0) / answers.length,
    statuses,
  };
}

/** "201: 390, 504: 10" */
export function statusNote(run: RateRun): string {
  return Object.entries(run.statuses)
    .map(([s, n]) => `${s === '0' ? 'no answer' : s}: ${n}`)
    .join(', ');
}
