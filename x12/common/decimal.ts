/**
 * X12 decimal numbers (the R type: "123", "-5.5", ".25"), read in one pass over the
 * characters, without a regular expression: the time is linear in the length of the text
 * whatever it holds (a backtracking pattern took seconds on a 100,000-digit element).
 */

/** A decimal as written: its sign, its whole digits and its fraction digits (either may be empty, not both). */
export interface DecimalText {
  negative: boolean;
  whole: string;
  fraction: string;
}

export interface DecimalScan {
  decimal: DecimalText | undefined;
  /** How many characters were looked at: the scan stops at the first one that cannot belong. */
  scanned: number;
}

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const DOT = 46;

/** Scans a plain decimal: optional "-", digits, at most one ".", at least one digit in all. */
export function scanDecimal(text: string): DecimalScan {
  const length = text.length;
  let i = 0;
  const negative = length > 0 && text.charCodeAt(0) === MINUS;
  if (negative) i = 1;
  const wholeStart = i;
  let dot = -1;
  for (; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) continue;
    if (c === DOT && dot < 0) {
      dot = i;
      continue;
    }
    return { decimal: undefined, scanned: i + 1 };
  }
  const whole = text.slice(wholeStart, dot < 0 ? length : dot);
  const fraction = dot < 0 ? '' : text.slice(dot + 1);
  if (whole === '' && fraction === '') return { decimal: undefined, scanned: length };
  return { decimal: { negative, whole, fraction }, scanned: length };
}

/** True when the text is a plain decimal (see scanDecimal). */
export function isDecimal(text: string): boolean {
  return scanDecimal(text).decimal !== undefined;
}
