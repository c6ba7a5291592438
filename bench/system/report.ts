/** Medians, ranges and percentiles, and the table the system bench prints. */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** Nearest-rank percentile (p in 0-100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface Row {
  figure: string;
  size: string;
  /** One value per run (seconds, ms, MB, ... as `unit` says). */
  values: number[];
  unit: string;
  note?: string;
  /** Why the figure has no value. */
  failed?: string;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** The figure's median and range as the table shows them. */
export function cell(row: Row): { median: string; range: string } {
  if (row.failed || row.values.length === 0) return { median: 'not measured', range: '' };
  const m = `${fmt(median(row.values))} ${row.unit}`;
  const range = row.values.length > 1 ? `${fmt(Math.min(...row.values))}-${fmt(Math.max(...row.values))}` : '';
  return { median: m, range };
}

/** A Markdown table: figure, size, median, range (runs), note. */
export function renderTable(rows: readonly Row[]): string {
  const lines = ['| figure | size | median | range (runs) | note |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const c = cell(row);
    const runs = row.values.length > 1 ? `${c.range} (${row.values.length})` : row.values.length === 1 ? '(1)' : '';
    const note = row.failed ? `FAILED: ${row.failed}` : (row.note ?? '');
    lines.push(`| ${row.figure} | ${row.size} | ${c.median} | ${runs} | ${note.replaceAll('|', '/')} |`);
  }
  return lines.join('\n');
}
