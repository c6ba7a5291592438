/**
 * The service's logger. Logs carry ids, statuses, amounts and codes, never patient data;
 * as a second line of defence, fields that could hold it are redacted wherever they appear.
 */
import pino, { type Logger } from 'pino';

export const PHI_FIELDS = [
  'firstName',
  'lastName',
  'name',
  'dateOfBirth',
  'birthDate',
  'memberId',
  'subscriberFirstName',
  'subscriberLastName',
  'subscriberDateOfBirth',
  'addressLine1',
  'addressLine2',
  'diagnosisCodes',
  'content',
  'body',
  'authorization',
  'x-api-key',
];

const CENSOR = '[redacted]';

export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  // The logger's own `name` is a binding that pino redacts like any top-level field: a
  // top-level `name` of a line's payload is censored by the log formatter instead, so that
  // "api" or "worker" stays readable and a patient's name still never shows.
  const paths = PHI_FIELDS.flatMap((f) => [...(f === 'name' ? [] : [f]), `*.${f}`, `*.*.${f}`, `req.headers.${f}`]);
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      name: options.name,
      redact: { paths, censor: CENSOR },
      formatters: { log: (line) => ('name' in line ? { ...line, name: undefined, payloadName: CENSOR } : line) },
      base: undefined,
    },
    options.destination,
  );
}

export type { Logger };
