import type { Coded } from './types';

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

export function coded(table: Readonly<Record<string, string>>, code: string): Coded {
  const meaning = table[code];
  return meaning === undefined ? { code } : { code, meaning };
}
