import { isDecimal } from '../common/decimal';
import { parseCents, type Cents } from '../common/money';
import { fromX12Date, type IsoDate } from '../common/dates';
import { MalformedX12Error, shown } from './errors';
import * as segment from './segment';
import type { Segment } from './segment';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { el, ref } = segment;

function name(seg: Segment, n: number): string {
  return `${seg.id}${String(n).padStart(2, '0')}`;
}

/** A required element: throws BAD_VALUE when empty. */
export function required(seg: Segment, n: number, what: string): string {
  const v = el(seg, n);
  if (v === '') throw new MalformedX12Error('BAD_VALUE', `${name(seg, n)} (${what}) is required and empty`, ref(seg));
  return v;
}

/** An element that is absent or empty reads as undefined. */
export function optional(seg: Segment, n: number): string | undefined {
  const v = el(seg, n);
  return v === '' ? undefined : v;
}

/** A required monetary amount in cents: throws BAD_VALUE when empty or not a decimal. */
export function amount(seg: Segment, n: number, what: string): Cents {
  return toCents(seg, n, required(seg, n, what), what);
}

/** An optional monetary amount in cents. */
export function optionalAmount(seg: Segment, n: number, what: string): Cents | undefined {
  const v = el(seg, n);
  return v === '' ? undefined : toCents(seg, n, v, what);
}

/**
 * Cents of a plain decimal: an optional "-", 1 to 13 digits, optionally "." and 1 or 2 digits
 * ("123", "-5.5", "0.25"), read digit by digit; undefined for anything else.
 */
function plainCents(text: string): Cents | undefined {
  const len = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  const wholeStart = i;
  for (; i < len; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits < 1 || wholeDigits > 13) return undefined;
  let frac = 0;
  if (i < len) {
    if (text.charCodeAt(i) !== 46 /* . */) return undefined;
    const fracDigits = len - i - 1;
    if (fracDigits < 1 || fracDigits > 2) return undefined;
    for (let k = i + 1; k < len; k += 1) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return undefined;
      frac = frac * 10 + d;
    }
    if (fracDigits === 1) frac *= 10;
  }
  const cents = whole * 100 + frac;
  return negative && cents !== 0 ? -cents : cents;
}

/** Cents of a plain decimal (see plainCents); anything else goes through parseCents. */
function toCents(seg: Segment, n: number, text: string, what: string): Cents {
  const plain = plainCents(text);
  if (plain !== undefined) return plain;
  try {
    return parseCents(text);
  } catch {
    throw new MalformedX12Error('BAD_VALUE', `${name(seg, n)} (${what}) ${shown(text)} is not an amount`, ref(seg));
  }
}

/**
 * Codes, qualifiers and provider names repeat claim after claim, and every claim read is kept
 * until the whole file is read: one shared copy of a repeated value keeps far fewer strings
 * alive for the garbage collector to move (a string is a value, sharing it changes nothing).
 * Values of 13 characters or more are left alone: they are slices of x12-parser's chunk and
 * would keep the chunk alive. Bounded like DATES.
 */
const SHARED = new Map<string, string>();

export function shared(v: string): string {
  if (v.length > 12) return v;
  const known = SHARED.get(v);
  if (known !== undefined) return known;
  if (SHARED.size > 10000) SHARED.clear();
  SHARED.set(v, v);
  return v;
}

/** Element n as a shared string (see shared): for codes, qualifiers and the like. */
export function code(seg: Segment, n: number): string {
  return shared(el(seg, n));
}

/** An optional decimal quantity (units, counts). */
export function optionalNumber(seg: Segment, n: number, what: string): number | undefined {
  const v = el(seg, n);
  if (v === '') return undefined;
  if (!isDecimal(v)) throw new MalformedX12Error('BAD_VALUE', `${name(seg, n)} (${what}) ${shown(v)} is not a number`, ref(seg));
  return Number(v);
}

/** A CCYYMMDD date element as YYYY-MM-DD; undefined when empty. */
// Remittances repeat a handful of dates thousands of times: remember the ones already checked.
const DATES = new Map<string, IsoDate>();

export function optionalDate(seg: Segment, n: number, what: string): IsoDate | undefined {
  const v = el(seg, n);
  if (v === '') return undefined;
  const known = DATES.get(v);
  if (known !== undefined) return known;
  try {
    const d = fromX12Date(v);
    if (DATES.size > 10000) DATES.clear();
    DATES.set(v, d);
    return d;
  } catch {
    throw new MalformedX12Error('BAD_VALUE', `${name(seg, n)} (${what}) ${shown(v)} is not a CCYYMMDD date`, ref(seg));
  }
}

export function date(seg: Segment, n: number, what: string): IsoDate {
  const d = optionalDate(seg, n, what);
  if (d === undefined) throw new MalformedX12Error('BAD_VALUE', `${name(seg, n)} (${what}) is required and empty`, ref(seg));
  return d;
}
