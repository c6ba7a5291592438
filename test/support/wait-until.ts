/**
 * Polls `probe` until `ok` holds for what it returns, then returns that. For waiting on things
 * that happen in other processes (a workflow's state, a list filling up); the timeout is a
 * hang guard, not a speed bound. On timeout it throws with `what` and the last value seen.
 */
export async function waitUntil<T>(
  probe: () => Promise<T> | T,
  ok: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (ok(last)) return last;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const shown = JSON.stringify(last);
  throw new Error(
    `${options.what ?? 'condition'} not reached in ${timeoutMs} ms; last seen: ${shown && shown.length > 500 ? `${shown.slice(0, 500)}…` : shown}`,
  );
}
