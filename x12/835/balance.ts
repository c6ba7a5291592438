import * as adjustment from '../common/adjustment';
import type { Cents } from '../common/money';
import type { Claim835, Finding835, Remittance835 } from './types';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { sumAdjustments } = adjustment;

/*
 * The 835 balancing rules (005010X221A1 TR3, section on balancing; restated in X12 RFIs):
 * - service line: SVC02 charge - sum of the line's CAS amounts = SVC03 paid;
 * - claim: CLP03 charge - sum of claim-level CAS - sum of all line-level CAS = CLP04 paid;
 * - transaction: sum of CLP04 - sum of PLB amounts = BPR02 (a positive PLB takes money back).
 * CLP05 should equal the sum of all PR adjustments (not part of balancing; reversals excepted).
 */

/** Cents as dollars with two decimals, for messages ("1766.50"). */
export function money(c: Cents): string {
  const abs = Math.abs(c);
  return `${c < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Checks a claim and its lines; pushes findings onto claim.findings. */
export function balanceClaim(claim: Claim835): void {
  const pcn = claim.patientControlNumber;
  let lineAdjustments = 0;
  claim.serviceLines.forEach((line, i) => {
    const adjustments = sumAdjustments(line.adjustments);
    lineAdjustments += adjustments;
    const expected = line.chargeCents - adjustments;
    if (expected !== line.paidCents) {
      claim.findings.push({
        code: 'SERVICE_LINE_UNBALANCED',
        severity: 'error',
        message: `claim ${pcn}, service line ${i + 1}: charge ${money(line.chargeCents)} - adjustments ${money(adjustments)} = ${money(expected)}, but SVC03 paid is ${money(line.paidCents)} (off by ${money(line.paidCents - expected)})`,
        segment: line.segment,
        patientControlNumber: pcn,
        serviceLine: i + 1,
      });
    }
  });
  const claimAdjustments = sumAdjustments(claim.adjustments);
  const expected = claim.chargeCents - claimAdjustments - lineAdjustments;
  if (expected !== claim.paidCents) {
    claim.findings.push({
      code: 'CLAIM_UNBALANCED',
      severity: 'error',
      message: `claim ${pcn}: charge ${money(claim.chargeCents)} - claim adjustments ${money(claimAdjustments)} - line adjustments ${money(lineAdjustments)} = ${money(expected)}, but CLP04 paid is ${money(claim.paidCents)} (off by ${money(claim.paidCents - expected)})`,
      segment: claim.segment,
      patientControlNumber: pcn,
    });
  }
  if (!claim.isReversal) {
    const pr =
      claim.adjustments.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0) +
      claim.serviceLines.reduce((t, l) => t + l.adjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amountCents, 0), 0);
    const stated = claim.patientResponsibilityCents ?? 0;
    if (pr !== stated) {
      claim.findings.push({
        code: 'PATIENT_RESPONSIBILITY_MISMATCH',
        severity: 'warning',
        message: `claim ${pcn}: CLP05 patient responsibility ${money(stated)} differs from the sum of PR adjustments ${money(pr)}`,
        segment: claim.segment,
        patientControlNumber: pcn,
      });
    }
  }
}

/** Checks BPR02 against the claims and PLB; returns the finding when it does not balance. */
export function balanceRemittance(
  r: Pick<Remittance835, 'payment' | 'claims' | 'providerAdjustments' | 'segment'>,
  bprSegment: Finding835['segment'],
  /** The claims' paid total when they were streamed rather than kept in r.claims. */
  claimsPaidCents: number = r.claims.reduce((t, c) => t + c.paidCents, 0),
): Finding835 | undefined {
  const paid = claimsPaidCents;
  const plb = r.providerAdjustments.reduce((t, p) => t + p.entries.reduce((s, e) => s + e.amountCents, 0), 0);
  const expected = paid - plb;
  if (expected === r.payment.totalPaidCents) return undefined;
  return {
    code: 'PAYMENT_UNBALANCED',
    severity: 'error',
    message: `BPR02 total ${money(r.payment.totalPaidCents)} differs from claims paid ${money(paid)} - provider adjustments ${money(plb)} = ${money(expected)} (off by ${money(r.payment.totalPaidCents - expected)})`,
    segment: bprSegment,
  };
}
