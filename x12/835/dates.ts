import type { IsoDate } from '../common/dates';
import { MalformedX12Error } from '../read/errors';
import * as fields from '../read/fields';
import * as segment from '../read/segment';
import type { Segment } from '../read/segment';
import type { Finding835 } from './types';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { optionalDate } = fields;
const { ref } = segment;

/**
 * Dates do not move money: an unreadable date is a finding (severity error, the date left
 * undefined), not a reason to refuse the whole file.
 */
export function dateOrFinding(
  seg: Segment,
  n: number,
  what: string,
  sink: { findings: Finding835[]; stIndex: number; patientControlNumber?: string; serviceLine?: number },
): IsoDate | undefined {
  try {
    return optionalDate(seg, n, what);
  } catch (err) {
    if (!(err instanceof MalformedX12Error)) throw err;
    const finding: Finding835 = { code: 'BAD_DATE', severity: 'error', message: err.reason, segment: ref(seg, sink.stIndex) };
    if (sink.patientControlNumber !== undefined) finding.patientControlNumber = sink.patientControlNumber;
    if (sink.serviceLine !== undefined) finding.serviceLine = sink.serviceLine;
    sink.findings.push(finding);
    return undefined;
  }
}
