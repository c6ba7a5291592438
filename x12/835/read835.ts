import type { TransactionHandler, TransactionStart } from '../read/envelope';
import { MalformedX12Error } from '../read/errors';
import { optionalNumber, amount } from '../read/fields';
import { dateOrFinding } from './dates';
import { el, ref, type Loop, type Segment } from '../read/segment';
import { readX12, type X12Input } from '../read/stream';
import { balanceClaim, balanceRemittance } from './balance';
import { readClaim } from './claim';
import { PROVIDER_ADJUSTMENT_REASON, unknownCodeFinding } from './codes';
import { readBpr, readN1, readTrn } from './header';
import type { Claim835, Finding835, Payee835, Payer835, Payment835, ProviderAdjustment, Remittance835, Remittance835Result } from './types';

/** Loop 2100 starts at CLP and holds 2110 loops starting at SVC; these segments close a claim. */
const LOOPS_835 = {
  start: 'CLP',
  name: '2100',
  terminators: ['LX', 'TS3', 'TS2', 'PLB', 'BPR', 'TRN', 'N1'],
  groups: [{ start: 'SVC', name: '2110' }],
};

type Phase = 'start' | 'header' | 'detail' | 'summary';

/**
 * An exact-size copy of a filled array (see tighten); an empty one as it is. Short ones are
 * array literals: V8 learns that what a literal allocates here lives on, and allocates it
 * straight in the old generation instead of copying it there (allocation-site pretenuring).
 */
function exact<T>(items: T[]): T[] {
  switch (items.length) {
    case 0:
      return items;
    case 1:
      return [items[0] as T];
    case 2:
      return [items[0] as T, items[1] as T];
    case 3:
      return [items[0] as T, items[1] as T, items[2] as T];
    default:
      return items.slice();
  }
}

/**
 * Every claim of a remittance is kept until the whole file is read. An array filled by push
 * keeps room for 17 entries, so a claim's few one-entry arrays would cost more memory (and
 * garbage collection) than the claim itself: keep exact-size copies instead. Same contents.
 */
function tighten(claim: Claim835): Claim835 {
  claim.adjustments = exact(claim.adjustments);
  claim.otherParties = exact(claim.otherParties);
  claim.adjudication = exact(claim.adjudication);
  claim.remarkCodes = exact(claim.remarkCodes);
  claim.amounts = exact(claim.amounts);
  claim.quantities = exact(claim.quantities);
  claim.references = exact(claim.references);
  claim.findings = exact(claim.findings);
  for (const line of claim.serviceLines) {
    line.adjustments = exact(line.adjustments);
    line.remarkCodes = exact(line.remarkCodes);
    line.amounts = exact(line.amounts);
    line.quantities = exact(line.quantities);
    line.references = exact(line.references);
    if (line.procedure) line.procedure.modifiers = exact(line.procedure.modifiers);
    if (line.originalProcedure) line.originalProcedure.modifiers = exact(line.originalProcedure.modifiers);
  }
  claim.serviceLines = exact(claim.serviceLines);
  return claim;
}

class RemittanceBuilder implements TransactionHandler {
  private phase: Phase = 'start';
  private bpr: Segment | undefined;
  private payment: Omit<Payment835, 'traceNumber'> | undefined;
  private trace: Pick<Payment835, 'traceNumber' | 'originatingCompanyId' | 'originatingCompanySupplementalCode'> | undefined;
  private productionDate: string | undefined;
  private payer: Payer835 | undefined;
  private payee: Payee835 | undefined;
  private party: Payer835 | undefined;
  private readonly claims: Claim835[] = [];
  private claimsRead = 0;
  private claimsPaidCents = 0;
  private readonly plb: ProviderAdjustment[] = [];
  readonly stIndex: number;
  /** Header findings (unreadable dates), added to the remittance's findings. */
  readonly findings: Finding835[] = [];

