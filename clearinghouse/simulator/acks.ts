import { formatAmount } from '../../x12/common/money';
import type { Sim837File, SimClaim } from './read-837p';
import type { SimClaimResult } from './responses';
import { C, clean, closeEnvelope, digits, hm, openEnvelope, SIMULATOR_ID, Writer, ymd, type Envelope } from './writer';

/**
 * 999: per 837 transaction set, accepted (IK5 A), or rejected (IK5 R, IK502 5) when a claim in
 * it goes to a payer whose scenario rejects at the 999: one IK3 at that claim's NM1*PR with an
 * IK4 per code. AK9 says A, P (some rejected) or R.
 */
export function write999(file: Sim837File, seed: string, date: Date, results: readonly SimClaimResult[] = []): string {
  const w = new Writer();
  const env: Envelope = { file, date, control: digits(`${seed}/999`, 9), functionalId: 'FA', version: '005010X231A1' };
  openEnvelope(w, env);
  let resultIndex = 0;
  file.groups.forEach((group, gi) => {
    const st = String(gi + 1).padStart(4, '0');
    w.startTransaction();
    w.seg('ST', '999', st, '005010X231A1');
    w.seg('AK1', 'HC', group.controlNumber, group.version || '005010X222A1');
    let accepted = 0;
    for (const tx of group.transactions) {
      const txResults = tx.claims.map(() => results[resultIndex++]);
      const refused = txResults.find((r) => r?.outcome === 'rejected-999');
      w.seg('AK2', '837', tx.controlNumber, group.version || '005010X222A1');
      if (refused) {
        const claim = tx.claims[txResults.indexOf(refused)];
        w.seg('IK3', 'NM1', claim?.payerSegmentPosition || 1, '2010', '8');
        for (const code of refused.rejectionCodes) w.seg('IK4', '9', '67', code);
        w.seg('IK5', 'R', '5');
      } else {
        accepted += 1;
        w.seg('IK5', 'A');
      }
    }
    const n = group.transactions.length;
    w.seg('AK9', accepted === n ? 'A' : accepted === 0 ? 'R' : 'P', n, n, accepted);
    w.seg('SE', w.transactionCount(), st);
  });
  closeEnvelope(w, env, file.groups.length);
  return w.text();
}

function serviceDates(claim: SimClaim): { format: string; value: string } | null {
  const dates = claim.lines.map((l) => l.serviceDate).filter((d): d is { format: string; value: string } => d !== null);
  const values = dates.flatMap((d) => d.value.split('-')).sort();
  const first = values[0];
  const last = values[values.length - 1];
  if (!first || !last) return null;
  return first === last ? { format: 'D8', value: first } : { format: 'RD8', value: `${first}-${last}` };
}

/**
 * 277CA: one claim-level status per claim, TRN*2 = CLM01; accepted (A2:20, REF*1K the payer
 * claim control number) or rejected (A7 with the scenario's status codes, entity 85). No
 * transaction for an 837 transaction set the 999 rejected; null when the 999 rejected them all.
 */
