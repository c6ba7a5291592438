/**
 * One log line per request: method, route pattern (never the raw URL or query, which a
 * client could fill with anything), status, duration and the key's or staff member's id. No bodies, no headers.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../observability/logger';
import type { Principal } from './auth';

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      const principal = res.locals.principal as Principal | undefined;
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: unknown }).path)}` : '(no route)';
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        keyId: principal?.keyId ?? null,
        staffId: principal?.staffId ?? null,
      };
      if (res.statusCode >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}
