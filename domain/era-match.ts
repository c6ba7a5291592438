/**
 * Whether an ERA claim a person wants to match by hand fits the claim they chose: the same
 * patient (name and member id), the same total charge, the same payer, dates of service of
 * the bill. Each misfit names what differs without quoting patient data (it is shown to staff
 * and kept in the bill's history); amounts are named. Pure code.
 */
import type { FieldProblem } from './problems';

export interface EraClaimFacts {
  patientLastName?: string;
  patientFirstName?: string;
  /** Member ids the ERA gives (patient, insured, corrected insured). */
  memberIds: string[];
  chargeCents: number;
  /** The payer's ids and name as the ERA gives them. */
  payerIds: string[];
  payerName?: string;
  /** Dates of service the ERA gives (lines, statement period). */
  datesOfService: string[];
}

export interface ClaimFacts {
  clientLastName: string;
  clientFirstName: string;
  /** The member id of the policy the claim went to (and of the subscriber, if another). */
  memberId: string;
  chargeCents: number;
  payerCode: string;
  payerName: string;
  datesOfService: string[];
}

const letters = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
const idChars = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

export function eraMatchProblems(era: EraClaimFacts, claim: ClaimFacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (era.patientLastName !== undefined) {
    const sameLast = letters(era.patientLastName) === letters(claim.clientLastName);
    const firstEra = letters(era.patientFirstName ?? '');
    const sameFirst = firstEra === '' || firstEra[0] === letters(claim.clientFirstName)[0];
    if (!sameLast || !sameFirst) problems.push({ path: ['patient', 'name'], message: "the ERA's patient name is not the client's" });
  }
  if (era.memberIds.length > 0 && !era.memberIds.some((m) => idChars(m) === idChars(claim.memberId))) {
    problems.push({ path: ['patient', 'memberId'], message: "the ERA's member id is not the member id of the policy the claim went to" });
  }
  if (era.chargeCents !== claim.chargeCents) {
    problems.push({
      path: ['chargeCents'],
      message: `the ERA's charge ${dollars(era.chargeCents)} is not the claim's ${dollars(claim.chargeCents)}`,
    });
  }
  const samePayer =
    era.payerIds.some((id) => idChars(id) === idChars(claim.payerCode)) ||
    (era.payerName !== undefined && letters(era.payerName) === letters(claim.payerName));
  if (!samePayer) problems.push({ path: ['payer'], message: "the ERA's payer is not the payer the claim went to" });
  const billed = new Set(claim.datesOfService);
  if (era.datesOfService.length > 0 && !era.datesOfService.every((d) => billed.has(d))) {
    problems.push({ path: ['datesOfService'], message: "the ERA's dates of service are not the bill's" });
  }
  return problems;
}
