/** Schemas shared by the routes: ids, dates, money, pagination. */
import { z } from 'zod';
import { RANKS } from '../../domain/rank';

export const id = z.uuid({ message: 'must be a UUID' });

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date, YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'is not a calendar date' },
  );

/** Money: whole cents, not negative. */
export const cents = z
  .number({ message: 'must be a number of cents' })
  .int({ message: 'must be whole cents' })
  .min(0, { message: 'must not be negative' });
export const signedCents = z.number({ message: 'must be a number of cents' }).int({ message: 'must be whole cents' });

export const usState = z.string().regex(/^[A-Z]{2}$/, { message: 'must be a two-letter state code' });
export const postalCode = z.string().regex(/^\d{5}(\d{4})?$/, { message: 'must be a ZIP code of 5 or 9 digits' });
export const npi = z.string().regex(/^\d{10}$/, { message: 'must be a 10-digit NPI' });
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
