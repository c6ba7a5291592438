/** Statuses, ranks and times in billing words. */
export const STATUS_LABEL: Record<string, string> = {
  DRAFT: 'Draft',
  READY_TO_BATCH: 'Ready to Batch',
  BATCHED: 'Batched',
  SUBMITTED: 'Submitted',
  AWAITING_PRIMARY: 'Awaiting primary',
  AWAITING_SECONDARY: 'Awaiting secondary',
  AWAITING_TERTIARY: 'Awaiting tertiary',
  AWAITING_CLAIM_FIX: 'Awaiting Claim Fix',
  PROCESSED: 'Processed',
  CLOSED: 'Closed',
  REJECTED: 'Rejected',
  CROSSOVER: 'Crossover',
  VOIDED: 'Voided',
};

export const STATUSES = Object.keys(STATUS_LABEL);

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

export function rankLabel(rank: string): string {
  return rank.charAt(0) + rank.slice(1).toLowerCase();
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function date(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return d.toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined });
}

/** "3 days", "5 hours", "12 minutes" since a time. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

export const ADJUSTMENT_GROUPS: Record<string, string> = {
  CO: 'CO contractual',
  PR: 'PR patient responsibility',
  OA: 'OA other',
  PI: 'PI payer initiated',
  CR: 'CR correction',
};
