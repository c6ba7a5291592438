/**
 * The work the fault tests put through the stack, as staff would over HTTP: one practice set up
 * once, then bills created and submitted through every API process in turn. A call that finds
 * its API down (killed, restarting) goes to the next one, with the same Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import { apiClient, configurePractice } from './embedded-service';

export type PracticeSetup = Awaited<ReturnType<typeof configurePractice>>;

/** A small seeded generator (mulberry32), so that a failing run can be run again with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFromEnv(): number {
  const raw = process.env.FAULT_SEED;
  if (raw && /^\d+$/.test(raw)) return Number(raw);
  return Math.floor(Math.random() * 2 ** 31);
}

export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

export async function setUpPractice(apiPort: number, adminKey: string): Promise<PracticeSetup> {
  return configurePractice(apiClient(apiPort), adminKey);
}

export interface CreatedBill {
  id: string;
  /** Which API answered the call that created it. */
  api: number;
  /** Calls that failed (API down) before one answered. */
  failovers: number;
  /** What each failed call got (status and body, or the network error). */
  errors: string[];
}

/**
 * Creates and submits one bill through `apis[first]`, or the next API that answers. A call
 * that got no answer may still have made the bill: the retry carries the same Idempotency-Key.
 */
export async function createBill(
  apiPorts: number[],
  first: number,
  setup: PracticeSetup,
  chargeCents: number,
  giveUpAfterMs = 120_000,
): Promise<CreatedBill> {
  const body = JSON.stringify({
    practiceId: setup.practiceId,
    clientId: setup.clientId,
    renderingProviderId: setup.providerId,
    diagnosisCodes: ['F41.1'],
    submit: true,
    serviceLines: [{ procedureCode: '90837', diagnosisPointers: [1], chargeCents, dateOfService: '2026-11-02' }],
  });
  const key = randomUUID();
  const deadline = Date.now() + giveUpAfterMs;
  const errors: string[] = [];
  let lastError = '';
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const api = (first + attempt) % apiPorts.length;
    try {
      const res = await fetch(`http://127.0.0.1:${apiPorts[api]}/bills`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${setup.billing}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body,
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      if (res.status === 201 || res.status === 200)
        return { id: (JSON.parse(text) as { id: string }).id, api, failovers: errors.length, errors };
      lastError = `${res.status} ${text.slice(0, 300)}`;
      if (res.status < 500 && res.status !== 409) throw new Error(`POST /bills refused: ${lastError}`);
    } catch (err) {
      if ((err as Error).message.startsWith('POST /bills refused')) throw err;
      lastError = (err as Error).message;
    }
    errors.push(`api-${api}: ${lastError.slice(0, 200)}`);
    // Not a wait for correctness: a pause before the next API, so a down stack is not hammered.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no API created the bill within ${giveUpAfterMs} ms; last: ${lastError}`);
}

/** Creates `count` bills, alternating between the APIs, a few at a time. */
export async function createBills(
  apiPorts: number[],
  setup: PracticeSetup,
  count: number,
  random: () => number,
  concurrency = 3,
): Promise<CreatedBill[]> {
  const charges = Array.from({ length: count }, () => 10_000 + Math.floor(random() * 200) * 100);
  const out: CreatedBill[] = new Array<CreatedBill>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await createBill(apiPorts, i % apiPorts.length, setup, charges[i]!);
      }
    }),
  );
  return out;
}
