import { promises as fs } from 'fs';
import { join } from 'path';
import { assertSafeFileName, isTemporaryName, sha256Hex } from '../port';
import { simulatePayer, type SimulatorOptions } from './responses';
import type { ScenarioTable } from './scenarios';
import { SimulatorInputError } from './x12-reader';

/**
 * The SIMULATOR's driver for the local directory clearinghouse (see ../local-directory.ts):
 * each run takes the new files out of `<dataDir>/inbound/` (as Office Ally does), and once each
 * response is due writes it into `<dataDir>/outbound/` exactly once:
 * `SIMULATOR_<file>_999.txt`, `SIMULATOR_<file>_277CA.txt` (none when the 999 rejected it all),
 * `SIMULATOR_<file>_835.txt` (none when no claim is answered on time), the later 835s of the
 * payer scenarios (`_835_LATE<days>.txt`, `_835_REVERSAL<days>.txt`, due `days` x `dayMs`
 * after the on-time one), or `SIMULATOR_<file>_FAILED.txt` (plain text) for a file it cannot
 * read. `scenarios` (payer id -> scenario) is kept with each file as it comes in.
 *
 * Its own bookkeeping lives in `<dataDir>/.simulator/` (state.json, the received copies, the
 * responses being published). Exactly once: a response is first written to `pending/`, then
 * marked pending in the state, then renamed into `outbound/` (atomic), then marked done; a run
 * that finds a pending mark finishes the rename if the pending file is still there and
 * otherwise knows it was published. A lock directory keeps two runs apart.
 */
export interface SimulatorDelays {
  ack999Ms: number;
  claimAck277Ms: number;
  era835Ms: number;
}

export interface SimulatorDriverOptions extends Omit<SimulatorOptions, 'eraDelayMs'> {
  /** Counted from the inbound file's modification time; default 0 each. */
  delays?: Partial<SimulatorDelays>;
  /** A lock older than this is taken as left by a crashed run; default 10 minutes. */
  staleLockMs?: number;
}

export interface SimulatorRunReport {
  /** Inbound files taken this run. */
  received: string[];
  /** Response files written into outbound this run. */
  published: string[];
  /** Inbound files that were not 837Ps the simulator can read (a FAILED report is written). */
  failed: Array<{ name: string; error: string }>;
  /** Inbound files skipped because of their names. */
  skipped: string[];
  /** Files taken again after an earlier copy with the same name and content was consumed. */
  resubmitted: string[];
}

type OutputState = 'pending' | 'done';

interface Entry {
  name: string;
  /** Output names start SIMULATOR_<outputBase>_; a resubmission gets "_R<n>" added. */
  outputBase: string;
  sha256: string;
  receivedAtMs: number;
  copy: string;
  consumed: boolean;
  outputs: Record<string, OutputState>;
  complete: boolean;
  /** The payer scenarios as they were when the file came in: its answers replay the same. */
  scenarios?: ScenarioTable;
}

interface State {
  version: 1;
  entries: Record<string, Entry>;
}

type ResponseKind = '999' | '277CA' | '835' | 'FAILED' | `835_${string}`;

async function writeAtomic(path: string, content: string | Buffer): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, path);
}

async function exists(path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}

