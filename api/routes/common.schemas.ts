/** Schemas shared by the routes: ids, dates, money, pagination, and the 837P's rules (one set with the writer). */
import { z } from 'zod';
import { calendarDateOf, isIsoDate } from '../../x12/common/dates';
import { birthDate, dateOfService, rule, type FieldRule, type RuleFailure } from '../../x12/837p/rules';
import { RANKS } from '../../domain/rank';

export const id = z.uuid({ message: 'must be a UUID' });

/** The earliest year a date may have: PostgreSQL has no year 0, and nothing this engine bills is older. */
export const EARLIEST_YEAR = 1000;
/** The earliest year of birth taken. */
export const EARLIEST_BIRTH_YEAR = 1900;

/** A calendar date, YYYY-MM-DD, that exists, in year 1000 or later. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date, YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= EARLIEST_YEAR;
    },
    { message: 'is not a calendar date' },
  );

/**
 * What no string of any request may hold, in any field: C0 control characters (but tab, line
 * feed and carriage return, and those only in a multi-line field), DEL, C1 control characters,
 * a UTF-16 surrogate without its pair, and the non-characters U+FFFE and U+FFFF. The route
 * table refuses them (422 naming the field) before any schema or the database driver sees them.
 */
const NEVER =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAKS = /[\t\n\r]/;
/** The fields that may hold line breaks and tabs: staff's own notes. */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(['note']);

export interface HostileString {
  path: (string | number)[];
  message: string;
  code: 'control-character' | 'lone-surrogate' | 'line-break';
}

function stringProblem(value: string, multiline: boolean): Omit<HostileString, 'path'> | undefined {
  const bad = NEVER.exec(value);
  if (bad) {
    const c = bad[0].charCodeAt(0);
    return c >= 0xd800 && c <= 0xdfff
      ? { message: 'holds half of a UTF-16 surrogate pair (not a character)', code: 'lone-surrogate' }
      : { message: `holds the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`, code: 'control-character' };
  }
  if (!multiline && LINE_BREAKS.test(value)) return { message: 'must be one line: no line break or tab', code: 'line-break' };
  return undefined;
}

/** Every string (and object key) in a parsed JSON body or query that holds what no field may hold. */
export function hostileStrings(value: unknown, path: (string | number)[] = [], found: HostileString[] = []): HostileString[] {
  if (typeof value === 'string') {
    const last = path[path.length - 1];
    const problem = stringProblem(value, typeof last === 'string' && MULTILINE_FIELDS.has(last));
    if (problem) found.push({ path, ...problem });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => hostileStrings(v, [...path, i], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const keyProblem = stringProblem(k, false);
      if (keyProblem) found.push({ path: [...path, k], ...keyProblem });
      else hostileStrings(v, [...path, k], found);
    }
  }
  return found;
}

/** Money: whole cents, not negative. */
export const cents = z
  .number({ message: 'must be a number of cents' })
  .int({ message: 'must be whole cents' })
  .min(0, { message: 'must not be negative' });
export const signedCents = z.number({ message: 'must be a number of cents' }).int({ message: 'must be whole cents' });

/** A string the 837P writer would judge by this rule: the API refuses it at the door, in the rule's own words. */
export function ruled(fieldRule: FieldRule) {
  return z.string().superRefine((value, ctx) => refuse(ctx, fieldRule(value)));
}

function refuse(ctx: z.RefinementCtx, failure: RuleFailure | undefined): void {
  if (failure) ctx.addIssue({ code: 'custom', message: failure.message, params: { rule: failure.rule } });
}

/** Free text of at most maxLength characters, as the writer cleans it (letters with no ASCII form refused). */
export const text = (maxLength: number) => ruled(rule.text(maxLength));

export const usState = ruled(rule.usState);
export const postalCode = ruled(rule.postalCode);
export const npi = ruled(rule.npi);
export const taxonomyCode = ruled(rule.taxonomy);

/** "Today" for dates of service is the writer's: the UTC calendar date at the time of the request. */
const today = () => calendarDateOf(new Date());

/** A calendar date also judged by a rule of the writer's against today. */
export function checkedDate(check: (date: string, today: string) => RuleFailure | undefined) {
  // A string that is no calendar date is refused by isoDate already: said once.
  return isoDate.superRefine((v, ctx) => refuse(ctx, isIsoDate(v) ? check(v, today()) : undefined));
}

/** A date of service: a calendar date, not in the future. */
export const dateOfServiceDate = checkedDate(dateOfService);
/** A birth date: a calendar date, not in the future (its order with the dates of service is checked where both are known). */
export const birthDateDate = checkedDate((v, t) => birthDate(v, t)).refine(
  (v) => !isIsoDate(v) || Number(v.slice(0, 4)) >= EARLIEST_BIRTH_YEAR,
  {
    message: `must be in ${EARLIEST_BIRTH_YEAR} or later`,
  },
);

export const sex = z.enum(['F', 'M', 'U']);
export const rank = z.enum(RANKS);

export const billStatus = z.enum([
  'DRAFT',
  'READY_TO_BATCH',
  'BATCHED',
  'SUBMITTED',
  'AWAITING_PRIMARY',
  'AWAITING_SECONDARY',
  'AWAITING_TERTIARY',
  'AWAITING_CLAIM_FIX',
  'PROCESSED',
  'CLOSED',
  'REJECTED',
  'CROSSOVER',
  'VOIDED',
]);

const boolFromQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const queryBoolean = boolFromQuery;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1-200 (default 50)'),
  cursor: id.optional().describe('The `nextCursor` of the previous page'),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const idParam = (name: string) => z.object({ [name]: id }).strict();

export const actionResult = z.object({ billId: z.string(), status: billStatus });
