/** Money on the page: integer cents in, dollars shown; typed dollars parsed to cents without floating point. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** "120", "120.5", "$1,200.50" -> cents; undefined when it is not an amount. Negative amounts only where allowed. */
export function parseDollars(text: string, allowNegative = false): number | undefined {
  const m = /^\s*(-)?\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!m) return undefined;
  if (m[1] && !allowNegative) return undefined;
  const whole = Number((m[2] ?? '0').replace(/,/g, ''));
  const fraction = Number((m[3] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  return m[1] ? -cents : cents;
}
