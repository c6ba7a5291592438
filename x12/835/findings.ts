import type { Finding835, Remittance835 } from './types';

/** Every finding of a remittance: payment-level first, then each claim's, in file order. */
export function allFindings(remittance: Remittance835): Finding835[] {
  return [...remittance.findings, ...remittance.claims.flatMap((c) => c.findings)].sort((a, b) => a.segment.index - b.segment.index);
}
