import { formatAmount, parseCents } from '../../../x12/common/money';
import { fromX12Date, isIsoDate, toX12Date } from '../../../x12/common/dates';

describe('money in cents', () => {
  it.each([
    ['123.45', 12345],
    ['123.4', 12340],
    ['0', 0],
    ['.5', 50],
    ['-25.01', -2501],
    ['100.00', 10000],
    ['0.10', 10],
  ])('parses %s as %d cents', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '1.2.3', '1.005', '$5', '-'])('refuses %p', (text) => {
    expect(() => parseCents(text)).toThrow(RangeError);
  });

  it.each([
    [12345, '123.45'],
    [12340, '123.4'],
    [10000, '100'],
    [5, '0.05'],
    [-2501, '-25.01'],
    [0, '0'],
  ])('formats %d cents as %s', (cents, text) => {
    expect(formatAmount(cents)).toBe(text);
    expect(parseCents(text)).toBe(cents);
  });

  it('refuses fractional cents when formatting', () => {
    expect(() => formatAmount(1.5)).toThrow(RangeError);
  });
});

describe('dates of service', () => {
  it('converts between ISO and X12 D8', () => {
    expect(toX12Date('2026-02-28')).toBe('20260228');
    expect(fromX12Date('20240229')).toBe('2024-02-29');
  });
  it('refuses impossible dates', () => {
    expect(() => toX12Date('2026-02-30')).toThrow(RangeError);
    expect(() => fromX12Date('20250229')).toThrow(RangeError);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-12-01')).toBe(true);
  });
});

describe('isIsoDate by arithmetic', () => {
  /** The rule as it was: what Date.UTC gives back unchanged (years 0-99 never do). */
  function byDateObject(text: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
  }

  it('agrees with the Date object on every day of years 0-120, 1896-1904, 1999-2101 and some far ones', () => {
    const years = [...range(0, 120), ...range(1896, 1904), ...range(1999, 2101), 2400, 2500, 9999];
    let checked = 0;
    const differ: string[] = [];
    for (const y of years)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (isIsoDate(text) !== byDateObject(text)) differ.push(text);
          checked++;
        }
    expect(differ).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it.each(['2026-1-05', '2026-01-5 ', ' 2026-01-05', '2026/01/05', '2026-0a-05', '２０２６-01-05', ''])('refuses %j', (text) => {
    expect(isIsoDate(text)).toBe(false);
  });

  function range(from: number, to: number): number[] {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
});
