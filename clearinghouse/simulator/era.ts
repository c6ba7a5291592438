import type { Adjustment } from '../../x12/common/adjustment';
import { formatAmount, type Cents } from '../../x12/common/money';
import { CLAIM_FILING_INDICATOR_835 } from '../../x12/835/codes';
import type { AdjudicatedClaim } from './adjudicate';
import type { Sim837File, SimClaim } from './read-837p';
import { pick } from './scenarios';
import { C, clean, closeEnvelope, digits, openEnvelope, Writer, ymd, type Envelope } from './writer';

/** One claim of an 835: its adjudication (or reversal), its payer claim number, what the payer withholds. */
export interface EraClaim {
  adjudication: AdjudicatedClaim;
  payerClaimControlNumber: string;
  /** PLB WO (overpayment recovery) the payer takes from this payment, in cents. */
  withholdCents?: Cents;
}

function casSegments(w: Writer, adjustments: readonly Adjustment[]): void {
  const groups = new Map<string, Adjustment[]>();
  for (const a of adjustments) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  for (const [group, list] of groups) {
    for (let i = 0; i < list.length; i += 6) {
      const triples = list
        .slice(i, i + 6)
        .flatMap((a) => [a.reason, formatAmount(a.amountCents), a.quantity === undefined ? '' : String(a.quantity)]);
      w.seg('CAS', group, ...triples);
    }
  }
}

/**
 * BPR and TRN: a check (CHK) or an EFT (ACH CCP) by payer, drawn from its id; nothing paid is
 * BPR*H (notification only, NON). TRN02 is the check or EFT trace number.
 */
function payment(w: Writer, first: SimClaim, amount: Cents, seed: string, date: Date): void {
  const trace = digits(`${seed}/835/${first.payer.id}/${first.payer.name}`, 9);
  const eft = pick(`${first.payer.id}|${first.payer.name}`, 2) === 1;
  if (amount <= 0) {
    w.seg('BPR', 'H', '0', 'C', 'NON', '', '', '', '', '', '', '', '', '', '', '', ymd(date));
    w.seg('TRN', '1', `SIMNON${trace}`, '1999999999');
  } else if (eft) {
    const account = digits(`${first.billingProvider.npi}/account`, 9);
    w.seg(
      'BPR',
      'I',
      formatAmount(amount),
      'C',
      'ACH',
      'CCP',
      '01',
      '999999992',
      'DA',
      '900123456',
      '1999999999',
      '',
      '01',
      '999988880',
      'DA',
      account,
      ymd(date),
    );
    w.seg('TRN', '1', `SIMEFT${trace}`, '1999999999');
  } else {
    w.seg('BPR', 'I', formatAmount(amount), 'C', 'CHK', '', '', '', '', '', '', '', '', '', '', '', ymd(date));
    w.seg('TRN', '1', `SIMCHK${trace}`, '1999999999');
  }
}

/** CLP06 from the 837's SBR09: the 835's list is shorter; commercial and Blue Cross plans answer as a PPO (12). */
function filingCode835(sbr09: string): string {
  const code = clean(sbr09);
  if (code in CLAIM_FILING_INDICATOR_835) return code;
  return code === 'CI' || code === 'BL' || code === '' ? '12' : 'ZZ';
}

