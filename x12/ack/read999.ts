import type { TransactionHandler, TransactionStart } from '../read/envelope';
import { MalformedX12Error, shown } from '../read/errors';
import { optionalNumber, required } from '../read/fields';
import { comp, components, el, isLoop, ref, type Loop, type Segment } from '../read/segment';
import { readX12, type X12Input } from '../read/stream';
import { ACK_CODE, ELEMENT_ERROR, SEGMENT_ERROR, TRANSACTION_SET_ERROR } from './codes-999';
import type { Finding } from '../read/finding';
import { coded, codedOrFinding, decisionOf } from './decision';
import type { Ack999, Ack999Result, ElementError999, SegmentError999, TransactionSetAck999 } from './types';

/** AK2 loops hold IK3 loops (segment errors) which hold IK4 loops (element errors); IK5 closes the IK3s. */
const LOOPS_999 = {
  start: 'AK2',
  name: 'AK2',
  terminators: ['AK9'],
  groups: [{ start: 'IK3', name: 'IK3', terminators: ['IK5'], groups: [{ start: 'IK4', name: 'IK4' }] }],
};

function orderError(seg: Segment, why: string, stIndex: number): never {
  throw new MalformedX12Error('SEGMENT_ORDER', `${seg.id} out of order: ${why}`, ref(seg, stIndex));
}

function knownCode(seg: Segment, n: number, table: Readonly<Record<string, string>>, what: string): string {
  const code = required(seg, n, what);
  if (table[code] === undefined) {
    throw new MalformedX12Error('BAD_VALUE', `${seg.id}${String(n).padStart(2, '0')} ${shown(code)} is not a ${what}`, ref(seg));
  }
  return code;
}

function readElementError(loop: Loop, stIndex: number, findings: Finding[]): ElementError999 {
  const ik4 = loop.start;
  const elementPosition = optionalNumber(ik4, 1, 'element position in segment');
  if (elementPosition === undefined)
    throw new MalformedX12Error('BAD_VALUE', 'IK401 (position in segment) is required and empty', ref(ik4, stIndex));
  const error: ElementError999 = {
    elementPosition,
    error: codedOrFinding(
      ELEMENT_ERROR,
      required(ik4, 3, 'implementation data element syntax error code'),
      'IK403',
      'an element syntax error code',
      { findings, segment: ref(ik4, stIndex) },
    ),
    segment: ref(ik4, stIndex),
  };
  const component = comp(ik4, 1, 2);
  if (component !== '') error.componentPosition = Number(component);
  const repetition = comp(ik4, 1, 3);
  if (repetition !== '') error.repetitionPosition = Number(repetition);
  if (el(ik4, 2) !== '') error.referenceNumber = el(ik4, 2);
  if (el(ik4, 4) !== '') error.badValue = el(ik4, 4);
  for (const item of loop.items) {
    if (isLoop(item) || item.id !== 'CTX') orderError(isLoop(item) ? item.start : item, 'only CTX may follow IK4', stIndex);
  }
  return error;
}

function readSegmentError(loop: Loop, stIndex: number, findings: Finding[]): SegmentError999 {
  const ik3 = loop.start;
  const position = optionalNumber(ik3, 2, 'segment position in transaction set');
  if (position === undefined) throw new MalformedX12Error('BAD_VALUE', 'IK302 (segment position) is required and empty', ref(ik3, stIndex));
  const error: SegmentError999 = {
    segmentId: required(ik3, 1, 'segment id code'),
    position,
    context: [],
    elementErrors: [],
    segment: ref(ik3, stIndex),
  };
  if (el(ik3, 3) !== '') error.loopId = el(ik3, 3);
  if (el(ik3, 4) !== '')
    error.error = codedOrFinding(SEGMENT_ERROR, el(ik3, 4), 'IK304', 'a segment syntax error code', {
      findings,
      segment: ref(ik3, stIndex),
    });
  for (const item of loop.items) {
    if (isLoop(item)) error.elementErrors.push(readElementError(item, stIndex, findings));
    else if (item.id === 'CTX') error.context.push(components(item, 1).join(':') + (el(item, 2) ? ` ${el(item, 2)}` : ''));
    else orderError(item, 'only CTX and IK4 may follow IK3', stIndex);
  }
  return error;
}

