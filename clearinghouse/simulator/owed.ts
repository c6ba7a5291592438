import { sumAdjustments, type Adjustment } from '../../x12/common/adjustment';
import type { Cents } from '../../x12/common/money';
import type { SimClaim, SimPriorPayment } from './read-837p';

function patientShare(adjustments: readonly Adjustment[]): Cents {
  return sumAdjustments(adjustments.filter((a) => a.group === 'PR'));
}

/**
 * What is still owed on an amount after the earlier payers, in the order the 837P lists them
 * (primary first): the patient responsibility (PR) the last of them left, or, when it gave no
 * adjustments, what none of them paid; never more than the amount less everything they paid.
 */
function owedAfter(amount: Cents, priors: readonly SimPriorPayment[]): Cents {
  const last = priors[priors.length - 1];
  if (!last) return amount;
  const paidByAll = priors.reduce((t, p) => t + p.paidCents, 0);
  const left = amount - paidByAll;
  const owed = last.adjustments.length > 0 ? patientShare(last.adjustments) : left;
  return Math.max(0, Math.min(owed, left));
}

/**
 * What a later payer may still pay on each line of a claim, from the 837P's COB loops: the
 * line's 2430 loops when the claim has any (a line without one owes nothing), else the claim's
 * 2320 loops (AMT*D and CAS of each other payer) spread over the lines in order.
 */
export function owedPerLine(claim: SimClaim): Cents[] {
  if (claim.lines.some((l) => l.priors.length > 0)) {
    return claim.lines.map((l) => (l.priors.length > 0 ? owedAfter(l.chargeCents, l.priors) : 0));
  }
  const priors = claim.otherPayers.map((p) => p.prior).filter((p): p is SimPriorPayment => p !== undefined);
  let claimOwed = owedAfter(claim.chargeCents, priors);
  return claim.lines.map((l) => {
    const owed = Math.max(0, Math.min(claimOwed, l.chargeCents));
    claimOwed -= owed;
    return owed;
  });
}
