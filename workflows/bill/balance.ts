/**
 * Checks of a hand-posted payment that need no database: they run in the update's
 * validator, so refused input leaves no trace in history. Pure code.
 */
import { balanceGap, isAdjustmentGroup, isReasonCode, sumAdjustments, type Adjustment } from '../../x12/common/adjustment';
import { isIsoDate } from '../../x12/common/dates';
import type { PostPaymentInput, RefusedField } from './definitions';

type Path = (string | number)[];

function checkAdjustments(where: Path, adjustments: readonly Adjustment[], problems: RefusedField[]): void {
  adjustments.forEach((a, i) => {
    const at = [...where, i];
    if (!isAdjustmentGroup(a.group))
      problems.push({ path: [...at, 'group'], message: `"${a.group}" is not a group code (CO, PR, OA, PI, CR)` });
    if (!isReasonCode(a.reason)) problems.push({ path: [...at, 'reason'], message: `"${a.reason}" is not a claim adjustment reason code` });
    if (!Number.isSafeInteger(a.amountCents)) problems.push({ path: [...at, 'amountCents'], message: 'must be whole cents' });
  });
}

const wholeCents = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * Problems with a payment against the bill's charges, each naming its field.
 * Rules: amounts are whole cents, not negative; every line balances (charge = paid +
 * adjustments) and so does the claim (charge = paid + line and claim adjustments); the
 * patient responsibility is the sum of the PR adjustments. A denial ($0 paid) carries
 * adjustments for the whole charge, which the claim rule already demands.
 */
export function paymentProblems(input: PostPaymentInput, lineCharges: ReadonlyMap<number, number>): RefusedField[] {
  const problems: RefusedField[] = [];
  const totalCharge = [...lineCharges.values()].reduce((t, c) => t + c, 0);
  if (!wholeCents(input.paidCents)) problems.push({ path: ['paidCents'], message: 'must be whole cents, not negative' });
  if (!wholeCents(input.patientResponsibilityCents)) {
    problems.push({ path: ['patientResponsibilityCents'], message: 'must be whole cents, not negative' });
  }
  if (!isIsoDate(input.adjudicationDate ?? '')) problems.push({ path: ['adjudicationDate'], message: 'must be a date, YYYY-MM-DD' });
  checkAdjustments(['adjustments'], input.adjustments ?? [], problems);
  let lineAdjustments = 0;
  if (input.lines) {
    const seen = new Set<number>();
    let linePaid = 0;
    input.lines.forEach((line, i) => {
      const charge = lineCharges.get(line.lineNumber);
      if (charge === undefined) {
        problems.push({ path: ['lines', i, 'lineNumber'], message: `the bill has no line ${line.lineNumber}` });
        return;
      }
      if (seen.has(line.lineNumber))
        problems.push({ path: ['lines', i, 'lineNumber'], message: `line ${line.lineNumber} is listed twice` });
      seen.add(line.lineNumber);
      checkAdjustments(['lines', i, 'adjustments'], line.adjustments, problems);
      if (!wholeCents(line.paidCents)) problems.push({ path: ['lines', i, 'paidCents'], message: 'must be whole cents, not negative' });
      const gap = balanceGap(charge, line.paidCents, line.adjustments);
      if (gap !== 0) {
        problems.push({
          path: ['lines', i],
          message: `does not balance: charge ${charge} != paid ${line.paidCents} + adjustments ${sumAdjustments(line.adjustments)} (cents)`,
        });
      }
      lineAdjustments += sumAdjustments(line.adjustments);
      linePaid += line.paidCents;
    });
    for (const lineNumber of lineCharges.keys()) {
      if (!seen.has(lineNumber)) problems.push({ path: ['lines'], message: `line ${lineNumber} is missing; list every line or none` });
    }
    if (linePaid !== input.paidCents)
      problems.push({ path: ['paidCents'], message: `${input.paidCents} != sum of line payments ${linePaid}` });
  }
  const claimAdjustments = sumAdjustments(input.adjustments ?? []);
  if (problems.length === 0 && input.paidCents + claimAdjustments + lineAdjustments !== totalCharge) {
    problems.push({
      path: ['adjustments'],
      message: `the claim does not balance: charge ${totalCharge} != paid ${input.paidCents} + adjustments ${claimAdjustments + lineAdjustments} (cents)`,
    });
  }
  const pr = sumAdjustments(
    [...(input.adjustments ?? []), ...(input.lines ?? []).flatMap((l) => l.adjustments)].filter((a) => a.group === 'PR'),
  );
  if (problems.length === 0 && pr !== input.patientResponsibilityCents) {
    problems.push({ path: ['patientResponsibilityCents'], message: `${input.patientResponsibilityCents} != the PR adjustments ${pr}` });
  }
  return problems;
}
