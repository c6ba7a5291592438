/** GET /health: whether the database and Temporal answer. No key needed; tells nothing private. */
import { Router } from 'express';
import type { ApiDeps } from '../app';

async function timed(probe: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = Date.now();
  try {
    await probe();
    return { ok: true, latencyMs: Date.now() - started };
  } catch (err) {
    return { ok: false, latencyMs: Date.now() - started, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

export function healthRouter({ db, temporal }: ApiDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [database, temporalCheck] = await Promise.all([
      timed(() => db.$queryRaw`SELECT 1`),
      timed(() => temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = database.ok && temporalCheck.ok;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      database,
      temporal: { ...temporalCheck, namespace: temporal.options.namespace },
    });
  });
  return router;
}
