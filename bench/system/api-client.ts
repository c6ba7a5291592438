/** A small HTTP client of the staff API for the bench: timed calls, and a bounded pool. */

export interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly key: string,
  ) {}

  /** One call; a network error or timeout answers status 0 (counted as an error by the figures). */
  async call(method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<Answer> {
    const start = performance.now();
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (an 837P file): kept as text
      }
      return { status: res.status, body: parsed, ms: performance.now() - start };
    } catch (err) {
      return { status: 0, body: (err as Error).message, ms: performance.now() - start };
    }
  }

  /** A call that must answer `expected`, else throws naming the call and the answer. */
  async must<T>(method: string, path: string, body: unknown, expected: number[]): Promise<T> {
    const answer = await this.call(method, path, body);
    if (!expected.includes(answer.status)) {
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 400)}`);
    }
    return answer.body as T;
  }
}

/** Runs `fn` over `items`, at most `concurrency` at a time; the first error stops the rest. */
export async function inPool<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async (): Promise<void> => {
    while (failed === undefined && next < items.length) {
      const i = next++;
      try {
        await fn(items[i]!, i);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (failed !== undefined) throw failed;
}