function baseName(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

/** The name of a response to an inbound file (`resubmission` counts from 2). */
export function simulatorOutputName(inboundName: string, kind: ResponseKind, resubmission = 1): string {
  return `SIMULATOR_${baseName(inboundName)}${resubmission > 1 ? `_R${resubmission}` : ''}_${kind}.txt`;
}

async function lock(dir: string, staleMs: number, now: Date): Promise<() => Promise<void>> {
  const path = join(dir, 'lock');
  try {
    await fs.mkdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = now.getTime() - (await fs.stat(path)).mtimeMs;
    if (age < staleMs && age > -staleMs) throw new Error('SIMULATOR: another run holds the lock', { cause: error });
    await fs.rm(path, { recursive: true, force: true });
    await fs.mkdir(path);
  }
  return () => fs.rm(path, { recursive: true, force: true });
}

/**
 * One pass of the SIMULATOR over a local directory clearinghouse's folders. `now` is the clock
 * the delays are measured against (pass the real time, or a test's).
 */
export async function runSimulatorOnce(dataDir: string, now: Date, options: SimulatorDriverOptions = {}): Promise<SimulatorRunReport> {
  const inbound = join(dataDir, 'inbound');
  const outbound = join(dataDir, 'outbound');
  const home = join(dataDir, '.simulator');
  const received = join(home, 'received');
  const pending = join(home, 'pending');
  for (const dir of [inbound, outbound, home, received, pending]) await fs.mkdir(dir, { recursive: true });
  const delays: SimulatorDelays = { ack999Ms: 0, claimAck277Ms: 0, era835Ms: 0, ...options.delays };
  const report: SimulatorRunReport = { received: [], published: [], failed: [], skipped: [], resubmitted: [] };
  const unlock = await lock(home, options.staleLockMs ?? 10 * 60_000, now);
  try {
    const statePath = join(home, 'state.json');
    const state: State = (await exists(statePath))
      ? (JSON.parse(await fs.readFile(statePath, 'utf8')) as State)
      : { version: 1, entries: {} };
    const save = () => writeAtomic(statePath, JSON.stringify(state, null, 1));

    // 1. Take new inbound files.
    for (const dirent of (await fs.readdir(inbound, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!dirent.isFile() || isTemporaryName(dirent.name)) continue;
      try {
        assertSafeFileName(dirent.name);
      } catch {
        report.skipped.push(dirent.name);
        continue;
      }
      const path = join(inbound, dirent.name);
      const [content, stat] = await Promise.all([fs.readFile(path), fs.stat(path)]);
      const sha256 = sha256Hex(content);
      let key = `${dirent.name}#${sha256.slice(0, 16)}`;
      const earlier = state.entries[key];
      if (earlier && !earlier.consumed) {
        // A run stopped between keeping the file and taking it out of inbound.
        await fs.rm(path, { force: true });
        earlier.consumed = true;
        await save();
        continue;
      }
      let submission = 1;
      if (earlier) {
        // The same file again after it was taken: a resubmission (Office Ally would take it too).
        submission = 2;
        while (state.entries[`${key}#${submission}`]) submission += 1;
        key = `${key}#${submission}`;
        report.resubmitted.push(dirent.name);
      }
      const copy = `${sha256}.837`;
      await writeAtomic(join(received, copy), content);
      const outputBase = `${baseName(dirent.name)}${submission > 1 ? `_R${submission}` : ''}`;
      state.entries[key] = {
        name: dirent.name,
        outputBase,
        sha256,
        receivedAtMs: stat.mtimeMs,
        copy,
        consumed: false,
        outputs: {},
        complete: false,
        ...(options.scenarios ? { scenarios: options.scenarios } : {}),
      };
      await save();
      await fs.rm(path, { force: true });
      const entry = state.entries[key] as Entry;
      entry.consumed = true;
      await save();
      report.received.push(dirent.name);
    }

    // 2. Publish what is due.
    for (const entry of Object.values(state.entries)) {
      if (entry.complete) continue;
      const text = (await fs.readFile(join(received, entry.copy))).toString('latin1');
      const receivedAt = new Date(entry.receivedAtMs);
      const due: Array<{ name: string; content: string; atMs: number }> = [];
      const out = (kind: ResponseKind) => `SIMULATOR_${entry.outputBase}_${kind}.txt`;
      try {
        const result = simulatePayer(text, receivedAt, { ...options, scenarios: entry.scenarios, eraDelayMs: delays.era835Ms });
        due.push({ name: out('999'), content: result.ack999, atMs: delays.ack999Ms });
        if (result.claimAck277 !== null) due.push({ name: out('277CA'), content: result.claimAck277, atMs: delays.claimAck277Ms });
        if (result.era835 !== null) due.push({ name: out('835'), content: result.era835, atMs: delays.era835Ms });
        const dayMs = options.dayMs ?? 86_400_000;
        for (const era of result.laterEras)
          due.push({ name: out(`835_${era.label}`), content: era.content, atMs: delays.era835Ms + era.afterDays * dayMs });
      } catch (error) {
        if (!(error instanceof SimulatorInputError)) throw error;
        if (!entry.outputs[out('FAILED')]) report.failed.push({ name: entry.name, error: error.message });
        due.push({
          name: out('FAILED'),
          content: `SIMULATOR (not Office Ally): could not read ${entry.name} as an 837P: ${error.message}\n`,
          atMs: 0,
        });
      }
      for (const response of due) {
        if (entry.outputs[response.name] === 'done') continue;
        if (entry.receivedAtMs + response.atMs > now.getTime()) continue;
        const staged = join(pending, response.name);
        if (entry.outputs[response.name] !== 'pending') {
          await writeAtomic(staged, response.content);
          entry.outputs[response.name] = 'pending';
          await save();
        }
        if (await exists(staged)) {
          await fs.rename(staged, join(outbound, response.name));
          report.published.push(response.name);
        }
        entry.outputs[response.name] = 'done';
        await save();
      }
      if (due.every((response) => entry.outputs[response.name] === 'done')) {
        entry.complete = true;
        await save();
      }
    }
    return report;
  } finally {
    await unlock();
  }
}