export function write277ca(file: Sim837File, results: readonly SimClaimResult[], seed: string, date: Date): string | null {
  const w = new Writer();
  const env: Envelope = { file, date, control: digits(`${seed}/277`, 9), functionalId: 'HN', version: '005010X214' };
  openEnvelope(w, env);
  let resultIndex = 0;
  const transactions = file.groups
    .flatMap((g) => g.transactions)
    .map((tx) => ({ tx, txResults: tx.claims.map(() => results[resultIndex++]).filter((r): r is SimClaimResult => r !== undefined) }))
    .filter(({ txResults }) => !txResults.some((r) => r.outcome === 'rejected-999'));
  if (transactions.length === 0) return null;
  transactions.forEach(({ tx, txResults }, ti) => {
    const st = String(ti + 1).padStart(4, '0');
    const rejected = (r: SimClaimResult) => r.outcome === 'rejected';
    w.startTransaction();
    w.seg('ST', '277', st, '005010X214');
    w.seg('BHT', '0085', '08', `SIM${digits(`${seed}/277/${st}`, 9)}`, ymd(date), hm(date), 'TH');
    let hl = 1;
    w.seg('HL', hl, '', '20', '1');
    w.seg('NM1', 'AY', '2', 'SIMULATOR CLEARINGHOUSE', '', '', '', '', '46', SIMULATOR_ID);
    w.seg('TRN', '1', `SIM${digits(`${seed}/277/${st}/src`, 9)}`);
    w.seg('DTP', '050', 'D8', ymd(date));
    w.seg('DTP', '009', 'D8', ymd(date));
    hl += 1;
    const receiverHl = hl;
    const accepted = txResults.filter((r) => !rejected(r));
    const refused = txResults.filter(rejected);
    const chargeOf = (r: SimClaimResult) => tx.claims[txResults.indexOf(r)]?.chargeCents ?? 0;
    const total = (rs: SimClaimResult[]) => rs.reduce((t, r) => t + chargeOf(r), 0);
    w.seg('HL', hl, '1', '21', '1');
    w.seg('NM1', '41', '2', clean(tx.submitter.name) || 'SUBMITTER', '', '', '', '', '46', clean(tx.submitter.id) || 'UNKNOWN');
    w.seg('TRN', '2', clean(tx.batchReference) || tx.controlNumber);
    w.seg('STC', `A1${C}19${C}PR`, ymd(date), 'WQ', formatAmount(total(txResults)));
    if (accepted.length > 0) w.seg('QTY', '90', accepted.length);
    if (refused.length > 0) w.seg('QTY', 'AA', refused.length);
    if (accepted.length > 0) w.seg('AMT', 'YU', formatAmount(total(accepted)));
    if (refused.length > 0) w.seg('AMT', 'YY', formatAmount(total(refused)));
    // One billing provider level per distinct NPI, each with its patients' claims.
    const providers = new Map<string, SimClaimResult[]>();
    txResults.forEach((r, i) => {
      const key = tx.claims[i]?.billingProvider.npi ?? '';
      providers.set(key, [...(providers.get(key) ?? []), r]);
    });
    for (const [npi, rs] of providers) {
      hl += 1;
      const providerHl = hl;
      const claim0 = tx.claims[txResults.indexOf(rs[0] as SimClaimResult)];
      w.seg('HL', providerHl, receiverHl, '19', '1');
      w.seg('NM1', '85', '2', clean(claim0?.billingProvider.name ?? '') || 'PROVIDER', '', '', '', '', 'XX', npi);
      w.seg('TRN', '1', `SIM${digits(`${seed}/277/${st}/${npi}`, 9)}`);
      const ok = rs.filter((r) => !rejected(r));
      const ko = rs.filter(rejected);
      if (ok.length > 0) w.seg('QTY', 'QA', ok.length);
      if (ko.length > 0) w.seg('QTY', 'QC', ko.length);
      if (ok.length > 0) w.seg('AMT', 'YU', formatAmount(total(ok)));
      if (ko.length > 0) w.seg('AMT', 'YY', formatAmount(total(ko)));
      for (const r of rs) {
        const claim = tx.claims[txResults.indexOf(r)];
        if (!claim) continue;
        hl += 1;
        w.seg('HL', hl, providerHl, 'PT');
        w.seg('NM1', 'QC', '1', clean(claim.patient.last), clean(claim.patient.first), '', '', '', 'MI', clean(claim.subscriber.memberId));
        w.seg('TRN', '2', claim.claimId);
        if (rejected(r)) {
          const [first = '21', ...more] = r.rejectionCodes;
          const extra = more.slice(0, 2).map((code) => `A7${C}${code}${C}85`);
          w.seg(
            'STC',
            `A7${C}${first}${C}85`,
            ymd(date),
            'U',
            formatAmount(claim.chargeCents),
            '',
            '',
            '',
            '',
            '',
            extra[0] ?? '',
            extra[1] ?? '',
            'SIMULATOR REJECTED THIS CLAIM AS ITS PAYER SCENARIO SAYS',
          );
        } else {
          w.seg('STC', `A2${C}20`, ymd(date), 'WQ', formatAmount(claim.chargeCents));
          w.seg('REF', '1K', r.payerClaimControlNumber);
        }
        const dates = serviceDates(claim);
        if (dates) w.seg('DTP', '472', dates.format, dates.value);
      }
    }
    w.seg('SE', w.transactionCount(), st);
  });
  closeEnvelope(w, env, transactions.length);
  return w.text();
}
