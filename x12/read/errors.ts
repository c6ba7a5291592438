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
  | 'PARSER'; // x12-parser itself failed

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
