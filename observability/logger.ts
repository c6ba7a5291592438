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

export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  const paths = PHI_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `req.headers.${f}`]);
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      name: options.name,
      redact: { paths, censor: '[redacted]' },
      base: undefined,
    },
    options.destination,
  );
}

export type { Logger };
