/** CAS segments: one per group code, the payer's adjustments in their order, six per segment. */
import type { Adjustment } from '../../common/adjustment';
import { formatAmount } from '../../common/money';
import { formatQuantity } from '../format';
import type { SegmentList } from '../segment-list';

export function writeAdjustments(out: SegmentList, adjustments: readonly Adjustment[] | undefined): void {
  if (!adjustments || adjustments.length === 0) return;
  const byGroup = new Map<string, Adjustment[]>();
  for (const a of adjustments) {
    const list = byGroup.get(a.group);
    if (list) list.push(a);
    else byGroup.set(a.group, [a]);
  }
  for (const [group, list] of byGroup) {
    const elements: (string | undefined)[] = [group];
    for (const a of list) {
      elements.push(a.reason, formatAmount(a.amountCents), a.quantity === undefined ? undefined : formatQuantity(a.quantity));
    }
    out.add('CAS', ...elements);
  }
}
