/** Counters kept in the database that never repeat (ISA13, claim numbers). */
import type { Db } from '../db/prisma';

export type Sequence = 'interchange' | 'claim';

/** The next value of a sequence, atomically; safe under many worker processes. */
export async function nextValue(db: Db, name: Sequence): Promise<number> {
  const rows = await db.$queryRaw<{ value: number }[]>`
    INSERT INTO "ControlSequence" ("name", "value") VALUES (${name}, 1)
    ON CONFLICT ("name") DO UPDATE SET "value" = "ControlSequence"."value" + 1
    RETURNING "value"`;
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`control sequence ${name} returned nothing`);
  return value;
}

/**
 * A patient control number (CLM01, at most 20 characters, comes back as CLP01): a prefix
 * and a base-36 counter. No patient data, unique across every practice.
 */
export async function nextPatientControlNumber(db: Db): Promise<string> {
  const n = await nextValue(db, 'claim');
  return `SC${n.toString(36).toUpperCase().padStart(7, '0')}`;
}