  constructor(
    private readonly start: TransactionStart,
    private readonly done: (r: Remittance835) => void,
    private readonly onClaim?: (claim: Claim835, at: ClaimContext835) => void,
  ) {
    this.stIndex = start.st.index;
  }

  segment(seg: Segment): void {
    if (this.phase === 'start') {
      if (seg.id !== 'BPR') this.outOfOrder(seg, 'the 835 must begin with BPR right after ST');
      this.bpr = seg;
      this.payment = readBpr(seg, this);
      this.phase = 'header';
      return;
    }
    if (seg.id === 'LX' || seg.id === 'TS3' || seg.id === 'TS2') {
      if (this.phase === 'summary') this.outOfOrder(seg, 'claims detail after PLB');
      if (seg.id === 'LX') optionalNumber(seg, 1, 'assigned number');
      this.phase = 'detail';
      this.party = undefined;
      return;
    }
    if (seg.id === 'PLB') {
      this.phase = 'summary';
      this.plb.push(this.readPlb(seg));
      return;
    }
    if (this.phase !== 'header') this.outOfOrder(seg, `${seg.id} belongs to the header, before the claims`);
    this.headerSegment(seg);
  }

  loop(loop: Loop): void {
    if (loop.name !== '2100') this.outOfOrder(loop.start, `unexpected loop ${loop.name}`);
    if (this.phase === 'start') this.outOfOrder(loop.start, 'claim before BPR');
    if (this.phase === 'summary') this.outOfOrder(loop.start, 'claim after PLB (provider adjustments close the 835)');
    this.phase = 'detail';
    this.party = undefined;
    const claim = readClaim(loop, this.stIndex);
    balanceClaim(claim);
    this.claimsRead += 1;
    this.claimsPaidCents += claim.paidCents;
    if (this.onClaim) {
      // Streamed: handed over and forgotten, so a file of any size holds one claim at a time.
      this.onClaim(claim, { transactionControlNumber: el(this.start.st, 2), payer: this.payer, payee: this.payee });
      return;
    }
    this.claims.push(tighten(claim));
  }

  end(se: Segment): void {
    const missing = (what: string): never => {
      throw new MalformedX12Error('MISSING_SEGMENT', `835 transaction set ${el(this.start.st, 2)} has no ${what}`, ref(se, this.stIndex));
    };
    if (!this.payment || !this.bpr) return missing('BPR (financial information)');
    if (!this.trace) return missing('TRN (check or EFT trace number)');
    if (!this.payer) return missing('N1*PR (payer identification)');
    if (!this.payee) return missing('N1*PE (payee identification)');
    const remittance: Remittance835 = {
      interchange: this.start.interchange,
      functionalGroup: this.start.group,
      transactionControlNumber: el(this.start.st, 2),
      implementationGuide: el(this.start.st, 3) || this.start.group.version,
      payment: { ...this.payment, ...this.trace },
      payer: this.payer,
      payee: this.payee,
      claims: this.claims,
      providerAdjustments: this.plb,
      findings: [...this.findings],
      segment: ref(this.start.st, this.stIndex),
    };
    if (this.productionDate) remittance.productionDate = this.productionDate;
    if (this.onClaim) remittance.claimsStreamed = this.claimsRead;
    const unbalanced = balanceRemittance(remittance, ref(this.bpr, this.stIndex), this.claimsPaidCents);
    if (unbalanced) remittance.findings.push(unbalanced);
    this.done(remittance);
  }

