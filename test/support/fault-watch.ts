/**
 * Watching the stack from outside during a fault test: which worker runs a batch right now,
 * when every bill has reached its end, and when a restarted worker ran its first task again.
 */
import type { Db } from '../../db/prisma';
import type { FaultStack } from './fault-stack';
import { waitUntil } from './wait-until';

export interface BatchInFlight {
  batchId: string;
  workflowId: string;
  activity: string;
  worker: number;
}

/**
 * Waits for a batch that is being written or sent: a batch row not yet SENT, with claims in it,
 * whose workflow has an activity started on one of the stack's workers; returns which.
 */
export async function batchInFlight(stack: FaultStack, db: Db, timeoutMs = 180_000): Promise<BatchInFlight> {
  const probe = async (): Promise<BatchInFlight | undefined> => {
    const open = await db.batch.findMany({
      where: { status: { in: ['OPEN', 'WRITTEN'] }, claims: { some: {} } },
      select: { id: true, batchKey: true },
    });
    for (const b of open) {
      if (!b.batchKey) continue;
      const described = await stack.client.workflow
        .getHandle(b.batchKey)
        .describe()
        .catch(() => undefined);
      for (const a of described?.raw.pendingActivities ?? []) {
        const pid = Number(/^(\d+)@/.exec(a.lastWorkerIdentity ?? '')?.[1]);
        const worker = stack.workers.findIndex((w) => w.pid === pid);
        if (worker >= 0 && a.attempt === 1 && Number(a.state) === 2 /* STARTED */)
          return { batchId: b.id, workflowId: b.batchKey, activity: a.activityType?.name ?? '?', worker };
      }
    }
    return undefined;
  };
  return (await waitUntil(probe, (v) => v !== undefined, { what: 'a batch being written or sent', timeoutMs, intervalMs: 50 }))!;
}

/** Bills by status, from the database the workflows write to. */
export async function billStatuses(db: Db, ids?: string[]): Promise<Record<string, number>> {
  const rows = await db.bill.groupBy({ by: ['status'], _count: true, ...(ids ? { where: { id: { in: ids } } } : {}) });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

/** Waits until every bill in the database is in one of `ends`; the timeout is a hang guard. */
export async function allBillsAt(db: Db, ends: string[], timeoutMs: number): Promise<Record<string, number>> {
  return waitUntil(
    () => billStatuses(db),
    (by) => Object.keys(by).length > 0 && Object.keys(by).every((s) => ends.includes(s)),
    { what: `every bill at ${ends.join(' or ')}`, timeoutMs, intervalMs: 500 },
  );
}

export interface Resumption {
  worker: number;
  /** From the restart (spawn) to the process saying it runs (bundling the workflows, connecting). */
  startMs: number;
  /** From the restart to the first workflow or activity task it ran; undefined if it ran none. */
  resumedMs: number | undefined;
}

/**
 * Measures a restart: waits (up to `timeoutMs`, in the background) until the worker's metrics
 * count a task. The promise never rejects: a worker that got no work says so.
 */
export async function measureResumption(
  stack: FaultStack,
  worker: number,
  restart: { startedAt: number; readyAt: number },
  timeoutMs = 120_000,
): Promise<Resumption> {
  const startMs = restart.readyAt - restart.startedAt;
  try {
    await waitUntil(
      () => stack.tasksRun(worker),
      (n) => (n ?? 0) > 0,
      { what: `worker-${worker} to run a task`, timeoutMs, intervalMs: 100 },
    );
    return { worker, startMs, resumedMs: Date.now() - restart.startedAt };
  } catch {
    return { worker, startMs, resumedMs: undefined };
  }
}

/** Seconds with one decimal, for the printed figures. */
export function secs(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`;
}
