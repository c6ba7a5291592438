import { spawn, execFileSync, type ChildProcess } from 'child_process';
import { createServer, connect } from 'net';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync, openSync, closeSync, existsSync } from 'fs';
import { tmpdir, userInfo } from 'os';
import { join } from 'path';

/**
 * A real OpenSSH sshd (Debian package `openssh-server`) on a free loopback port, with its own
 * config, host key and authorized user key in a temporary directory: an SFTP server for tests.
 * It logs in the current user with a generated key; the SFTP session starts in `rootDir`, which
 * holds `inbound/` and `outbound/` (relative paths, as at Office Ally). `stop()` kills the daemon and every session it forked (a client
 * sees the connection drop); `start()` brings it back on the same port with the same keys.
 */
export interface SshdServer {
  host: string;
  port: number;
  username: string;
  privateKeyPath: string;
  /** A second user key that is NOT authorized. */
  unauthorizedKeyPath: string;
  /** The host key fingerprint as OpenSSH prints it: "SHA256:…". */
  hostKeySha256: string;
  /** Where the SFTP user's files live on this machine. */
  rootDir: string;
  /** The folders as the SFTP client must name them. */
  inboundDir: string;
  outboundDir: string;
  /** Local paths of those folders. */
  localInbound: string;
  localOutbound: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Freezes the daemon and its sessions (SIGSTOP): the network stays up, nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Stops the server and removes its temporary directory. */
  dispose(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something on the port answers with an SSH banner. */
async function waitForBanner(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const done = (value: boolean) => {
        socket.destroy();
        resolve(value);
      };
      socket.setTimeout(1000, () => done(false));
      socket.once('data', (data) => done(data.toString('latin1').startsWith('SSH-')));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForPortFree(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return;
    if (Date.now() > deadline) throw new Error(`port ${port} still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every process descended from `pid` (read from /proc), deepest last. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

function keygen(path: string, comment: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], { stdio: 'ignore' });
}

export async function startSshd(): Promise<SshdServer> {
  if (!existsSync(SSHD)) {
    throw new Error(`${SSHD} is missing: install the Debian package openssh-server (apt-get install -y openssh-server)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'sshd-test-'));
  const isRoot = process.getuid?.() === 0;
  const username = userInfo().username;
  const rootDir = join(dir, 'root');
  mkdirSync(join(rootDir, 'inbound'), { recursive: true });
  mkdirSync(join(rootDir, 'outbound'), { recursive: true });
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const userKey = join(dir, 'user_key');
  const otherKey = join(dir, 'other_user_key');
  keygen(hostKey, 'test-sshd-host');
  keygen(userKey, 'test-sshd-user');
  keygen(otherKey, 'test-sshd-other');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${userKey}.pub`), { mode: 0o600 });
  const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { encoding: 'utf8' });
  const hostKeySha256 = /SHA256:[A-Za-z0-9+/]+/.exec(printed)?.[0];
  if (!hostKeySha256) throw new Error('could not read the host key fingerprint');
  const port = await freePort();

  if (isRoot) mkdirSync('/run/sshd', { recursive: true });
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${username}`,
    'LoginGraceTime 20',
    'MaxStartups 50',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    'Subsystem sftp internal-sftp',
    // The SFTP session starts in rootDir, so relative paths ("inbound") work as at Office Ally.
    // (ChrootDirectory would need every path component root-owned and not group/world
    // writable, which a directory under /tmp is not.)
    `ForceCommand internal-sftp -d ${rootDir}`,
    'LogLevel VERBOSE',
  ]
    .filter((line) => line !== '')
    .join('\n');
  const configPath = join(dir, 'sshd_config');
  writeFileSync(configPath, `${config}\n`);
  execFileSync(SSHD, ['-t', '-f', configPath]);

  let child: ChildProcess | null = null;
  const logPath = join(dir, 'sshd.log');

  const server: SshdServer = {
    host: '127.0.0.1',
    port,
    username,
    privateKeyPath: userKey,
    unauthorizedKeyPath: otherKey,
    hostKeySha256,
    rootDir,
    inboundDir: 'inbound',
    outboundDir: 'outbound',
    localInbound: join(rootDir, 'inbound'),
    localOutbound: join(rootDir, 'outbound'),
    async start() {
      if (child) return;
      const log = openSync(logPath, 'a');
      child = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', log, log] });
      closeSync(log);
      const started = child;
      started.once('exit', () => {
        if (child === started) child = null;
      });
      try {
        await waitForBanner(port, 10_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}; sshd log:\n${readFileSync(logPath, 'utf8').slice(-2000)}`, { cause: error });
      }
    },
    async stop() {
      const running = child;
      if (!running?.pid) return;
      const pids = [running.pid, ...descendants(running.pid)];
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      signal(pids, 'SIGKILL');
      await exited;
      child = null;
      await waitForPortFree(port, 10_000);
    },
    freeze() {
      if (child?.pid) signal([child.pid, ...descendants(child.pid)], 'SIGSTOP');
    },
    thaw() {
      if (child?.pid) signal([child.pid, ...descendants(child.pid)], 'SIGCONT');
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
