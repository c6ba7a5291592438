/**
 * Heartbeats: how Temporal learns, within seconds, that a worker running an activity has died
 * (`kill -9`, a lost machine), instead of waiting out the activity's start-to-close timeout.
 *
 * `keepAlive` runs an activity and heartbeats every HEARTBEAT_EVERY_MS while it runs, each time
 * with the latest progress the activity reported (`progress(details)`), so the worker that
 * retries it reads where the killed attempt got to (`resumedFrom()`, from the attempt's
 * `heartbeatDetails`). A workflow asks for it with a `heartbeatTimeout` on the activity
 * (workflows/activity-timeouts.ts): a dead worker stops heartbeating and the attempt is retried
 * after that timeout.
 *
 * Outside an activity (a test calling an activity function directly), and in a local activity
 * (it runs within a workflow task, which has no heartbeat), it just runs the work.
 * Heartbeat details hold counts and stage names only: never patient data.
 */
import { Context } from '@temporalio/activity';

/** How often a running activity heartbeats; well under the shortest heartbeat timeout (workflows/activity-timeouts.ts). */
export const HEARTBEAT_EVERY_MS = 2_000;

/** The running activity's context; none outside an activity, nor in a local one (it runs inside a workflow task and has no heartbeat). */
function currentContext(): Context | undefined {
  try {
    const ctx = Context.current();
    return ctx.info.isLocal ? undefined : ctx;
  } catch {
    return undefined; // not inside an activity
  }
}

/** The latest details of each attempt that is heartbeating (one timer per attempt, however nested). */
const beating = new WeakMap<Context, { latest: unknown }>();

/** The progress the previous attempt of this activity last heartbeated, if it was retried after one. */
export function resumedFrom<T>(): T | undefined {
  const ctx = currentContext();
  return (ctx?.info.heartbeatDetails as T | undefined) ?? undefined;
}

/**
 * Runs `work`, heartbeating while it runs. `work` gets `progress(details)`: the details to send
 * from now on (the last ones win; they are sent at once and then with every periodic beat).
 */
export async function keepAlive<T, D = unknown>(work: (progress: (details: D) => void) => Promise<T>): Promise<T> {
  const ctx = currentContext();
  if (!ctx) return work(() => undefined);
  const running = beating.get(ctx);
  const progress = (details: D) => {
    const state = beating.get(ctx);
    if (state) state.latest = details;
    ctx.heartbeat(details);
  };
  if (running) return work(progress); // an outer keepAlive of this attempt beats already
  const state = { latest: ctx.info.heartbeatDetails as unknown };
  beating.set(ctx, state);
  const beat = () => ctx.heartbeat(state.latest);
  beat();
  const timer = setInterval(beat, HEARTBEAT_EVERY_MS);
  timer.unref();
  try {
    return await work(progress);
  } finally {
    clearInterval(timer);
    beating.delete(ctx);
  }
}

/**
 * Reports the running attempt's progress: heartbeated at once and with every periodic beat of
 * the {@link keepAlive} around it (every activity of the worker has one: activities/index.ts).
 * Outside an activity it does nothing.
 */
export function reportProgress(details: unknown): void {
  const ctx = currentContext();
  if (!ctx) return;
  const state = beating.get(ctx);
  if (state) state.latest = details;
  ctx.heartbeat(details);
}

/** Wraps every function of an activities object in {@link keepAlive}, so any of them may be given a heartbeat timeout. */
export function heartbeating<A extends object>(activities: A): A {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    out[name] =
      typeof fn === 'function'
        ? Object.defineProperty(
            (...args: unknown[]) => keepAlive(() => Promise.resolve((fn as (...a: unknown[]) => unknown)(...args))),
            'name',
            { value: name },
          )
        : fn;
  }
  return out as A;
}
