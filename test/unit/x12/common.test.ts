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
