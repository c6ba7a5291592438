import { shown } from '../read/errors';
import { el, ref, type Segment } from '../read/segment';
import type { Coded, Finding835 } from './types';

/**
 * CLP02 claim status codes used in the 005010X221A1 835 (X12 element 1029).
 * 19/20/21: processed, then forwarded by the payer to the next payer (crossover).
 * 22: reversal of a previous payment. 23: not this payer's claim, forwarded to another.
 */
export const CLAIM_STATUS: Readonly<Record<string, string>> = {
  '1': 'Processed as Primary',
  '2': 'Processed as Secondary',
  '3': 'Processed as Tertiary',
  '4': 'Denied',
  '19': 'Processed as Primary, Forwarded to Additional Payer(s)',
  '20': 'Processed as Secondary, Forwarded to Additional Payer(s)',
  '21': 'Processed as Tertiary, Forwarded to Additional Payer(s)',
  '22': 'Reversal of Previous Payment',
  '23': 'Not Our Claim, Forwarded to Additional Payer(s)',
  '25': 'Predetermination Pricing Only - No Payment',
};

/** BPR01 transaction handling codes. */
export const HANDLING: Readonly<Record<string, string>> = {
  C: 'Payment Accompanies Remittance Advice',
  D: 'Make Payment Only',
  H: 'Notification Only',
  I: 'Remittance Information Only',
  P: 'Prenotification of Future Transfers',
  U: 'Split Payment and Remittance',
  X: "Handling Party's Option to Split Payment and Remittance",
};

/** BPR04 payment method codes. */
export const PAYMENT_METHOD: Readonly<Record<string, string>> = {
  ACH: 'Automated Clearing House (ACH)',
  BOP: 'Financial Institution Option',
  CHK: 'Check',
  FWT: 'Federal Reserve Funds/Wire Transfer - Nonrepetitive',
  NON: 'Non-Payment Data',
};

/** BPR03 credit or debit flag. */
export const CREDIT_DEBIT: Readonly<Record<string, string>> = { C: 'Credit', D: 'Debit' };

/** CLP06 claim filing indicator codes of the 005010X221A1 835 (fewer than the 837P's SBR09). */
export const CLAIM_FILING_INDICATOR_835: Readonly<Record<string, string>> = {
  '12': 'Preferred Provider Organization (PPO)',
  '13': 'Point of Service (POS)',
  '14': 'Exclusive Provider Organization (EPO)',
  '15': 'Indemnity Insurance',
  '16': 'Health Maintenance Organization (HMO) Medicare Risk',
  '17': 'Dental Maintenance Organization',
  AM: 'Automobile Medical',
  CH: 'Champus',
  DS: 'Disability',
  HM: 'Health Maintenance Organization',
  LM: 'Liability Medical',
  MA: 'Medicare Part A',
  MB: 'Medicare Part B',
  MC: 'Medicaid',
  OF: 'Other Federal Program',
  TV: 'Title V',
  VA: 'Veterans Affairs Plan',
  WC: "Workers' Compensation Health Claim",
  ZZ: 'Mutually Defined',
};

/** PLB03-1 provider adjustment reason codes of the 005010X221A1 835. */
export const PROVIDER_ADJUSTMENT_REASON: ReadonlySet<string> = new Set(
  '50 51 72 90 AH AM AP B2 B3 BD BN C5 CR CS CT CV CW DM E3 FB FC GO HM IP IR IS J1 L3 L6 LE LS OA OB PI PL RA RE SL TL WO WU'.split(' '),
);

/**
 * A code outside its code list is a finding (never silently accepted): `error` when the code
 * decides what the data means (CLP02, the claim's status), else `warning`.
 */
export function unknownCodeFinding(
  seg: Segment,
  n: number,
  known: (code: string) => boolean,
  what: string,
  sink: { findings: Finding835[]; stIndex: number; patientControlNumber?: string },
  severity: Finding835['severity'] = 'warning',
): void {
  const code = el(seg, n);
  if (code === '' || known(code)) return;
  const finding: Finding835 = {
    code: 'UNKNOWN_CODE',
    severity,
    message: `${seg.id}${String(n).padStart(2, '0')} ${shown(code)} is not ${what} of the 835 (005010X221A1)`,
    segment: ref(seg, sink.stIndex),
  };
  if (sink.patientControlNumber !== undefined) finding.patientControlNumber = sink.patientControlNumber;
  sink.findings.push(finding);
}

/** A table's codes, as the test unknownCodeFinding takes. */
export function inTable(table: Readonly<Record<string, string>>): (code: string) => boolean {
  return (code) => table[code] !== undefined;
}

export function coded(table: Readonly<Record<string, string>>, code: string): Coded {
  const meaning = table[code];
  return meaning === undefined ? { code } : { code, meaning };
}
