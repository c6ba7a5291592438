import type { TransactionHandler, TransactionStart } from '../read/envelope';
import { MalformedX12Error } from '../read/errors';
import { optionalAmount, optionalNumber, required } from '../read/fields';
import { components, el, isLoop, ref, type Loop, type Segment } from '../read/segment';
import type { Finding } from '../read/finding';
import { readX12, type X12Input } from '../read/stream';
import { decide, readDtp, readStc } from './stc';
import type { ClaimAck277, ClaimAck277Result, ClaimAck277Transaction, LevelStatus277, ServiceLineStatus277 } from './types';

/** Every HL starts a loop; inside a claim, SVC starts a service line loop (2220) that the next TRN closes. */
const LOOPS_277 = {
  start: 'HL',
  name: 'HL',
  groups: [{ start: 'SVC', name: '2220', terminators: ['TRN'] }],
};

const LEVELS: Readonly<Record<string, LevelStatus277['level']>> = {
  '20': 'information-source',
  '21': 'information-receiver',
  '19': 'provider',
};
const CLAIM_LEVELS = new Set(['22', '23', 'PT']);

interface HlNode {
  parent: string;
  levelCode: string;
  provider?: { name?: string; id?: string };
}

function outOfOrder(seg: Segment, why: string, stIndex: number): never {
  throw new MalformedX12Error('SEGMENT_ORDER', `${seg.id} out of order: ${why}`, ref(seg, stIndex));
}

class Ack277Builder implements TransactionHandler {
  private bht: Segment | undefined;
  private readonly hl = new Map<string, HlNode>();
  private readonly levels: LevelStatus277[] = [];
  private readonly claims: ClaimAck277[] = [];
  private readonly stIndex: number;

  constructor(
    private readonly start: TransactionStart,
    private readonly done: (t: ClaimAck277Transaction) => void,
    private readonly findings: Finding[],
  ) {
    this.stIndex = start.st.index;
  }

  segment(seg: Segment): void {
    if (seg.id === 'BHT' && !this.bht && this.hl.size === 0) this.bht = seg;
    else outOfOrder(seg, 'a 277 is BHT then HL loops', this.stIndex);
  }

  loop(loop: Loop): void {
    if (!this.bht) outOfOrder(loop.start, 'HL before BHT', this.stIndex);
    const hl = loop.start;
    const id = required(hl, 1, 'hierarchical id number');
    const levelCode = required(hl, 3, 'hierarchical level code');
    const node: HlNode = { parent: el(hl, 2), levelCode };
    this.hl.set(id, node);
    if (CLAIM_LEVELS.has(levelCode)) this.readClaims(loop, node);
    else this.readLevel(loop, node);
  }

  end(): void {
    const bht = this.bht;
    if (!bht) throw new MalformedX12Error('MISSING_SEGMENT', '277 has no BHT', ref(this.start.st, this.stIndex));
    const t: ClaimAck277Transaction = {
      interchange: this.start.interchange,
      functionalGroup: this.start.group,
      controlNumber: el(this.start.st, 2),
      implementationGuide: el(this.start.st, 3) || this.start.group.version,
      levels: this.levels,
      claims: this.claims,
      segment: ref(this.start.st, this.stIndex),
    };
    if (el(bht, 3) !== '') t.referenceId = el(bht, 3);
    this.done(t);
  }

  private providerAbove(node: HlNode): { name?: string; id?: string } | undefined {
    let cursor: HlNode | undefined = node;
    while (cursor) {
      if (cursor.provider) return cursor.provider;
      cursor = cursor.parent ? this.hl.get(cursor.parent) : undefined;
    }
    return undefined;
  }

  private readLevel(loop: Loop, node: HlNode): void {
    const level: LevelStatus277 = {
      levelCode: node.levelCode,
      level: LEVELS[node.levelCode] ?? 'other',
      statuses: [],
      segment: ref(loop.start, this.stIndex),
    };
    for (const item of loop.items) {
      if (isLoop(item)) outOfOrder(item.start, 'service lines belong under a claim', this.stIndex);
      switch (item.id) {
        case 'NM1': {
          const entity: NonNullable<LevelStatus277['entity']> = { entityCode: el(item, 1) };
          const name = [el(item, 3), el(item, 4)].filter((s) => s !== '').join(', ');
          if (name) entity.name = name;
          if (el(item, 9) !== '') entity.id = el(item, 9);
          level.entity = entity;
          if (node.levelCode === '19')
            node.provider = { ...(entity.name ? { name: entity.name } : {}), ...(entity.id ? { id: entity.id } : {}) };
          break;
        }
        case 'TRN':
          level.traceNumber = el(item, 2);
          break;
        case 'STC':
          level.statuses.push(readStc(item, this.stIndex, this.findings));
          break;
        case 'QTY': {
          const q = optionalNumber(item, 2, 'quantity');
          if (el(item, 1) === '90') level.acceptedQuantity = q;
          else if (el(item, 1) === 'AA') level.rejectedQuantity = q;
          break;
        }
        case 'AMT': {
          const a = optionalAmount(item, 2, 'monetary amount');
          if (el(item, 1) === 'YU') level.acceptedAmountCents = a;
          else if (el(item, 1) === 'YY') level.rejectedAmountCents = a;
          break;
        }
        case 'DTP':
        case 'REF':
        case 'PER':
          break; // dates, references and contacts at this level: nothing to act on
        default:
          outOfOrder(item, `${item.id} is not expected at HL level ${node.levelCode}`, this.stIndex);
      }
    }
    const decision = decide(level.statuses);
    if (decision) level.decision = decision;
    this.levels.push(level);
  }

