/**
 * A TCP proxy for fault tests, between a client and a real server (PostgreSQL, sshd, Temporal):
 * `pass` forwards both ways; `drop` closes every connection (and each new one at once);
 * `blackhole` keeps every connection open but forwards nothing more either way, and accepts new
 * ones that never reach the server, as a dead network path would. Modes apply to the
 * connections already open and to those that come after.
 *
 *   const proxy = await startTcpFaultProxy({ host: '127.0.0.1', port: 5432 });
 *   proxy.url('postgresql://postgres@127.0.0.1:5432/db') // the same URL through the proxy
 *   proxy.setMode('blackhole'); ... proxy.setMode('pass');
 *   proxy.stats() // { accepted, open }
 *   await proxy.close();
 */
import net from 'node:net';

export type FaultMode = 'pass' | 'drop' | 'blackhole';

export interface TcpFaultProxy {
  host: string;
  port: number;
  mode(): FaultMode;
  setMode(mode: FaultMode): void;
  /** A URL with its host and port replaced by the proxy's. */
  url(target: string): string;
  stats(): { accepted: number; open: number };
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  server: net.Socket | undefined;
}

export async function startTcpFaultProxy(target: { host: string; port: number }, initial: FaultMode = 'pass'): Promise<TcpFaultProxy> {
  let mode = initial;
  let accepted = 0;
  const pairs = new Set<Pair>();

  const end = (pair: Pair) => {
    pair.client.destroy();
    pair.server?.destroy();
    pairs.delete(pair);
  };

  const listener = net.createServer((client) => {
    accepted += 1;
    const pair: Pair = { client, server: undefined };
    pairs.add(pair);
    client.on('error', () => end(pair));
    client.on('close', () => end(pair));
    if (mode === 'drop') return end(pair);
    if (mode === 'blackhole') return; // accepted, never connected onward: bytes go nowhere
    const server = net.connect(target.port, target.host);
    pair.server = server;
    server.on('error', () => end(pair));
    server.on('close', () => end(pair));
    // Forward by hand (not pipe) so that blackholing can stop the flow at once, both ways.
    client.on('data', (chunk) => {
      if (mode === 'pass') server.write(chunk);
    });
    server.on('data', (chunk) => {
      if (mode === 'pass') client.write(chunk);
    });
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', resolve);
  });
  const port = (listener.address() as net.AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    mode: () => mode,
    setMode(next) {
      mode = next;
      if (next === 'drop') for (const pair of [...pairs]) end(pair);
      // A connection blackholed stays broken: what it lost cannot be replayed, so it is not
      // forwarded again after `pass`: the client must notice and open a new one.
      if (next === 'blackhole') for (const pair of pairs) pair.server?.removeAllListeners('data').on('data', () => undefined);
      if (next === 'blackhole') for (const pair of pairs) pair.client.removeAllListeners('data').on('data', () => undefined);
    },
    url(targetUrl) {
      const u = new URL(targetUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    stats: () => ({ accepted, open: pairs.size }),
    async close() {
      for (const pair of [...pairs]) end(pair);
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
