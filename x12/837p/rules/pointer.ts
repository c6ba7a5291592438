/** JSON Pointer (RFC 6901): the one way this project names a field, e.g. "/serviceLines/0/procedureCode". */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((token) => `/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The value at a path in parsed JSON; undefined when any step is missing. */
export function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = json;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
