import { sha256Hex } from '../../runtime/sha256';
import { formatAmount } from '../../x12/common/money';
import type { Adjustment } from '../../x12/common/adjustment';
import { adjudicate, chooseOutcome, type AdjudicatedClaim, type OutcomeRules, type PricingRules, type SimOutcome } from './adjudicate';
import { read837p, type Sim837File, type SimClaim, type SimTransaction } from './read-837p';

/**
 * The payer SIMULATOR's pure core: an 837P in, the 999, 277CA and 835 a clearinghouse and payer
 * would send back. Every interchange it writes is marked: sender id `SIMULATOR`, payer name
 * starting with "SIMULATOR", payer claim numbers and check numbers starting with "SIM". It is
 * never Office Ally.
 *
 * Output is deterministic: the same 837 and the same `receivedAt` give the same bytes.
 */
export const SIMULATOR_ID = 'SIMULATOR';

export interface SimulatorOptions {
  outcomes?: OutcomeRules;
  pricing?: PricingRules;
  /** When the 835 is dated, counted from receipt; default 0. */
  eraDelayMs?: number;
}

export interface SimClaimResult {
  claimId: string;
  payerRank: string;
  outcome: SimOutcome;
  /** Null for a rejected claim. */
  adjudication: AdjudicatedClaim | null;
  payerClaimControlNumber: string;
}

export interface SimulatorResult {
  file: Sim837File;
  claims: SimClaimResult[];
  ack999: string;
  claimAck277: string;
  /** Null when every claim was rejected. */
  era835: string | null;
}

const E = '*';
const C = ':';
const R = '^';
const T = '~';

