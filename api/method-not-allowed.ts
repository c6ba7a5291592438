/**
 * A path the API serves, asked with a method it does not take: 405 Method Not Allowed with an
 * `Allow` header naming the methods it does take (RFC 9110), as a problem document (OPTIONS is
 * answered by Express itself, with the route's methods). One middleware after every route (a
 * route always wins), matching the routes' own paths; no key is needed to learn what the
 * OpenAPI document says anyway.
 */
import type { RequestHandler } from 'express';
import { HttpProblem, ProblemType, sendProblem } from './problem';

/** An Express path ("/bills/:billId") as a pattern of the whole request path. */
function pattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}

export function methodNotAllowed(routes: readonly { method: string; path: string }[]): RequestHandler {
  const paths = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of routes) {
    const entry = paths.get(route.path) ?? { pattern: pattern(route.path), methods: new Set<string>() };
    entry.methods.add(route.method.toUpperCase());
    if (route.method === 'get') entry.methods.add('HEAD');
    paths.set(route.path, entry);
  }
  return (req, res, next) => {
    const allowed = new Set<string>();
    for (const { pattern: p, methods } of paths.values()) if (p.test(req.path)) for (const m of methods) allowed.add(m);
    if (allowed.size === 0) {
      next();
      return;
    }
    const allow = [...allowed, 'OPTIONS'].join(', ');
    sendProblem(
      req,
      res,
      new HttpProblem(405, 'Method not allowed', `${req.method} is not a method of this path; it takes ${allow}`, {
        type: ProblemType.methodNotAllowed,
        headers: { Allow: allow },
      }),
    );
  };
}
