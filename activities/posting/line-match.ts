/**
 * Which of the bill's service lines an 835 service line (SVC) adjudicates.
 *
 * 1. REF*6R, the line item control number we sent in the 837P: `<patientControlNumber>-<lineNumber>`
 *    (activities/claims writes it so), where the claim number is any claim of the same bill (a
 *    crossover payer echoes the primary's number).
 * 2. Otherwise the submitted procedure code (SVC06 when the payer adjudicated another code, else
 *    SVC01), preferring the bill line at the same position.
 * A line that matches nothing is still posted, with no service line (serviceLineId null).
 */
import type { ServiceLine835 } from '../../x12/835';

export interface BillLine {
  id: string;
  lineNumber: number;
  procedureCode: string;
}

const CONTROL = /^(.+)-(\d{1,4})$/;

export function matchServiceLines(
  lines: readonly ServiceLine835[],
  billLines: readonly BillLine[],
  claimNumbers: ReadonlySet<string>,
): (string | null)[] {
  const used = new Set<string>();
  const result: (string | null)[] = lines.map(() => null);
  lines.forEach((line, i) => {
    const m = line.lineItemControlNumber ? CONTROL.exec(line.lineItemControlNumber.trim()) : null;
    if (!m || !claimNumbers.has(m[1] ?? '')) return;
    const target = billLines.find((b) => b.lineNumber === Number(m[2]));
    if (target && !used.has(target.id)) {
      used.add(target.id);
      result[i] = target.id;
    }
  });
  lines.forEach((line, i) => {
    if (result[i] !== null) return;
    const code = line.originalProcedure?.code ?? line.procedure?.code;
    if (!code) return;
    const same = billLines[i];
    const target =
      same && !used.has(same.id) && same.procedureCode === code ? same : billLines.find((b) => !used.has(b.id) && b.procedureCode === code);
    if (target) {
      used.add(target.id);
      result[i] = target.id;
    }
  });
  return result;
}
