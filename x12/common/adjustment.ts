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

/** A claim adjustment reason code's shape (CARC, e.g. "45", "B7"): 1-5 letters or digits. */
export const REASON_CODE_PATTERN = /^[A-Z0-9]{1,5}$/;

export function isReasonCode(value: string): boolean {
  return REASON_CODE_PATTERN.test(value);
}

/**
 * The balancing rule of a line or a claim: charge = paid + adjustments. Returns how far off
 * it is in cents (0 when it balances; positive when money is unexplained).
 */
export function balanceGap(chargeCents: Cents, paidCents: Cents, adjustments: readonly Adjustment[]): Cents {
  return chargeCents - paidCents - sumAdjustments(adjustments);
}

export function sumAdjustments(adjustments: readonly Adjustment[]): Cents {
  return adjustments.reduce((total, a) => total + a.amountCents, 0);
}
