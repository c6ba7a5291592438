/**
 * The metrics the service exposes, by where they are scraped: the API's /metrics (the business's
 * state, from the database) and the worker's Prometheus endpoint (what the workflows did, and the
 * Temporal SDK's own). The Grafana dashboard may name only these (a test checks it), and the
 * end-to-end test finds each `always` one in a live scrape.
 */
import { API_METRICS } from '../api/metrics';

export const API_METRIC_NAMES: readonly string[] = Object.values(API_METRICS);

/** Recorded by the batch and sync workflows through the SDK's metricMeter (workflows/batch, workflows/sync/loop.ts). */
export const WORKER_BUSINESS_METRICS = {
  /** Histogram, ms, by outcome (sent, empty, refused, failed). */
  batchDuration: 'claims_batch_duration_ms',
  batchRuns: 'claims_batch_runs_total',
  /** Claims batched and refused (result label). */
  batchClaims: 'claims_batch_claims_total',
  /** Histogram, ms, by outcome (ok, failed). */
  syncRoundDuration: 'claims_sync_round_duration_ms',
  syncRounds: 'claims_sync_rounds_total',
  /** Inbound files a sync round processed or failed (result label). */
  syncFiles: 'claims_sync_files_total',
} as const;

/** Temporal SDK metrics the dashboard uses; `always` are there from the worker's start, the others once they happen. */
export const SDK_METRICS = {
  always: [
    'temporal_sticky_cache_size',
    'temporal_worker_task_slots_available',
    'temporal_worker_task_slots_used',
    'temporal_workflow_task_schedule_to_start_latency_seconds',
    'temporal_activity_schedule_to_start_latency_seconds',
    'temporal_activity_execution_latency_seconds',
    'temporal_request_total',
  ],
  eventual: [
    /** Workflows evicted from the cache to make room (the cache is too small for the bills waiting). */
    'temporal_sticky_cache_total_forced_eviction_total',
    'temporal_sticky_cache_hit_total',
    'temporal_workflow_completed_total',
    'temporal_workflow_failed_total',
    'temporal_activity_execution_failed_total',
    'temporal_workflow_task_execution_failed_total',
    'temporal_request_failure_total',
  ],
} as const;

export const WORKER_METRIC_NAMES: readonly string[] = [
  ...Object.values(WORKER_BUSINESS_METRICS),
  ...SDK_METRICS.always,
  ...SDK_METRICS.eventual,
];

/** A series name as PromQL sees it: histograms add _bucket, _sum and _count. */
export function baseMetricName(series: string): string {
  return series.replace(/_(bucket|sum|count)$/, '');
}
