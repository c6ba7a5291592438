/** Money is integer cents everywhere in this project; X12 carries decimal dollars. */
import { scanDecimal } from './decimal';

export type Cents = number;

/**
 * Parses an X12 monetary amount ("123.4", "-5", ".50") to integer cents, exactly,
 * without floating-point arithmetic. Throws on anything that is not a plain decimal
 * or carries more than two fractional digits that are not zero.
 */
export function parseCents(text: string): Cents {
  const decimal = scanDecimal(text.trim()).decimal;
  if (!decimal) throw new RangeError('not a monetary amount');
  const sign = decimal.negative ? -1 : 1;
  const whole = decimal.whole === '' ? 0 : Number(decimal.whole);
  const frac = decimal.fraction.padEnd(2, '0');
  for (let i = 2; i < frac.length; i += 1) if (frac[i] !== '0') throw new RangeError('amount has fractions of a cent');
  const cents = whole * 100 + Number(frac.slice(0, 2));
  if (!Number.isSafeInteger(cents)) throw new RangeError('amount out of range');
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
