/** Free loopback ports, and waiting for a port or an HTTP answer. */
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Thrown by a check to stop waiting at once (the other errors of a check count as "not yet"). */
export class GiveUp extends Error {}

/** Polls `check` until it answers true; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await check().catch((err: unknown) => {
      if (err instanceof GiveUp) throw err;
      return false;
    });
    if (done) return;
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