function readTransactionSetAck(loop: Loop, stIndex: number, findings: Finding[]): TransactionSetAck999 {
  const ak2 = loop.start;
  const segmentErrors: SegmentError999[] = [];
  let ik5: Segment | undefined;
  for (const item of loop.items) {
    if (isLoop(item)) segmentErrors.push(readSegmentError(item, stIndex, findings));
    else if (item.id === 'IK5') ik5 = item;
    else orderError(item, 'an AK2 loop holds IK3 loops and one IK5', stIndex);
  }
  if (!ik5)
    throw new MalformedX12Error('MISSING_SEGMENT', `AK2 for transaction set ${el(ak2, 2)} has no IK5 (its verdict)`, ref(ak2, stIndex));
  const status = knownCode(ik5, 1, ACK_CODE, 'transaction set acknowledgment code');
  const ack: TransactionSetAck999 = {
    transactionSetId: required(ak2, 1, 'transaction set identifier code'),
    controlNumber: required(ak2, 2, 'transaction set control number'),
    decision: decisionOf(status),
    status: coded(ACK_CODE, status),
    errors: [2, 3, 4, 5, 6]
      .filter((n) => el(ik5, n) !== '')
      .map((n) =>
        codedOrFinding(TRANSACTION_SET_ERROR, el(ik5, n), `IK50${n}`, 'a transaction set syntax error code', {
          findings,
          segment: ref(ik5, stIndex),
        }),
      ),
    segmentErrors,
    segment: ref(ak2, stIndex),
  };
  if (el(ak2, 3) !== '') ack.implementationGuide = el(ak2, 3);
  return ack;
}

class Ack999Builder implements TransactionHandler {
  private ak1: Segment | undefined;
  private ak9: Segment | undefined;
  private readonly sets: TransactionSetAck999[] = [];
  private readonly stIndex: number;

  constructor(
    private readonly start: TransactionStart,
    private readonly done: (a: Ack999) => void,
    private readonly findings: Finding[],
  ) {
    this.stIndex = start.st.index;
  }

  segment(seg: Segment): void {
    if (seg.id === 'AK1' && !this.ak1) this.ak1 = seg;
    else if (seg.id === 'AK9' && this.ak1 && !this.ak9) this.ak9 = seg;
    else orderError(seg, 'a 999 is AK1, AK2 loops, AK9', this.stIndex);
  }

  loop(loop: Loop): void {
    if (!this.ak1 || this.ak9) orderError(loop.start, 'AK2 loops go between AK1 and AK9', this.stIndex);
    this.sets.push(readTransactionSetAck(loop, this.stIndex, this.findings));
  }

  end(se: Segment): void {
    if (!this.ak1) throw new MalformedX12Error('MISSING_SEGMENT', '999 has no AK1', ref(se, this.stIndex));
    if (!this.ak9) throw new MalformedX12Error('MISSING_SEGMENT', '999 has no AK9', ref(se, this.stIndex));
    const ak9 = this.ak9;
    const count = (n: number, what: string): number => optionalNumber(ak9, n, what) ?? 0;
    const ack: Ack999 = {
      interchange: this.start.interchange,
      functionalGroup: this.start.group,
      controlNumber: el(this.start.st, 2),
      acknowledgedFunctionalId: required(this.ak1, 1, 'functional identifier code'),
      acknowledgedGroupControlNumber: required(this.ak1, 2, 'group control number'),
      transactionSets: this.sets,
      groupStatus: coded(ACK_CODE, knownCode(ak9, 1, ACK_CODE, 'functional group acknowledge code')),
      includedCount: count(2, 'number of transaction sets included'),
      receivedCount: count(3, 'number of received transaction sets'),
      acceptedCount: count(4, 'number of accepted transaction sets'),
      groupErrors: [5, 6, 7, 8, 9].map((n) => el(ak9, n)).filter((c) => c !== ''),
      segment: ref(this.start.st, this.stIndex),
    };
    if (el(this.ak1, 3) !== '') ack.acknowledgedVersion = el(this.ak1, 3);
    this.done(ack);
  }
}

/**
 * Reads a 999: per acknowledged transaction set (AK2, by the ST02 we sent) accepted, accepted
 * with errors or rejected, with the IK3/IK4 errors and their meanings. Fatal problems
 * (envelope, order, missing IK5/AK1/AK9, unknown acknowledgment code) throw MalformedX12Error.
 */
export async function read999(input: X12Input): Promise<Ack999Result> {
  const acknowledgments: Ack999[] = [];
  const findings: Finding[] = [];
  const summary = await readX12(input, {
    loops: LOOPS_999,
    transactionSets: ['999'],
    begin: (start) => new Ack999Builder(start, (a) => acknowledgments.push(a), findings),
  });
  return { acknowledgments, findings, envelopeFindings: summary.findings };
}
