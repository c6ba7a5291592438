/** Collects the segments of one transaction set, refusing any element that holds a delimiter. */
import { DEFAULT_DELIMITERS, joinComposite, joinSegment, type Delimiters } from '../common/segments';

/** An element: plain text, a composite given as its components, or absent. */
export type Element = string | undefined | readonly (string | undefined)[];

function escapeForClass(ch: string): string {
  return ch.replace(/[\\\]^-]/g, '\\$&');
}

export class SegmentList {
  readonly segments: string[] = [];
  private readonly forbidden: RegExp;

  constructor(readonly delimiters: Delimiters = DEFAULT_DELIMITERS) {
    const chars = [delimiters.segment, delimiters.element, delimiters.component, delimiters.repetition];
    this.forbidden = new RegExp(`[${chars.map(escapeForClass).join('')}\\r\\n]`);
  }

  /** Appends one segment. A delimiter in data is a bug upstream (validation and cleaning keep them out): it throws. */
  add(id: string, ...elements: Element[]): void {
    const parts = elements.map((e) => {
      if (e === undefined || typeof e === 'string') return this.guard(id, e);
      return joinComposite(
        e.map((c) => this.guard(id, c)),
        this.delimiters.component,
      );
    });
    this.segments.push(joinSegment(id, parts, this.delimiters.element));
  }

  get length(): number {
    return this.segments.length;
  }

  private guard(id: string, value: string | undefined): string | undefined {
    if (value !== undefined && this.forbidden.test(value)) {
      throw new Error(`refusing to write ${id}: an element holds a delimiter`);
    }
    return value;
  }
}
