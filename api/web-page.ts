/**
 * The staff page (web/, built into web/dist by `npm ci`), served by the API process under
 * /app/: hashed assets cached for good, the page itself never cached, every path under /app/
 * answered with the page (it routes in the browser), and headers that keep it to itself
 * (Content-Security-Policy 'self' only, no framing, no referrer). `/` leads to it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { repoRoot } from '../config/env';

export const DEFAULT_WEB_ROOT = path.join(repoRoot, 'web', 'dist');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(res: Response): void {
  res.set({
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
}

export function staffPage(webRoot: string = DEFAULT_WEB_ROOT): Router {
  const router = Router();
  const index = path.join(webRoot, 'index.html');
  // Middleware rather than routes: the route table (and the OpenAPI document) lists the API only.
  router.use((req, res, next) => {
    if (req.method === 'GET' && req.path === '/') res.redirect(302, '/app/');
    else next();
  });
  router.use(
    '/app/assets',
    express.static(path.join(webRoot, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      setHeaders: (res) => pageHeaders(res),
    }),
  );
  router.use('/app', (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.originalUrl.startsWith('/app/assets/')) {
      next();
      return;
    }
    pageHeaders(res);
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The staff page is not built: run `npm run web:build` (npm ci does it).');
      return;
    }
    res.set('Cache-Control', 'no-store').sendFile(index);
  });
  return router;
}
