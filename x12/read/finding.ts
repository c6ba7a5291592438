import type { SegmentRef } from './errors';

/**
 * A problem found in a file that was still read: reported, never thrown.
 * `error` means the data it points at must not be trusted as is (a person looks at it);
 * `warning` means the data was read but something is off.
 */
export interface Finding {
  /** Stable machine code, e.g. "CLAIM_UNBALANCED". */
  code: string;
  severity: 'error' | 'warning';
  /** What is wrong, in words, with the amounts or values involved. */
  message: string;
  /** The segment the finding points at. */
  segment: SegmentRef;
}
