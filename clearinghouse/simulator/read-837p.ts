import { parseCents, type Cents } from '../../x12/common/money';
import { isAdjustmentGroup, type Adjustment } from '../../x12/common/adjustment';
import { comp, el, readInterchange, requireEl, SimulatorInputError, type Segment, type Separators } from './x12-reader';

/** What the SIMULATOR reads from an 837P: just enough to answer it. */
export interface SimPriorPayment {
  paidCents: Cents;
  adjustments: Adjustment[];
}

export interface SimLine {
  /** LX01. */
  lineNumber: string;
  /** SV101 components, e.g. ["HC", "90837", "95"]. */
  procedure: string[];
  chargeCents: Cents;
  /** SV104 as written. */
  units: string;
  /** DTP*472 format ("D8" or "RD8") and value. */
  serviceDate: { format: string; value: string } | null;
  /** REF*6R line item control number. */
  lineControl: string | null;
  /** 2430 loop: what the other payer did with this line (summed over SVD segments). */
  prior: SimPriorPayment | null;
  /** 2430 loops one by one: SVD01 names the other payer. */
  priors: Array<SimPriorPayment & { payerId: string }>;
}

export interface SimParty {
  name: string;
  id: string;
}

export interface SimPerson {
  last: string;
  first: string;
  memberId: string;
}

export interface SimClaim {
  /** CLM01: patient control number. */
  claimId: string;
  chargeCents: Cents;
  /** CLM05-1 place of service / facility code; CLM05-3 frequency. */
  facilityCode: string;
  frequency: string;
  /** SBR01 of the claim's subscriber loop: P, S, T... */
  payerRank: string;
  /** SBR09 claim filing indicator. */
  filingCode: string;
  payer: SimParty;
  /** Position of the payer's NM1*PR (2010BB) in its transaction set, counting ST as 1. */
  payerSegmentPosition: number;
  subscriber: SimPerson;
  patient: SimPerson;
  billingProvider: { name: string; npi: string; taxId: string };
  /** NTE texts of the claim. */
  notes: string[];
  /** 2320/2330B: the other payers named on the claim, each with its claim-level AMT*D and CAS. */
  otherPayers: Array<SimParty & { rank: string; prior?: SimPriorPayment }>;
  /** 2300 REF*F8: the payer claim control number of the claim a replacement or void refers to. */
  originalReference: string | null;
  /** 2320 AMT*D and claim-level CAS of the first other payer, for a secondary claim. */
  prior: SimPriorPayment | null;
  lines: SimLine[];
}

export interface SimTransaction {
  /** ST02. */
  controlNumber: string;
  /** BHT03: the submitter's batch reference. */
  batchReference: string;
  submitter: SimParty;
  claims: SimClaim[];
}

export interface SimGroup {
  /** GS06. */
  controlNumber: string;
  senderId: string;
  receiverId: string;
  version: string;
  transactions: SimTransaction[];
}

export interface Sim837File {
  separators: Separators;
  interchange: {
    senderQualifier: string;
    senderId: string;
    receiverQualifier: string;
    receiverId: string;
    controlNumber: string;
    usage: string;
  };
  groups: SimGroup[];
}

function cents(segment: Segment, n: number, what: string): Cents {
  const text = requireEl(segment, n, what);
  try {
    return parseCents(text);
  } catch {
    throw new SimulatorInputError(`segment ${segment.position} (${segment.id}): ${what} is not an amount`);
  }
}

/** CAS*group*reason*amount*qty*reason*amount*qty... -> adjustments. */
function readCas(segment: Segment): Adjustment[] {
  const group = el(segment, 1);
  if (!isAdjustmentGroup(group)) throw new SimulatorInputError(`segment ${segment.position} (CAS): unknown group code`);
  const out: Adjustment[] = [];
  for (let i = 2; i < segment.elements.length; i += 3) {
    const reason = el(segment, i);
    if (reason === '') continue;
    const amountCents = cents(segment, i + 1, 'adjustment amount');
    const qty = el(segment, i + 2);
    out.push(qty === '' ? { group, reason, amountCents } : { group, reason, amountCents, quantity: Number(qty) });
  }
  return out;
}

function person(segment: Segment): SimPerson {
  return { last: el(segment, 3), first: el(segment, 4), memberId: el(segment, 9) };
}