function claimSegments(w: Writer, item: EraClaim, receivedAt: Date): void {
  const a = item.adjudication;
  const c = a.claim;
  w.seg(
    'CLP',
    c.claimId,
    a.statusCode,
    formatAmount(a.chargeCents),
    formatAmount(a.paidCents),
    a.patientResponsibilityCents !== 0 ? formatAmount(a.patientResponsibilityCents) : '',
    filingCode835(c.filingCode),
    item.payerClaimControlNumber,
    clean(c.facilityCode) || '11',
    clean(c.frequency) || '1',
  );
  w.seg('NM1', 'QC', '1', clean(c.patient.last), clean(c.patient.first), '', '', '', 'MI', clean(c.subscriber.memberId));
  if (a.crossoverTo) w.seg('NM1', 'TT', '2', clean(a.crossoverTo.name), '', '', '', '', 'PI', clean(a.crossoverTo.id));
  w.seg('DTM', '050', ymd(receivedAt));
  for (const l of a.lines) {
    w.seg(
      'SVC',
      l.line.procedure.map(clean).join(C),
      formatAmount(l.line.chargeCents),
      formatAmount(l.paidCents),
      '',
      l.line.units !== '1' ? clean(l.line.units) : '',
    );
    const d = l.line.serviceDate;
    if (d && d.format === 'RD8') {
      const [from, to] = d.value.split('-');
      w.seg('DTM', '150', from ?? '');
      w.seg('DTM', '151', to ?? '');
    } else if (d) {
      w.seg('DTM', '472', d.value);
    }
    casSegments(w, l.adjustments);
    if (l.line.lineControl) w.seg('REF', '6R', clean(l.line.lineControl));
    if (a.outcome !== 'denied') w.seg('AMT', 'B6', formatAmount(l.allowedCents));
    for (const remark of l.remarks) w.seg('LQ', 'HE', remark);
  }
}

/**
 * 835: one transaction per payer, balanced (BPR02 = the CLP04s less the PLBs), CLP01 = CLM01,
 * REF*6R echoed per line. A payer that withholds takes it in a PLB WO (never more than it
 * pays); a payment that comes out below zero (a reversal alone) is carried forward in a PLB FB.
 */
export function write835(file: Sim837File, items: readonly EraClaim[], seed: string, date: Date, receivedAt: Date): string | null {
  if (items.length === 0) return null;
  const byPayer = new Map<string, EraClaim[]>();
  for (const item of items) {
    const key = `${item.adjudication.claim.payer.id}|${item.adjudication.claim.payer.name}`;
    byPayer.set(key, [...(byPayer.get(key) ?? []), item]);
  }
  const w = new Writer();
  const env: Envelope = { file, date, control: digits(`${seed}/835`, 9), functionalId: 'HP', version: '005010X221A1' };
  openEnvelope(w, env);
  let t = 0;
  for (const [payerKey, rs] of byPayer) {
    t += 1;
    const st = String(t).padStart(4, '0');
    const first = rs[0]?.adjudication.claim as SimClaim;
    const paid = rs.reduce((sum, r) => sum + r.adjudication.paidCents, 0);
    const withheld = Math.max(0, Math.min(paid, Math.max(0, ...rs.map((r) => r.withholdCents ?? 0))));
    const forwarded = paid < 0 ? paid : 0;
    w.startTransaction();
    w.seg('ST', '835', st);
    payment(w, first, paid - withheld - forwarded, `${seed}/${payerKey}`, date);
    w.seg('DTM', '405', ymd(date));
    w.seg('N1', 'PR', `SIMULATOR ${clean(first.payer.name)}`.slice(0, 60).trim());
    w.seg('N3', '1 SIMULATOR WAY');
    w.seg('N4', 'NOWHERE', 'CA', '90000');
    if (first.payer.id) w.seg('REF', '2U', clean(first.payer.id));
    w.seg('PER', 'BL', 'SIMULATOR', 'EM', 'simulator@example.invalid');
    w.seg('N1', 'PE', clean(first.billingProvider.name) || 'PAYEE', 'XX', clean(first.billingProvider.npi));
    if (first.billingProvider.taxId) w.seg('REF', 'TJ', clean(first.billingProvider.taxId));
    w.seg('LX', '1');
    for (const r of rs) claimSegments(w, r, receivedAt);
    const fiscalYearEnd = `${date.getUTCFullYear()}1231`;
    const npi = clean(first.billingProvider.npi) || 'PAYEE';
    if (withheld > 0) w.seg('PLB', npi, fiscalYearEnd, `WO${C}SIM${digits(`${seed}/${payerKey}/wo`, 9)}`, formatAmount(withheld));
    if (forwarded < 0) w.seg('PLB', npi, fiscalYearEnd, `FB${C}SIM${digits(`${seed}/${payerKey}/fb`, 9)}`, formatAmount(forwarded));
    w.seg('SE', w.transactionCount(), st);
  }
  closeEnvelope(w, env, t);
  return w.text();
}
