/**
 * A correction of a bill's data by staff (codes, lines, dates, provider), checked against the
 * bill as it is: the API checks it on arrival, and the activity that applies it checks it
 * again, in the transaction that applies it. Pure code.
 */
import type { FieldProblem } from './problems';

export interface LineCorrection {
  lineNumber: number;
  procedureCode?: string;
  modifiers?: string[];
  diagnosisPointers?: number[];
  units?: number;
  chargeCents?: number;
  dateOfService?: string;
  placeOfService?: string | null;
}

export interface BillCorrectionChanges {
  diagnosisCodes?: string[];
  placeOfService?: string;
  renderingProviderId?: string | null;
  serviceLines?: LineCorrection[];
}

/** What the rules need to know of the bill being corrected. */
export interface CorrectableBill {
  diagnosisCodes: string[];
  lines: { lineNumber: number; diagnosisPointers: number[] }[];
  /** A payment is posted on one of its claims: charges are settled. */
  paid: boolean;
}

export interface CorrectionVerdict {
  /** Fields that are wrong whatever the bill's state (422). */
  fields: FieldProblem[];
  /** Why the bill cannot take the correction as it stands (409), if it cannot. */
  wrongState?: string;
}

/** Diagnosis codes as the 837P carries them: no dot ("F41.1" -> "F411"). */
export function normaliseDiagnosisCode(code: string): string {
  return code.replace('.', '');
}

export function checkCorrection(bill: CorrectableBill, changes: BillCorrectionChanges): CorrectionVerdict {
  const fields: FieldProblem[] = [];
  let wrongState: string | undefined;
  const byNumber = new Map(bill.lines.map((l) => [l.lineNumber, l]));
  const lineChanges = changes.serviceLines ?? [];
  lineChanges.forEach((l, i) => {
    if (!byNumber.has(l.lineNumber))
      fields.push({ path: ['serviceLines', i, 'lineNumber'], message: `the bill has no line ${l.lineNumber}` });
    if (l.chargeCents !== undefined && bill.paid) {
      wrongState ??= `a payment is posted on the bill: line ${l.lineNumber}'s charge cannot change`;
    }
  });
  const diagnoses = changes.diagnosisCodes ?? bill.diagnosisCodes;
  for (const line of bill.lines) {
    const index = lineChanges.findIndex((l) => l.lineNumber === line.lineNumber);
    const pointers = lineChanges[index]?.diagnosisPointers ?? line.diagnosisPointers;
    pointers.forEach((p, j) => {
      if (p > diagnoses.length) {
        fields.push({
          path: index >= 0 && lineChanges[index]?.diagnosisPointers ? ['serviceLines', index, 'diagnosisPointers', j] : ['diagnosisCodes'],
          message: `line ${line.lineNumber} points at diagnosis ${p}; the bill has ${diagnoses.length}`,
        });
      }
    });
  }
  return { fields, ...(wrongState ? { wrongState } : {}) };
}