/** Reads an 837P (005010X222A1) for the simulator. Throws SimulatorInputError when it cannot. */
export function read837p(text: string): Sim837File {
  const { separators, segments } = readInterchange(text);
  const isa = segments[0];
  if (!isa || isa.id !== 'ISA') throw new SimulatorInputError('no ISA segment');
  const file: Sim837File = {
    separators,
    interchange: {
      senderQualifier: el(isa, 5).trim(),
      senderId: el(isa, 6).trim(),
      receiverQualifier: el(isa, 7).trim(),
      receiverId: el(isa, 8).trim(),
      controlNumber: el(isa, 13).trim(),
      usage: el(isa, 15).trim(),
    },
    groups: [],
  };

  let group: SimGroup | null = null;
  let tx: SimTransaction | null = null;
  let hlLevel = '';
  let billing = { name: '', npi: '', taxId: '' };
  let rank = '';
  let filingCode = '';
  let subscriber: SimPerson = { last: '', first: '', memberId: '' };
  let patient: SimPerson | null = null;
  let payer: SimParty = { name: '', id: '' };
  let payerPosition = 0;
  let stPosition = 0;
  let claim: SimClaim | null = null;
  let line: SimLine | null = null;
  /** Where CAS/NM1*PR/AMT after a CLM belong: claim (2300), other payer (2320/2330), line (2400), line prior (2430). */
  let zone: 'claim' | 'other' | 'line' | 'linePrior' = 'claim';
  let otherPayerIndex = -1;

  const finishClaim = () => {
    if (claim && tx) tx.claims.push(claim);
    claim = null;
    line = null;
  };

  for (const s of segments) {
    switch (s.id) {
      case 'GS':
        group = {
          controlNumber: requireEl(s, 6, 'group control number'),
          senderId: el(s, 2),
          receiverId: el(s, 3),
          version: el(s, 8),
          transactions: [],
        };
        file.groups.push(group);
        break;
      case 'ST':
        if (!group) throw new SimulatorInputError(`segment ${s.position} (ST): outside a functional group`);
        if (el(s, 1) !== '837')
          throw new SimulatorInputError(`segment ${s.position} (ST): transaction set ${el(s, 1) || '(none)'} is not an 837`);
        tx = {
          controlNumber: requireEl(s, 2, 'transaction set control number'),
          batchReference: '',
          submitter: { name: '', id: '' },
          claims: [],
        };
        group.transactions.push(tx);
        stPosition = s.position;
        hlLevel = '';
        break;
      case 'BHT':
        if (tx) tx.batchReference = el(s, 3);
        break;
      case 'HL':
        finishClaim();
        hlLevel = el(s, 3);
        if (hlLevel === '20') billing = { name: '', npi: '', taxId: '' };
        if (hlLevel === '22') {
          patient = null;
          payer = { name: '', id: '' };
        }
        break;
      case 'SBR':
        if (claim) {
          zone = 'other';
          claim.otherPayers.push({ rank: el(s, 1), name: '', id: '' });
          otherPayerIndex = claim.otherPayers.length - 1;
        } else {
          rank = el(s, 1);
          filingCode = el(s, 9);
        }
        break;
      case 'NM1': {
        const entity = el(s, 1);
        if (!claim) {
          if (entity === '41' && tx) tx.submitter = { name: el(s, 3), id: el(s, 9) };
          else if (entity === '85' && hlLevel === '20') billing = { ...billing, name: el(s, 3), npi: el(s, 9) };
          else if (entity === 'IL') subscriber = person(s);
          else if (entity === 'QC') patient = person(s);
          else if (entity === 'PR') {
            payer = { name: el(s, 3), id: el(s, 9) };
            payerPosition = s.position - stPosition + 1;
          }
        } else if (entity === 'PR' && zone === 'other') {
          const other = claim.otherPayers[otherPayerIndex];
          if (other) {
            other.name = el(s, 3);
            other.id = el(s, 9);
          }
        }
        break;
      }
      case 'REF':
        if (!claim && hlLevel === '20' && el(s, 1) === 'EI') billing = { ...billing, taxId: el(s, 2) };
        if (line && el(s, 1) === '6R') line.lineControl = el(s, 2);
        if (claim && !line && zone === 'claim' && el(s, 1) === 'F8') claim.originalReference = el(s, 2);
        break;
      case 'CLM': {
        finishClaim();
        if (!tx) throw new SimulatorInputError(`segment ${s.position} (CLM): outside a transaction set`);
        const subscriberOnly = patient === null;
        claim = {
          claimId: requireEl(s, 1, 'patient control number'),
          chargeCents: cents(s, 2, 'total claim charge'),
          facilityCode: comp(s, 5, 1, separators),
          frequency: comp(s, 5, 3, separators) || '1',
          payerRank: rank,
          filingCode,
          payer,
          payerSegmentPosition: payerPosition,
          subscriber,
          patient: subscriberOnly ? subscriber : (patient as unknown as SimPerson),
          billingProvider: billing,
          notes: [],
          otherPayers: [],
          originalReference: null,
          prior: null,
          lines: [],
        };
        zone = 'claim';
        otherPayerIndex = -1;
        break;
      }
      case 'NTE':
        if (claim && !line) claim.notes.push(el(s, 2));
        break;
      case 'AMT':
        if (claim && zone === 'other' && el(s, 1) === 'D') {
          const c = claim;
          const paidCents = cents(s, 2, 'payer paid amount');
          const other = c.otherPayers[otherPayerIndex];
          if (other) other.prior = { paidCents, adjustments: other.prior?.adjustments ?? [] };
          if (otherPayerIndex === 0) c.prior = { paidCents, adjustments: c.prior?.adjustments ?? [] };
        }
        break;
      case 'CAS':
        if (claim && zone === 'other') {
          const c = claim;
          const adjustments = readCas(s);
          const other = c.otherPayers[otherPayerIndex];
          if (other)
            other.prior = { paidCents: other.prior?.paidCents ?? 0, adjustments: [...(other.prior?.adjustments ?? []), ...adjustments] };
          if (otherPayerIndex === 0)
            c.prior = { paidCents: c.prior?.paidCents ?? 0, adjustments: [...(c.prior?.adjustments ?? []), ...adjustments] };
        } else if (line && zone === 'linePrior') {
          const l = line;
          const adjustments = readCas(s);
          l.prior = { paidCents: l.prior?.paidCents ?? 0, adjustments: [...(l.prior?.adjustments ?? []), ...adjustments] };
          const last = l.priors[l.priors.length - 1];
          if (last) last.adjustments = [...last.adjustments, ...adjustments];
        }
        break;
      case 'LX':
        if (!claim) throw new SimulatorInputError(`segment ${s.position} (LX): service line outside a claim`);
        line = {
          lineNumber: el(s, 1),
          procedure: [],
          chargeCents: 0,
          units: '',
          serviceDate: null,
          lineControl: null,
          prior: null,
          priors: [],
        };
        claim.lines.push(line);
        zone = 'line';
        break;
      case 'SV1':
        if (!line) throw new SimulatorInputError(`segment ${s.position} (SV1): outside a service line`);
        line.procedure = el(s, 1).split(separators.component);
        line.chargeCents = cents(s, 2, 'line charge');
        line.units = el(s, 4) || '1';
        break;
      case 'DTP':
        if (line && zone === 'line' && el(s, 1) === '472') line.serviceDate = { format: el(s, 2), value: el(s, 3) };
        break;
      case 'SVD':
        if (line) {
          zone = 'linePrior';
          const l = line;
          const paidCents = cents(s, 2, 'line paid amount');
          l.prior = { paidCents: (l.prior?.paidCents ?? 0) + paidCents, adjustments: l.prior?.adjustments ?? [] };
          l.priors.push({ payerId: el(s, 1), paidCents, adjustments: [] });
        }
        break;
      case 'SE':
        finishClaim();
        tx = null;
        break;
      default:
        break;
    }
  }
  finishClaim();
  const claims = file.groups.flatMap((g) => g.transactions.flatMap((t) => t.claims));
  if (claims.length === 0) throw new SimulatorInputError('the interchange holds no claim (CLM)');
  for (const c of claims) {
    if (c.lines.length === 0) throw new SimulatorInputError(`a claim has no service line (claim ${claims.indexOf(c) + 1})`);
  }
  return file;
}
