/**
 * A path the API serves, asked with a method it does not take: 405 Method Not Allowed with an
 * `Allow` header naming the methods it does take (RFC 9110), as a problem document; OPTIONS
 * answers 204 with the same `Allow`. Mounted after every route, so a route always wins; no
 * key is needed to learn what the OpenAPI document says anyway.
 */
import type { Router } from 'express';
import { HttpProblem, ProblemType, sendProblem } from './problem';

export function methodNotAllowed(router: Router, routes: readonly { method: string; path: string }[]): void {
  const methods = new Map<string, Set<string>>();
  for (const route of routes) {
    const set = methods.get(route.path) ?? new Set<string>();
    set.add(route.method.toUpperCase());
    if (route.method === 'get') set.add('HEAD');
    methods.set(route.path, set);
  }
  for (const [path, set] of methods) {
    const allow = [...set, 'OPTIONS'].join(', ');
    router.all(path, (req, res) => {
      if (req.method === 'OPTIONS') {
        res.set('Allow', allow).status(204).end();
        return;
      }
      sendProblem(
        req,
        res,
        new HttpProblem(405, 'Method not allowed', `${req.method} is not a method of this path; it takes ${allow}`, {
          type: ProblemType.methodNotAllowed,
          headers: { Allow: allow },
        }),
      );
    });
  }
}
