/**
 * The provisioned Grafana dashboard: valid JSON of the shape Grafana loads, on the provisioned
 * Prometheus datasource, and every query names only metrics the service exposes (the lists in
 * observability/metric-names.ts, which the end-to-end test checks against live scrapes).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_METRIC_NAMES, WORKER_METRIC_NAMES, baseMetricName } from '../../../observability/metric-names';

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: { refId: string; expr: string }[];
}

const root = path.resolve(__dirname, '..', '..', '..');
const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/grafana/dashboards/secondary-claims.json'), 'utf8')) as {
  uid: string;
  title: string;
  panels: Panel[];
};
const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
const PROMQL_WORDS = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'by',
  'without',
  'rate',
  'increase',
  'histogram_quantile',
  'le',
  'on',
  'ignoring',
]);

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels or durations. */
function metricsIn(expr: string): string[] {
  const noStrings = expr.replace(/"[^"]*"/g, '""');
  const noLabels = noStrings.replace(/\{[^}]*\}/g, '').replace(/\b(by|without)\s*\([^)]*\)/g, '');
  const noRanges = noLabels.replace(/\[[^\]]*\]/g, '');
  return [...noRanges.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)].map((m) => m[0]).filter((w) => !PROMQL_WORDS.has(w));
}

it('is a dashboard Grafana provisions: uid, title, panels with unique ids on a 24-column grid', () => {
  expect(dashboard.uid).toBe('secondary-claims');
  expect(dashboard.title).toBeTruthy();
  const ids = dashboard.panels.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const p of dashboard.panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
  expect(queries.length).toBeGreaterThan(15);
});

it('queries the provisioned Prometheus datasource', () => {
  for (const p of dashboard.panels.filter((panel) => panel.type !== 'row'))
    expect(p.datasource).toEqual({ type: 'prometheus', uid: 'prometheus' });
});

it('names only metrics that the API or the worker expose, and shows each business metric', () => {
  const known = new Set([...API_METRIC_NAMES, ...WORKER_METRIC_NAMES]);
  const used = new Set<string>();
  for (const { panel, expr } of queries) {
    const names = metricsIn(expr).map(baseMetricName);
    expect({ panel, expr, names: names.length > 0 }).toEqual({ panel, expr, names: true });
    for (const name of names) {
      expect({ panel, name, known: known.has(name) }).toEqual({ panel, name, known: true });
      used.add(name);
    }
  }
  for (const name of API_METRIC_NAMES) expect(used).toContain(name);
  expect(used).toContain('temporal_sticky_cache_total_forced_eviction_total');
});

it('finds metric names in PromQL as Prometheus reads them', () => {
  expect(metricsIn('histogram_quantile(0.95, sum by (le) (rate(claims_batch_duration_ms_bucket[30m])))')).toEqual([
    'claims_batch_duration_ms_bucket',
  ]);
  expect(metricsIn('max(sum by (instance) (claims_clearinghouse_files{status="FAILED"}))')).toEqual(['claims_clearinghouse_files']);
});
