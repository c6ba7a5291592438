/**
 * GET /metrics: the business's state for Prometheus, read from the database at each scrape
 * (so every API process answers the same, however many run). Counts by status and reason only:
 * no ids, no amounts, nothing about a patient. What happens in the worker (batch and sync
 * durations and outcomes, the SDK's own metrics, its workflow cache) is on the worker's
 * Prometheus endpoint (worker/runtime.ts).
 */
import { Router } from 'express';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/prisma';

/** The metric names this endpoint serves (the dashboard test checks its queries against them). */
export const API_METRICS = {
  bills: 'claims_bills',
  billsNeedingAttention: 'claims_bills_needing_attention',
  files: 'claims_clearinghouse_files',
  unmatchedEra: 'claims_unmatched_era_claims_open',
  batches: 'claims_batches',
  oldestUnsentBatch: 'claims_oldest_unsent_batch_age_seconds',
} as const;

export function metricsRegistry(db: Db): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'claims_api_' });

  new Gauge({
    name: API_METRICS.bills,
    help: 'Bills by the status staff see',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await db.bill.groupBy({ by: ['status'], _count: { _all: true } })) {
        this.set({ status: row.status }, row._count._all);
      }
    },
  });
  new Gauge({
    name: API_METRICS.billsNeedingAttention,
    help: 'Bills whose needs-attention flag is up, by the escalation reason',
    labelNames: ['reason'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.bill.groupBy({ by: ['attentionReason'], where: { needsAttention: true }, _count: { _all: true } });
      for (const row of rows) this.set({ reason: row.attentionReason ?? 'UNKNOWN' }, row._count._all);
    },
  });
  new Gauge({
    name: API_METRICS.files,
    help: 'Clearinghouse files kept, by direction, kind (837P, 835, 999, 277CA, OTHER) and status (FAILED: malformed, kept for a person)',
    labelNames: ['direction', 'kind', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.clearinghouseFile.groupBy({ by: ['direction', 'kind', 'status'], _count: { _all: true } });
      for (const row of rows) this.set({ direction: row.direction, kind: row.kind, status: row.status }, row._count._all);
    },
  });
  new Gauge({
    name: API_METRICS.unmatchedEra,
    help: 'ERA claims that matched no bill and wait for a person to match them',
    registers: [registry],
    async collect() {
      this.set(await db.unmatchedEraClaim.count({ where: { status: 'OPEN' } }));
    },
  });
  new Gauge({
    name: API_METRICS.batches,
    help: 'Batches by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await db.batch.groupBy({ by: ['status'], _count: { _all: true } }))
        this.set({ status: row.status }, row._count._all);
    },
  });
  new Gauge({
    name: API_METRICS.oldestUnsentBatch,
    help: 'Age of the oldest batch written but not sent (0 when none waits)',
    registers: [registry],
    async collect() {
      const oldest = await db.batch.findFirst({ where: { status: { in: ['WRITTEN', 'FAILED'] } }, orderBy: { createdAt: 'asc' } });
      this.set(oldest ? Math.max(0, (Date.now() - oldest.createdAt.getTime()) / 1000) : 0);
    },
  });
  return registry;
}

export function metricsRouter(db: Db): Router {
  const registry = metricsRegistry(db);
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const body = await registry.metrics();
    res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(body);
  });
  return router;
}
