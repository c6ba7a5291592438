/** Dates of service and adjudication are dates: Prisma's @db.Date columns hold them at UTC midnight. */
export function toDbDate(isoDate: string): Date {
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`not a YYYY-MM-DD date: "${isoDate}"`);
  }
  return d;
}

export function fromDbDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
