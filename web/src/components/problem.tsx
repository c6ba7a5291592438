import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** "#/lines/0/paidCents" -> "lines.0.paidCents"; the whole part -> its name ("body"). */
const fieldName = (location: string, pointer: string) => pointer.replace(/^#\/?/, '').replace(/\//g, '.') || location;

/** An error from the API in words: the detail, and each field it names. Announced to screen readers. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="alert" role="alert">
      <p>
        <strong>{problem?.title ?? 'Something went wrong'}:</strong> {message}
      </p>
      {problem?.errors && problem.errors.length > 0 ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.in}${e.pointer}`}>
              {fieldName(e.in, e.pointer)}: {e.detail}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