  private headerSegment(seg: Segment): void {
    switch (seg.id) {
      case 'TRN':
        this.trace = readTrn(seg);
        return;
      case 'DTM':
        if (el(seg, 1) === '405') this.productionDate = dateOrFinding(seg, 2, 'production date', this);
        return;
      case 'N1': {
        const party = readN1(seg);
        this.party = party;
        if (el(seg, 1) === 'PR') this.payer = party;
        else if (el(seg, 1) === 'PE') this.payee = party;
        return;
      }
      case 'REF':
        if (this.party) {
          this.party.references.push({ qualifier: el(seg, 1), value: el(seg, 2) });
          if (this.party === this.payer && el(seg, 1) === '2U') this.payer.payerIdentificationNumber = el(seg, 2);
        }
        return;
      case 'CUR':
      case 'N3':
      case 'N4':
      case 'PER':
      case 'RDM':
        return; // currency, addresses and contacts: nothing to post
      default:
        this.outOfOrder(seg, `${seg.id} is not an 835 header segment`);
    }
  }

  private readPlb(seg: Segment): ProviderAdjustment {
    for (let n = 3; n <= 13; n += 2)
      unknownCodeFinding(seg, n, (c) => PROVIDER_ADJUSTMENT_REASON.has(c), 'a provider adjustment reason code', this);
    const adjustment: ProviderAdjustment = { providerId: el(seg, 1), entries: [], segment: ref(seg, this.stIndex) };
    const fiscal = dateOrFinding(seg, 2, 'fiscal period date', this);
    if (fiscal) adjustment.fiscalPeriodDate = fiscal;
    for (let n = 3; n <= 13; n += 2) {
      const reasonCode = el(seg, n);
      if (reasonCode === '') continue;
      const entry = { reasonCode, amountCents: amount(seg, n + 1, `provider adjustment amount for ${reasonCode}`) };
      const reference = seg.data[`${n}-1`];
      adjustment.entries.push(reference ? { ...entry, reference } : entry);
    }
    if (adjustment.entries.length === 0) throw new MalformedX12Error('BAD_VALUE', 'PLB carries no adjustment', ref(seg, this.stIndex));
    return adjustment;
  }

  private outOfOrder(seg: Segment, why: string): never {
    throw new MalformedX12Error('SEGMENT_ORDER', `${seg.id} out of order: ${why}`, ref(seg, this.stIndex));
  }
}

/** Where a streamed claim comes from: its transaction set and the parties its header named. */
export interface ClaimContext835 {
  /** ST02 of the claim's transaction set. */
  transactionControlNumber: string;
  /** N1*PR and N1*PE, read before the claims (undefined only in a broken header, refused at SE). */
  payer: Payer835 | undefined;
  payee: Payee835 | undefined;
}

export interface Read835Options {
  /**
   * Called once per claim, in file order, as soon as the claim is read and balanced (its own
   * findings included). The claims are then not kept: each remittance comes back with
   * `claims: []` and `claimsStreamed` set, its payment balanced against the claims streamed.
   * The callback is synchronous; a throw stops the reading with that error.
   */
  onClaim?: (claim: Claim835, at: ClaimContext835) => void;
}

/**
 * Reads an 835 (one or more transaction sets) into typed remittances. With `onClaim`, claims
 * stream out one at a time instead of being held until the end (see Read835Options).
 *
 * Fatal (throws MalformedX12Error with segment ordinal, id and reason): no sound ISA;
 * envelope nesting broken or truncated; SE01/GE01/IEA01 counts wrong; a transaction set other
 * than 835; a segment where the 835 does not allow it; BPR, TRN, N1*PR or N1*PE missing; an
 * amount, date or number that cannot be read; a CAS group code that is not one.
 *
 * Findings (returned, never thrown): unbalanced service lines, claims and payment totals,
 * CLP05 that differs from the PR adjustments, a malformed SVC01 composite, trailer control
 * numbers that differ from their header.
 */
export async function read835(input: X12Input, options: Read835Options = {}): Promise<Remittance835Result> {
  const remittances: Remittance835[] = [];
  const summary = await readX12(input, {
    loops: LOOPS_835,
    transactionSets: ['835'],
    begin: (start) => new RemittanceBuilder(start, (r) => remittances.push(r), options.onClaim),
  });
  return { remittances, envelopeFindings: summary.findings };
}
