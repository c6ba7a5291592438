/** Collects the segments of one transaction set, refusing any element that holds a delimiter. */
import { DEFAULT_DELIMITERS, type Delimiters } from '../common/segments';

/** An element: plain text, a composite given as its components, or absent. */
export type Element = string | undefined | readonly (string | undefined)[];

/**
 * Segments are built straight into strings: trailing empty elements (and trailing empty
 * components of a composite) are dropped, empty ones in the middle kept as placeholders
 * (the rules of common/segments joinSegment and joinComposite). Every element is checked
 * for a delimiter or a line break by code unit, without a regular expression.
 */
export class SegmentList {
  /** Segments not yet folded into `chunks`. */
  private pending: string[] = [];
  /** Runs of FOLD segments, each joined (terminators included) into one flat string. */
  private readonly chunks: string[] = [];
  private count = 0;
  /** forbidden[c] is 1 for the code units of the delimiters and of line breaks. */
  private readonly forbidden: Uint8Array;
  private readonly element: string;
  private readonly component: string;

  /**
   * @param terminator what follows every segment in the text: the segment terminator and any
   *   line break (see `text`).
   */
  constructor(
    readonly delimiters: Delimiters = DEFAULT_DELIMITERS,
    private readonly terminator: string = delimiters.segment,
  ) {
    const chars = [delimiters.segment, delimiters.element, delimiters.component, delimiters.repetition, '\r', '\n'];
    const codes = chars.flatMap((s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)));
    this.forbidden = new Uint8Array(Math.max(...codes) + 1);
    for (const c of codes) this.forbidden[c] = 1;
    this.element = delimiters.element;
    this.component = delimiters.component;
  }

  /** Appends one segment. A delimiter in data is a bug upstream (validation and cleaning keep them out): it throws. */
  add(id: string, ...elements: Element[]): void {
    this.addAll(id, elements);
  }

  /** Appends one segment whose elements are given as an array (no copy of them is made). */
  addAll(id: string, elements: readonly Element[]): void {
    let last = elements.length - 1;
    while (last >= 0 && isEmpty(elements[last])) last--;
    let out = id;
    for (let i = 0; i <= last; i++) {
      const e = elements[i];
      out += this.element;
      if (e === undefined) continue;
      if (typeof e === 'string') {
        this.guard(id, e);
        out += e;
      } else {
        out += this.composite(id, e);
      }
    }
    this.pending.push(out);
    this.count++;
    // A few hundred short strings are folded into one flat string while they are young: a
    // batch of 10,000 claims would otherwise keep 300,000 strings alive to the end (slow to
    // collect), then copy them all once more.
    if (this.pending.length === FOLD) this.fold();
  }

  /** Segments added so far. */
  get length(): number {
    return this.count;
  }

  /** The segments, each followed by the terminator. */
  text(): string {
    this.fold();
    return this.chunks.join('');
  }

  private fold(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(this.pending.join(this.terminator) + this.terminator);
    this.pending = [];
  }

  private composite(id: string, components: readonly (string | undefined)[]): string {
    let last = components.length - 1;
    while (last >= 0 && !components[last]) last--;
    let out = '';
    for (let i = 0; i <= last; i++) {
      const c = components[i];
      if (i > 0) out += this.component;
      if (c !== undefined) {
        this.guard(id, c);
        out += c;
      }
    }
    return out;
  }

  private guard(id: string, value: string): void {
    const forbidden = this.forbidden;
    for (let i = 0; i < value.length; i++) {
      if (forbidden[value.charCodeAt(i)] === 1) throw new Error(`refusing to write ${id}: an element holds a delimiter`);
    }
  }
}

const FOLD = 256;

/** An element written as nothing: absent, "", or a composite whose components are all empty. */
function isEmpty(e: Element): boolean {
  if (e === undefined || e === '') return true;
  if (typeof e === 'string') return false;
  for (const c of e) if (c) return false;
  return true;
}
