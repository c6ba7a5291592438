/** Where a segment sits in a file: what the error and finding reports point at. */
export interface SegmentRef {
  /** 1-based ordinal of the segment in the file (ISA is 1). */
  index: number;
  /** Segment id, e.g. "CLP". */
  id: string;
  /** 1-based position inside its transaction set (ST is 1), as a 999 IK302 would count it. */
  positionInTransaction?: number;
}

/** What kind of problem made a file unreadable. */
export type MalformedX12Code =
  | 'NOT_X12' // does not start with a fixed-length ISA
  | 'BAD_ISA' // ISA present but its fixed layout or delimiters are wrong
  | 'ENVELOPE' // ISA/GS/ST/SE/GE/IEA nesting broken or missing (truncated file)
  | 'SEGMENT_COUNT' // SE01, GE01 or IEA01 does not match what the file holds
  | 'CONTROL_NUMBER' // trailer control number differs from its header
  | 'WRONG_TRANSACTION' // e.g. a 999 handed to the 835 reader
  | 'SEGMENT_ORDER' // segment where the transaction set does not allow it
  | 'MISSING_SEGMENT' // a required segment is absent
  | 'BAD_VALUE' // an element cannot be read as its type (amount, date, number) or is required and empty
  | 'TOO_LONG' // a segment or an element far longer than any X12 allows (not X12, or broken delimiters)
  | 'ENCODING' // bytes that are no text in one encoding (UTF-8 letters, then bytes that are not UTF-8)
  | 'PARSER'; // x12-parser itself failed

/** Longest part of an element value a message quotes; the rest is summed up by its length. */
const SHOWN_CHARACTERS = 24;

/**
 * An element value for a message, in quotes, cut short: a long value is never echoed whole
 * (it could be megabytes, and it could be patient data).
 */
export function shown(value: string): string {
  if (value.length <= SHOWN_CHARACTERS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, SHOWN_CHARACTERS))}… (${value.length} characters)`;
}

/**
 * A file that cannot be trusted as a whole. Thrown by the readers; carries what is wrong
 * and where (segment ordinal and id). Never carries element values that could be PHI
 * beyond the offending element itself.
 */
export class MalformedX12Error extends Error {
  override readonly name = 'MalformedX12Error';
  constructor(
    readonly code: MalformedX12Code,
    readonly reason: string,
    readonly segment?: SegmentRef,
  ) {
    super(segment ? `segment ${segment.index} (${segment.id}): ${reason}` : reason);
  }
}
