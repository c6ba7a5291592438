/**
 * Checks of a hand-posted payment that need no database: they run in the update's
 * validator, so refused input leaves no trace in history. Pure code.
 */
import { isAdjustmentGroup, type Adjustment } from '../../x12/common/adjustment';
import type { PostPaymentInput } from './definitions';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CARC = /^[A-Z0-9]{1,5}$/;

function checkAdjustments(where: string, adjustments: readonly Adjustment[], problems: string[]): void {
  adjustments.forEach((a, i) => {
    const at = `${where}[${i}]`;
    if (!isAdjustmentGroup(a.group)) problems.push(`${at}.group: "${a.group}" is not a group code (CO, PR, OA, PI, CR)`);
    if (!CARC.test(a.reason)) problems.push(`${at}.reason: "${a.reason}" is not a claim adjustment reason code`);
    if (!Number.isSafeInteger(a.amountCents)) problems.push(`${at}.amountCents: must be whole cents`);
  });
}

function sum(adjustments: readonly Adjustment[]): number {
  return adjustments.reduce((t, a) => t + a.amountCents, 0);
}

/**
 * Problems with a payment against the bill's charges: a list of "field: what is wrong".
 * Rules: amounts are whole cents, not negative; every line balances (charge = paid +
 * adjustments) and so does the claim (charge = paid + line and claim adjustments); a
 * denial ($0 paid) must carry adjustments for the whole charge.
 */
export function paymentProblems(input: PostPaymentInput, lineCharges: ReadonlyMap<number, number>): string[] {
  const problems: string[] = [];
  const totalCharge = [...lineCharges.values()].reduce((t, c) => t + c, 0);
  if (!Number.isSafeInteger(input.paidCents) || input.paidCents < 0) problems.push('paidCents: must be whole cents, not negative');
  if (!Number.isSafeInteger(input.patientResponsibilityCents) || input.patientResponsibilityCents < 0) {
    problems.push('patientResponsibilityCents: must be whole cents, not negative');
  }
  if (!DATE.test(input.adjudicationDate ?? '')) problems.push('adjudicationDate: must be a date, YYYY-MM-DD');
  checkAdjustments('adjustments', input.adjustments ?? [], problems);
  let lineAdjustments = 0;
  let linePaid = 0;
  if (input.lines) {
    const seen = new Set<number>();
    input.lines.forEach((line, i) => {
      const charge = lineCharges.get(line.lineNumber);
      if (charge === undefined) {
        problems.push(`lines[${i}].lineNumber: the bill has no line ${line.lineNumber}`);
        return;
      }
      if (seen.has(line.lineNumber)) problems.push(`lines[${i}].lineNumber: line ${line.lineNumber} is listed twice`);
      seen.add(line.lineNumber);
      checkAdjustments(`lines[${i}].adjustments`, line.adjustments, problems);
      if (!Number.isSafeInteger(line.paidCents) || line.paidCents < 0)
        problems.push(`lines[${i}].paidCents: must be whole cents, not negative`);
      const adj = sum(line.adjustments);
      if (line.paidCents + adj !== charge) {
        problems.push(`lines[${i}]: does not balance: charge ${charge} != paid ${line.paidCents} + adjustments ${adj} (cents)`);
      }
      lineAdjustments += adj;
      linePaid += line.paidCents;
    });
    for (const lineNumber of lineCharges.keys()) {
      if (!seen.has(lineNumber)) problems.push(`lines: line ${lineNumber} is missing; list every line or none`);
    }
    if (linePaid !== input.paidCents) problems.push(`paidCents: ${input.paidCents} != sum of line payments ${linePaid}`);
  }
  const claimAdj = sum(input.adjustments ?? []);
  if (problems.length === 0 && input.paidCents + claimAdj + lineAdjustments !== totalCharge) {
    problems.push(
      `adjustments: the claim does not balance: charge ${totalCharge} != paid ${input.paidCents} + adjustments ${claimAdj + lineAdjustments} (cents)`,
    );
  }
  const pr = [...(input.adjustments ?? []), ...(input.lines ?? []).flatMap((l) => l.adjustments)]
    .filter((a) => a.group === 'PR')
    .reduce((t, a) => t + a.amountCents, 0);
  if (problems.length === 0 && pr !== input.patientResponsibilityCents) {
    problems.push(`patientResponsibilityCents: ${input.patientResponsibilityCents} != the PR adjustments ${pr}`);
  }
  return problems;
}
