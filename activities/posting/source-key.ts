/**
 * The identity of one ERA claim payment, used as Payment.sourceKey (and UnmatchedEraClaim.sourceKey):
 *
 *   era:<payer>:<TRN02 trace>:<CLP01>:<CLP07>:<CLP02>[#<n>]
 *
 * - payer: REF*2U payer identification number, else N1*PR N104, else TRN03 (originating company id),
 *   else the payer name;
 * - TRN02: the check or EFT trace number of the payment that carries the claim;
 * - CLP01 patient control number, CLP07 payer claim control number (empty when absent), CLP02 status;
 * - `#n` (n >= 2) only when the very same identity occurs more than once in one payment.
 *
 * The same ERA file downloaded again, or the same payment re-sent inside another file, gives the
 * same keys, so nothing is posted twice. A reversal (CLP02 22) and its correction (new CLP02 and
 * usually a new CLP07) have keys of their own. Keys hold our own claim numbers and the payer's,
 * never patient data.
 */
import type { Claim835, Remittance835 } from '../../x12/835';

export function payerKey(r: Pick<Remittance835, 'payer' | 'payment'>): string {
  return (
    r.payer.payerIdentificationNumber || r.payer.id?.value || r.payment.originatingCompanyId || `name=${r.payer.name.trim().toUpperCase()}`
  );
}

function clean(part: string | undefined): string {
  return (part ?? '').trim().replace(/:/g, '_');
}

/** The keys of every claim of one remittance, in order, with `#n` for repeats. */
export function eraSourceKeys(r: Pick<Remittance835, 'payer' | 'payment' | 'claims'>): string[] {
  const seen = new Map<string, number>();
  const prefix = `era:${clean(payerKey(r))}:${clean(r.payment.traceNumber)}`;
  return r.claims.map((c: Claim835) => {
    const base = `${prefix}:${clean(c.patientControlNumber)}:${clean(c.payerClaimControlNumber)}:${clean(c.status.code)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
