/** A calendar date with no time and no zone, as "YYYY-MM-DD" (dates of service, birth dates). */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const X12 = /^(\d{4})(\d{2})(\d{2})$/;

function checkDate(y: number, m: number, d: number, text: string): void {
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: "${text}"`);
  }
}

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  try {
    checkDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
    return true;
  } catch {
    return false;
  }
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
