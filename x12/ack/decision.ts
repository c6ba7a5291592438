import type { AckDecision, Coded } from './types';

export function coded(table: Readonly<Record<string, string>>, code: string): Coded {
  const meaning = table[code];
  return meaning === undefined ? { code } : { code, meaning };
}

/** IK501 / AK901: A accepted, E accepted with errors, anything else rejected (P is group-level only). */
export function decisionOf(ackCode: string): AckDecision {
  if (ackCode === 'A') return 'accepted';
  if (ackCode === 'E') return 'accepted-with-errors';
  return 'rejected';
}
