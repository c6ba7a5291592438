/**
 * Whether two remittances for one claim say the same thing: a paper EOB staff keyed and the
 * ERA that came later, or the same claim in two ERAs. They agree when the payer paid the same,
 * left the patient the same, adjusted the same amounts for the same reasons (claim and line
 * levels together) and processed the claim the same way (paid, denied, forwarded). Pure code.
 */
export interface ComparableAdjudication {
  claimStatusCode: string;
  paidCents: number;
  patientResponsibilityCents: number;
  /** Every adjustment, claim and line level. */
  adjustments: readonly { group: string; reason: string; amountCents: number }[];
}

export interface RemittanceDifference {
  field: 'paidCents' | 'patientResponsibilityCents' | 'adjustments' | 'claimStatusCode';
  posted: string;
  incoming: string;
}

/** How the payer processed the claim: what matters of CLP02 for the bill (an EOB does not say 1 or 2). */
export function outcomeOf(claimStatusCode: string): 'denied' | 'forwarded' | 'reversal' | 'processed' {
  if (claimStatusCode === '4') return 'denied';
  if (claimStatusCode === '22') return 'reversal';
  if (['19', '20', '21', '23'].includes(claimStatusCode)) return 'forwarded';
  return 'processed';
}

function adjustmentTotals(adjustments: ComparableAdjudication['adjustments']): Map<string, number> {
  const totals = new Map<string, number>();
  for (const a of adjustments) totals.set(`${a.group}-${a.reason}`, (totals.get(`${a.group}-${a.reason}`) ?? 0) + a.amountCents);
  for (const [key, cents] of totals) if (cents === 0) totals.delete(key);
  return totals;
}

function describe(totals: Map<string, number>): string {
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, cents]) => `${key} ${cents}`)
    .join(', ');
}

/** The differences between what is posted and what came in; none when they agree. Amounts in cents. */
export function compareRemittances(posted: ComparableAdjudication, incoming: ComparableAdjudication): RemittanceDifference[] {
  const out: RemittanceDifference[] = [];
  if (posted.paidCents !== incoming.paidCents)
    out.push({ field: 'paidCents', posted: `${posted.paidCents}`, incoming: `${incoming.paidCents}` });
  if (posted.patientResponsibilityCents !== incoming.patientResponsibilityCents) {
    out.push({
      field: 'patientResponsibilityCents',
      posted: `${posted.patientResponsibilityCents}`,
      incoming: `${incoming.patientResponsibilityCents}`,
    });
  }
  const a = describe(adjustmentTotals(posted.adjustments));
  const b = describe(adjustmentTotals(incoming.adjustments));
  if (a !== b) out.push({ field: 'adjustments', posted: a || 'none', incoming: b || 'none' });
  if (outcomeOf(posted.claimStatusCode) !== outcomeOf(incoming.claimStatusCode)) {
    out.push({ field: 'claimStatusCode', posted: outcomeOf(posted.claimStatusCode), incoming: outcomeOf(incoming.claimStatusCode) });
  }
  return out;
}

/** "paid 12000 posted, 11000 in the ERA; ..." for a person (amounts and codes only). */
export function describeDifferences(differences: readonly RemittanceDifference[]): string {
  return differences.map((d) => `${d.field}: ${d.posted} posted, ${d.incoming} in the ERA`).join('; ');
}
