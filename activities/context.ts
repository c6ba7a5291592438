/** What every activity needs from the outside world, handed in by the worker: one context for all. */
import type { Clearinghouse } from '../clearinghouse/port';
import type { Db } from '../db/prisma';
import type { X12Settings } from './claims/x12-settings';

/** The time activities stamp on what they write; injected, so tests can set it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface ActivityContext {
  db: Db;
  clearinghouse: Clearinghouse;
  x12: X12Settings;
  clock: Clock;
  /**
   * How much faster the bills' relative escalation timers run than real time
   * (ESCALATION_TIME_SCALE; 1 in production, larger on demo stacks only).
   */
  escalationTimeScale: number;
}
