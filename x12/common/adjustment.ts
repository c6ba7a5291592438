import type { Cents } from './money';

/**
 * Claim adjustment group codes (CAS01): CO contractual obligation, PR patient
 * responsibility, OA other adjustment, PI payer-initiated reduction, CR correction/reversal.
 */
export const ADJUSTMENT_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
export type AdjustmentGroup = (typeof ADJUSTMENT_GROUPS)[number];

/**
 * One adjustment exactly as the payer reported it (one CAS reason/amount/quantity
 * triple). Kept verbatim: the secondary 837P copies it back unchanged.
 */
export interface Adjustment {
  group: AdjustmentGroup;
  /** Claim Adjustment Reason Code (CARC), e.g. "45", "1", "2", "CO-45" is never used: group is apart. */
  reason: string;
  amountCents: Cents;
  quantity?: number;
}

export function isAdjustmentGroup(value: string): value is AdjustmentGroup {
  return (ADJUSTMENT_GROUPS as readonly string[]).includes(value);
}

export function sumAdjustments(adjustments: readonly Adjustment[]): Cents {
  return adjustments.reduce((total, a) => total + a.amountCents, 0);
}
