import { shown } from '../read/errors';
import type { Finding } from '../read/finding';
import type { SegmentRef } from '../read/errors';
import type { AckDecision, Coded } from './types';

export function coded(table: Readonly<Record<string, string>>, code: string): Coded {
  const meaning = table[code];
  return meaning === undefined ? { code } : { code, meaning };
}

/** Where a reader puts what it found, and the segment it reads. */
export interface CodeSink {
  findings: Finding[];
  segment: SegmentRef;
}

/**
 * A code with its meaning; a code outside its list is kept as sent and reported as a finding
 * (never silently accepted): `error` when the code decides the verdict, else `warning`.
 */
export function codedOrFinding(
  table: Readonly<Record<string, string>>,
  code: string,
  element: string,
  what: string,
  sink: CodeSink,
  severity: Finding['severity'] = 'warning',
): Coded {
  const c = coded(table, code);
  if (c.meaning === undefined) {
    sink.findings.push({ code: 'UNKNOWN_CODE', severity, message: `${element} ${shown(code)} is not ${what}`, segment: sink.segment });
  }
  return c;
}

/** IK501 / AK901: A accepted, E accepted with errors, anything else rejected (P is group-level only). */
export function decisionOf(ackCode: string): AckDecision {
  if (ackCode === 'A') return 'accepted';
  if (ackCode === 'E') return 'accepted-with-errors';
  return 'rejected';
}
