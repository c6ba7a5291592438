/**
 * A seeded plan of faults (which process, when) and its run against a FaultStack: each fault is
 * a kill -9 followed at once by a restart, as a supervisor (systemd, Kubernetes) would do. The
 * plan is printed with its seed, so a failing run can be run again as it was.
 */
import type { FaultStack } from './fault-stack';
import { measureResumption, type Resumption } from './fault-watch';

export type FaultKind = 'worker' | 'api' | 'temporal';

export interface PlannedFault {
  /** Milliseconds after the plan starts. */
  atMs: number;
  kind: FaultKind;
  /** Which worker or API (0 for Temporal). */
  index: number;
}

export interface DoneFault extends PlannedFault {
  killedAt: number;
  /** When the process answered again. */
  backAt: number;
}

/** `perKind` faults of each kind at random moments in [minMs, windowMs], sorted by time. */
export function planFaults(
  random: () => number,
  options: { perKind: number; windowMs: number; minMs?: number; workers: number; apis: number },
): PlannedFault[] {
  const minMs = options.minMs ?? 2_000;
  const plan: PlannedFault[] = [];
  for (const kind of ['worker', 'api', 'temporal'] as const) {
    for (let k = 0; k < options.perKind; k++) {
      const count = kind === 'worker' ? options.workers : kind === 'api' ? options.apis : 1;
      plan.push({ atMs: Math.round(minMs + random() * (options.windowMs - minMs)), kind, index: Math.floor(random() * count) });
    }
  }
  return plan.sort((a, b) => a.atMs - b.atMs);
}

export function describePlan(plan: PlannedFault[]): string {
  return plan.map((f) => `${(f.atMs / 1000).toFixed(1)}s ${f.kind}${f.kind === 'temporal' ? '' : `-${f.index}`}`).join(', ');
}

/**
 * Runs the plan: waits for each fault's moment (a fault later than planned when the one before
 * took long to come back), kills, restarts, and measures each restarted worker's return to work
 * in the background. Returns what was done and the resumption measurements.
 */
export async function runFaults(
  stack: FaultStack,
  plan: PlannedFault[],
  onFault: (fault: DoneFault) => void = () => undefined,
): Promise<{ done: DoneFault[]; resumptions: Promise<Resumption[]> }> {
  const start = Date.now();
  const done: DoneFault[] = [];
  const resumptions: Promise<Resumption>[] = [];
  for (const fault of plan) {
    const wait = start + fault.atMs - Date.now();
    // Scheduling the fault's moment, not waiting for an outcome.
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    let killedAt: number;
    let backAt: number;
    if (fault.kind === 'worker') {
      await stack.killWorker(fault.index);
      killedAt = Date.now();
      const restart = await stack.restartWorker(fault.index);
      backAt = restart.readyAt;
      resumptions.push(measureResumption(stack, fault.index, restart));
    } else if (fault.kind === 'api') {
      await stack.killApi(fault.index);
      killedAt = Date.now();
      backAt = (await stack.restartApi(fault.index)).readyAt;
    } else {
      await stack.killTemporal();
      killedAt = Date.now();
      backAt = (await stack.restartTemporal()).readyAt;
    }
    const record = { ...fault, killedAt, backAt };
    done.push(record);
    onFault(record);
  }
  return { done, resumptions: Promise.all(resumptions) };
}
