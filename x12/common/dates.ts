/** A calendar date with no time and no zone, as "YYYY-MM-DD" (dates of service, birth dates). */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const X12 = /^(\d{4})(\d{2})(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A day of the proleptic Gregorian calendar, by arithmetic (no Date object: this runs for every
 * date of every claim). Years 0 to 99 are refused, as they always were here (Date.UTC reads them
 * as 1900 to 1999, so they never came back as themselves).
 */
function isCalendarDay(y: number, m: number, d: number): boolean {
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (DAYS_IN_MONTH[m - 1] ?? 0) + (leap ? 1 : 0);
}

function checkDate(y: number, m: number, d: number, text: string): void {
  if (!isCalendarDay(y, m, d)) throw new RangeError(`not a calendar date: "${text}"`);
}

/** The value of `count` ASCII digits of `text` from `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function isIsoDate(text: string): boolean {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false;
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  return y >= 0 && m >= 0 && d >= 0 && isCalendarDay(y, m, d);
}

/** "2026-11-27" -> "20261127" (X12 D8). */
export function toX12Date(date: IsoDate): string {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  checkDate(Number(m[1]), Number(m[2]), Number(m[3]), date);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** "20261127" (X12 D8) -> "2026-11-27". */
export function fromX12Date(text: string): IsoDate {
  const m = X12.exec(text);
  if (!m) throw new RangeError(`not a CCYYMMDD date: "${text}"`);
  checkDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * The calendar date of an instant, on UTC: the one "today" the 837P writer and the API both
 * judge dates of service by (a date of service after it is in the future).
 */
export function calendarDateOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}