function digits(seed: string, length: number): string {
  const n = BigInt(`0x${sha256Hex(seed).slice(0, 15)}`);
  const mod = 10n ** BigInt(length);
  const v = n % mod;
  return (v === 0n ? 1n : v).toString().padStart(length, '0');
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

function hm(d: Date): string {
  return d.toISOString().slice(11, 16).replace(':', '');
}

/** Replaces characters that would break our separators in a value copied from the 837. */
function clean(text: string): string {
  return text.replace(/[*:^~\r\n]/g, ' ').trim();
}

class Writer {
  private readonly segments: string[] = [];
  private stStart = 0;

  seg(...elements: Array<string | number>): this {
    let parts = elements.map(String);
    while (parts.length > 1 && parts[parts.length - 1] === '') parts = parts.slice(0, -1);
    this.segments.push(parts.join(E));
    return this;
  }

  startTransaction(): void {
    this.stStart = this.segments.length;
  }

  /** Segments from ST through the SE about to be written. */
  transactionCount(): number {
    return this.segments.length - this.stStart + 1;
  }

  text(): string {
    return this.segments.map((s) => s + T).join('');
  }
}

interface Envelope {
  file: Sim837File;
  date: Date;
  control: string;
  functionalId: string;
  version: string;
}

function openEnvelope(w: Writer, env: Envelope): void {
  const i = env.file.interchange;
  const pad = (s: string) => s.slice(0, 15).padEnd(15, ' ');
  w.seg(
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    pad(SIMULATOR_ID),
    i.senderQualifier || 'ZZ',
    pad(i.senderId || 'UNKNOWN'),
    ymd(env.date).slice(2),
    hm(env.date),
    R,
    '00501',
    env.control,
    '0',
    i.usage === 'P' ? 'P' : 'T',
    C,
  );
  const receiver = env.file.groups[0]?.senderId || i.senderId || 'UNKNOWN';
  w.seg('GS', env.functionalId, SIMULATOR_ID, receiver, ymd(env.date), hm(env.date), String(Number(env.control)), 'X', env.version);
}

function closeEnvelope(w: Writer, env: Envelope, transactions: number): void {
  w.seg('GE', transactions, String(Number(env.control)));
  w.seg('IEA', 1, env.control);
}

/** 999: accepts every 837 transaction set (claims are judged in the 277CA). */
export function write999(file: Sim837File, seed: string, date: Date): string {
  const w = new Writer();
  const env: Envelope = { file, date, control: digits(`${seed}/999`, 9), functionalId: 'FA', version: '005010X231A1' };
  openEnvelope(w, env);
  file.groups.forEach((group, gi) => {
    const st = String(gi + 1).padStart(4, '0');
    w.startTransaction();
    w.seg('ST', '999', st, '005010X231A1');
    w.seg('AK1', 'HC', group.controlNumber, group.version || '005010X222A1');
    for (const tx of group.transactions) {
      w.seg('AK2', '837', tx.controlNumber, group.version || '005010X222A1');
      w.seg('IK5', 'A');
    }
    const n = group.transactions.length;
    w.seg('AK9', 'A', n, n, n);
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

/** 277CA: one claim-level status per claim, TRN*2 = CLM01; accepted (A2:20) or rejected (A7:21). */
export function write277ca(file: Sim837File, results: readonly SimClaimResult[], seed: string, date: Date): string {
  const w = new Writer();
  const env: Envelope = { file, date, control: digits(`${seed}/277`, 9), functionalId: 'HN', version: '005010X214' };
  openEnvelope(w, env);
  const transactions = file.groups.flatMap((g) => g.transactions);
  let resultIndex = 0;
  transactions.forEach((tx: SimTransaction, ti) => {
    const st = String(ti + 1).padStart(4, '0');
    const txResults = tx.claims.map(() => results[resultIndex++]).filter((r): r is SimClaimResult => r !== undefined);
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
          w.seg(
            'STC',
            `A7${C}21`,
            ymd(date),
            'U',
            formatAmount(claim.chargeCents),
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            'SIMULATOR REJECTED THIS CLAIM AS REQUESTED',
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

/** 835: one transaction per payer, balanced, CLP01 = CLM01, REF*6R echoed per line. */
export function write835(file: Sim837File, results: readonly SimClaimResult[], seed: string, date: Date, receivedAt: Date): string | null {
  const paid = results.filter((r): r is SimClaimResult & { adjudication: AdjudicatedClaim } => r.adjudication !== null);
  if (paid.length === 0) return null;
  const byPayer = new Map<string, typeof paid>();
  for (const r of paid) {
    const key = `${r.adjudication.claim.payer.id}|${r.adjudication.claim.payer.name}`;
    byPayer.set(key, [...(byPayer.get(key) ?? []), r]);
  }
  const w = new Writer();
  const env: Envelope = { file, date, control: digits(`${seed}/835`, 9), functionalId: 'HP', version: '005010X221A1' };
  openEnvelope(w, env);
  let t = 0;
  for (const [payerKey, rs] of byPayer) {
    t += 1;
    const st = String(t).padStart(4, '0');
    const first = rs[0]?.adjudication.claim as SimClaim;
    const total = rs.reduce((sum, r) => sum + r.adjudication.paidCents, 0);
    w.startTransaction();
    w.seg('ST', '835', st);
    if (total > 0) w.seg('BPR', 'I', formatAmount(total), 'C', 'CHK', '', '', '', '', '', '', '', '', '', '', '', ymd(date));
    else w.seg('BPR', 'H', '0', 'C', 'NON', '', '', '', '', '', '', '', '', '', '', '', ymd(date));
    w.seg('TRN', '1', `SIMCHK${digits(`${seed}/835/${payerKey}`, 9)}`, '1999999999');
    w.seg('DTM', '405', ymd(date));
    w.seg('N1', 'PR', `SIMULATOR ${clean(first.payer.name)}`.slice(0, 60).trim());
    w.seg('N3', '1 SIMULATOR WAY');
    w.seg('N4', 'NOWHERE', 'CA', '90000');
    if (first.payer.id) w.seg('REF', '2U', clean(first.payer.id));
    w.seg('PER', 'BL', 'SIMULATOR', 'EM', 'simulator@example.invalid');
    w.seg('N1', 'PE', clean(first.billingProvider.name) || 'PAYEE', 'XX', clean(first.billingProvider.npi));
    if (first.billingProvider.taxId) w.seg('REF', 'TJ', clean(first.billingProvider.taxId));
    w.seg('LX', '1');
    for (const r of rs) {
      const a = r.adjudication;
      const c = a.claim;
      w.seg(
        'CLP',
        c.claimId,
        a.statusCode,
        formatAmount(a.chargeCents),
        formatAmount(a.paidCents),
        a.patientResponsibilityCents > 0 ? formatAmount(a.patientResponsibilityCents) : '',
        clean(c.filingCode) || 'CI',
        r.payerClaimControlNumber,
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
      }
    }
    w.seg('SE', w.transactionCount(), st);
  }
  closeEnvelope(w, env, t);
  return w.text();
}

/**
 * Answers an 837P: chooses each claim's outcome (see OutcomeRules), adjudicates it and writes
 * the three responses. `receivedAt` dates the 999 and 277CA; the 835 is dated
 * `receivedAt + eraDelayMs`. Throws SimulatorInputError when the 837 cannot be read.
 */
export function simulatePayer(text837: string, receivedAt: Date, options: SimulatorOptions = {}): SimulatorResult {
  const file = read837p(text837);
  const seed = sha256Hex(text837);
  const claims: SimClaimResult[] = file.groups.flatMap((g) =>
    g.transactions.flatMap((tx) =>
      tx.claims.map((claim, i) => {
        const outcome = chooseOutcome(claim, options.outcomes);
        return {
          claimId: claim.claimId,
          payerRank: claim.payerRank,
          outcome,
          adjudication: outcome === 'rejected' ? null : adjudicate(claim, outcome, options.pricing),
          payerClaimControlNumber: `SIM${digits(`${seed}/${g.controlNumber}/${tx.controlNumber}/${i}/${claim.claimId}`, 12)}`,
        };
      }),
    ),
  );
  const eraDate = new Date(receivedAt.getTime() + (options.eraDelayMs ?? 0));
  return {
    file,
    claims,
    ack999: write999(file, seed, receivedAt),
    claimAck277: write277ca(file, claims, seed, receivedAt),
    era835: write835(file, claims, seed, eraDate, receivedAt),
  };
}