  private readClaims(loop: Loop, node: HlNode): void {
    let patient: ClaimAck277['patient'];
    let claim: ClaimAck277 | undefined;
    const finish = (): void => {
      if (claim) {
        const decision = decide(claim.statuses);
        if (decision) claim.decision = decision;
        for (const line of claim.serviceLines) {
          const lineDecision = decide(line.statuses);
          if (lineDecision) line.decision = lineDecision;
        }
        this.claims.push(claim);
      }
    };
    const current = (seg: Segment): ClaimAck277 => claim ?? outOfOrder(seg, 'claim status before the claim TRN', this.stIndex);
    for (const item of loop.items) {
      if (isLoop(item)) {
        current(item.start).serviceLines.push(this.readServiceLine(item));
        continue;
      }
      switch (item.id) {
        case 'NM1':
          if (claim) outOfOrder(item, 'NM1 after the claim TRN', this.stIndex);
          patient = { entityCode: el(item, 1) };
          if (el(item, 3) !== '') patient.lastName = el(item, 3);
          if (el(item, 4) !== '') patient.firstName = el(item, 4);
          if (el(item, 9) !== '') patient.id = el(item, 9);
          break;
        case 'TRN': {
          finish();
          claim = {
            patientControlNumber: required(item, 2, 'patient control number (claim trace number)'),
            statuses: [],
            serviceLines: [],
            segment: ref(item, this.stIndex),
          };
          if (patient) claim.patient = patient;
          const provider = this.providerAbove(node);
          if (provider) claim.provider = provider;
          break;
        }
        case 'STC':
          current(item).statuses.push(readStc(item, this.stIndex, this.findings));
          break;
        case 'REF': {
          const c = current(item);
          const q = el(item, 1);
          if (q === '1K') c.payerClaimControlNumber = el(item, 2);
          else if (q === 'D9') c.clearinghouseTraceNumber = el(item, 2);
          else if (q === 'BLT') c.billType = el(item, 2);
          break;
        }
        case 'DTP': {
          const c = current(item);
          if (el(item, 1) === '472') {
            const d = readDtp(item);
            c.serviceDateFrom = d.from;
            if (d.to) c.serviceDateTo = d.to;
          }
          break;
        }
        case 'AMT':
        case 'QTY':
        case 'PER':
          break;
        default:
          outOfOrder(item, `${item.id} is not expected in a claim status loop`, this.stIndex);
      }
    }
    finish();
  }

  private readServiceLine(loop: Loop): ServiceLineStatus277 {
    const svc = loop.start;
    const line: ServiceLineStatus277 = { procedure: components(svc, 1).join(':'), statuses: [], segment: ref(svc, this.stIndex) };
    const charge = optionalAmount(svc, 2, 'line item charge amount');
    if (charge !== undefined) line.chargeCents = charge;
    const paid = optionalAmount(svc, 3, 'line item provider payment amount');
    if (paid !== undefined) line.paidCents = paid;
    for (const item of loop.items) {
      if (isLoop(item)) outOfOrder(item.start, 'nested loop in a service line', this.stIndex);
      if (item.id === 'STC') line.statuses.push(readStc(item, this.stIndex, this.findings));
      else if (item.id === 'REF' && el(item, 1) === 'FJ') line.lineItemControlNumber = el(item, 2);
      else if (item.id === 'DTP' && el(item, 1) === '472') line.serviceDate = readDtp(item).from;
      else if (item.id !== 'REF' && item.id !== 'DTP')
        outOfOrder(item, `${item.id} is not expected in a service line status loop`, this.stIndex);
    }
    return line;
  }
}

/**
 * Reads a 277CA (005010X214), and also a 277 claim status response (005010X212): per claim
 * (by the patient control number in the claim's TRN, with REF*1K) accepted, rejected or no
 * verdict, with every STC code and its meaning; statuses above claim level are in `levels`.
 */
export async function read277CA(input: X12Input): Promise<ClaimAck277Result> {
  const transactions: ClaimAck277Transaction[] = [];
  const findings: Finding[] = [];
  const summary = await readX12(input, {
    loops: LOOPS_277,
    transactionSets: ['277'],
    begin: (start) => new Ack277Builder(start, (t) => transactions.push(t), findings),
  });
  return { transactions, findings, envelopeFindings: summary.findings };
}
