/**
 * The heartbeat wrapper in an activity context (the SDK's MockActivityEnvironment: an activity
 * context without a server; the real dead-worker path is test/integration/workflows/worker-kill):
 * it beats at once and every HEARTBEAT_EVERY_MS with the latest progress, one timer however
 * nested, starts from the previous attempt's details, and does nothing outside an activity.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { HEARTBEAT_EVERY_MS, heartbeating, keepAlive, reportProgress, resumedFrom } from '../../../activities/heartbeat';

afterEach(() => {
  jest.useRealTimers();
});

it('beats at once and then periodically with the latest progress, one timer for nested wrappers', async () => {
  jest.useFakeTimers();
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let release2!: () => void;
  const gate2 = new Promise<void>((r) => (release2 = r));
  const acts = heartbeating({
    async slow(): Promise<string> {
      await keepAlive(async (progress) => {
        progress({ done: 1 });
        await gate;
      });
      reportProgress({ done: 2 });
      await gate2;
      return 'ok';
    },
  });
  const running = env.run(acts.slow);
  await jest.advanceTimersByTimeAsync(0);
  expect(beats).toEqual([undefined, { done: 1 }]);
  await jest.advanceTimersByTimeAsync(HEARTBEAT_EVERY_MS * 2);
  // The periodic beats repeat the latest progress (not the outer wrapper's), from one timer.
  expect(beats).toEqual([undefined, { done: 1 }, { done: 1 }, { done: 1 }]);
  release();
  await jest.advanceTimersByTimeAsync(HEARTBEAT_EVERY_MS);
  expect(beats.slice(-2)).toEqual([{ done: 2 }, { done: 2 }]);
  release2();
  await expect(running).resolves.toBe('ok');
  const count = beats.length;
  await jest.advanceTimersByTimeAsync(HEARTBEAT_EVERY_MS * 3);
  expect(beats).toHaveLength(count); // stopped with the activity
});

it("a retry starts from the previous attempt's progress", async () => {
  const env = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: { stage: 'committing' } });
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  const seen = await env.run(heartbeating({ resume: async () => resumedFrom<{ stage: string }>() }).resume);
  expect(seen).toEqual({ stage: 'committing' });
  expect(beats[0]).toEqual({ stage: 'committing' });
});

it('outside an activity it only runs the work', async () => {
  expect(resumedFrom()).toBeUndefined();
  reportProgress({ done: 1 });
  await expect(heartbeating({ f: async (x: number) => x + 1 }).f(1)).resolves.toBe(2);
});
