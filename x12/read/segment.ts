import type { FormattedSegment } from 'x12-parser';
import type { SegmentRef } from './errors';

/** One segment as x12-parser produced it, with its ordinal in the file. */
export interface Segment {
  readonly id: string;
  /** 1-based ordinal in the file (ISA is 1). */
  readonly index: number;
  readonly data: FormattedSegment;
}

/** A loop as x12-parser's grouper produced it: its first segment and what follows, in file order. */
export interface Loop {
  readonly name: string;
  readonly start: Segment;
  readonly items: readonly (Segment | Loop)[];
  /** Number of segments in the loop, nested loops included. */
  readonly size: number;
}

export function isLoop(item: Segment | Loop): item is Loop {
  return (item as Loop).items !== undefined;
}

const KEYS: string[] = Array.from({ length: 40 }, (_, i) => String(i));
/** COMPONENT_KEYS[n][k]: x12-parser's key of component k (1-based) of element n, built once. */
const COMPONENT_KEYS: string[][] = KEYS.map((n) => Array.from({ length: 12 }, (_, k) => (k <= 1 ? n : `${n}-${k - 1}`)));

function componentKey(n: number, k: number): string {
  return COMPONENT_KEYS[n]?.[k] ?? (k === 1 ? String(n) : `${n}-${k - 1}`);
}

/** Element n (1-based) of a segment, '' when absent. For a composite, its first component. */
export function el(seg: Segment, n: number): string {
  return seg.data[KEYS[n] ?? String(n)] ?? '';
}

/**
 * Component k (1-based) of element n. x12-parser stores the first component under "n"
 * and the following ones under "n-1", "n-2", ... (one less than the component number).
 */
export function comp(seg: Segment, n: number, k: number): string {
  return seg.data[componentKey(n, k)] ?? '';
}

/** All components of element n, trailing empty ones dropped. */
export function components(seg: Segment, n: number): string[] {
  const out: string[] = [];
  let k = 1;
  for (;;) {
    const v = seg.data[componentKey(n, k)];
    if (v === undefined) break;
    out.push(v);
    k += 1;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Highest element number present on the segment. */
export function elementCount(seg: Segment): number {
  let n = 0;
  while (seg.data[KEYS[n + 1] ?? String(n + 1)] !== undefined) n += 1;
  return n;
}

export function ref(seg: Segment, stIndex?: number): SegmentRef {
  return stIndex === undefined
    ? { index: seg.index, id: seg.id }
    : { index: seg.index, id: seg.id, positionInTransaction: seg.index - stIndex + 1 };
}
