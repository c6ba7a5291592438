/** Money is integer cents everywhere in this project; X12 carries decimal dollars. */
export type Cents = number;

const DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

/**
 * Parses an X12 monetary amount ("123.4", "-5", ".50") to integer cents, exactly,
 * without floating-point arithmetic. Throws on anything that is not a plain decimal
 * or carries more than two fractional digits that are not zero.
 */
export function parseCents(text: string): Cents {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
    throw new RangeError(`not a monetary amount: "${text}"`);
  }
  const sign = m[1] ? -1 : 1;
  const whole = m[2] === '' ? 0 : Number(m[2]);
  const frac = (m[3] ?? '').padEnd(2, '0');
  if (/[1-9]/.test(frac.slice(2))) throw new RangeError(`amount has fractions of a cent: "${text}"`);
  const cents = whole * 100 + Number(frac.slice(0, 2));
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount out of range: "${text}"`);
  return sign * cents === 0 ? 0 : sign * cents;
}

/** Formats cents as an X12 decimal amount: no trailing zeros, no leading "+" (X12 R type). */
export function formatAmount(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  const fracText = frac % 10 === 0 ? String(frac / 10) : String(frac).padStart(2, '0');
  return `${sign}${whole}.${fracText}`;
}
