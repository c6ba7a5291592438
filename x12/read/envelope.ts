import { MalformedX12Error, shown } from './errors';
import type { Finding } from './finding';
import { el, ref, type Loop, type Segment } from './segment';

/** The interchange (ISA) a transaction came in. */
export interface InterchangeInfo {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA09 YYMMDD and ISA10 HHMM as sent. */
  date: string;
  time: string;
  controlNumber: string;
  /** ISA15: P production, T test. */
  usage: string;
}

/** The functional group (GS) a transaction came in. */
export interface FunctionalGroupInfo {
  /** GS01: HP for 835, FA for 999, HN for 277. */
  functionalIdentifierCode: string;
  senderCode: string;
  receiverCode: string;
  /** GS04 CCYYMMDD. */
  date: string;
  controlNumber: string;
  /** GS08 e.g. 005010X221A1. */
  version: string;
}

/** Called at each ST; the returned handler receives the transaction's content. */
export interface TransactionHandler {
  segment(seg: Segment): void;
  loop(loop: Loop): void;
  /** At SE, after the segment count and control number have been checked. */
  end(se: Segment): void;
}

export interface TransactionStart {
  st: Segment;
  interchange: InterchangeInfo;
  group: FunctionalGroupInfo;
}

type State = 'start' | 'interchange' | 'group' | 'transaction' | 'done';

/**
 * Walks the envelope (ISA/GS/ST ... SE/GE/IEA) and checks it: nesting, SE01/GE01/IEA01
 * counts and trailer control numbers. Everything between ST and SE goes to the handler.
 */
export class EnvelopeTracker {
  private state: State = 'start';
  private interchange: InterchangeInfo | undefined;
  private isa: Segment | undefined;
  private group: FunctionalGroupInfo | undefined;
  private groupCount = 0;
  private transactionCount = 0;
  private segmentCount = 0;
  private st: Segment | undefined;
  private handler: TransactionHandler | undefined;
  readonly interchanges: InterchangeInfo[] = [];
  /** Envelope problems that lose no data: trailer control numbers that differ from their header, an interchange repeated. */
  readonly findings: Finding[] = [];
  /** Sender and control number of each interchange read, with the ordinal of its ISA. */
  private readonly seenInterchanges = new Map<string, number>();

  constructor(
    private readonly acceptedTransactionSets: readonly string[],
    private readonly begin: (start: TransactionStart) => TransactionHandler,
  ) {}

  /** True once the last interchange is closed (IEA seen). */
  get done(): boolean {
    return this.state === 'done';
  }

  loop(loop: Loop): void {
    if (this.state !== 'transaction' || !this.handler) {
      throw new MalformedX12Error('ENVELOPE', `loop starting with ${loop.start.id} is outside a transaction set`, ref(loop.start));
    }
    this.segmentCount += loop.size;
    this.handler.loop(loop);
  }

  segment(seg: Segment): void {
    switch (seg.id) {
      case 'ISA':
        return this.onIsa(seg);
      case 'GS':
        return this.onGs(seg);
      case 'ST':
        return this.onSt(seg);
      case 'SE':
        return this.onSe(seg);
      case 'GE':
        return this.onGe(seg);
      case 'IEA':
        return this.onIea(seg);
      default:
        if (this.state !== 'transaction' || !this.handler) {
          throw new MalformedX12Error('ENVELOPE', `${seg.id} is outside a transaction set (ST ... SE)`, ref(seg));
        }
        this.segmentCount += 1;
        this.handler.segment(seg);
    }
  }

  /** At end of file: everything opened must have been closed. */
  finish(lastIndex: number): void {
    const missing: Record<State, string | undefined> = {
      start: 'file holds no ISA segment',
      interchange: 'file ends without IEA (interchange trailer): truncated?',
      group: 'file ends without GE (functional group trailer): truncated?',
      transaction: 'file ends without SE (transaction set trailer): truncated?',
      done: undefined,
    };
    const reason = missing[this.state];
    if (reason) throw new MalformedX12Error('ENVELOPE', reason, lastIndex > 0 ? { index: lastIndex, id: 'end of file' } : undefined);
  }

  private expect(seg: Segment, states: State[], what: string): void {
    if (!states.includes(this.state)) {
      const where: Record<State, string> = {
        start: 'before any ISA',
        interchange: 'inside an interchange but outside a functional group',
        group: 'inside a functional group but outside a transaction set',
        transaction: 'inside a transaction set (SE missing?)',
        done: 'after the interchange trailer IEA',
      };
      throw new MalformedX12Error('ENVELOPE', `${seg.id} ${what} found ${where[this.state]}`, ref(seg));
    }
  }

  private controlMismatch(message: string, seg: Segment): void {
    this.findings.push({ code: 'CONTROL_NUMBER_MISMATCH', severity: 'warning', message, segment: ref(seg) });
  }

  private onIsa(seg: Segment): void {
    this.expect(seg, ['start', 'done'], '(interchange header)');
    this.isa = seg;
    this.interchange = {
      senderQualifier: el(seg, 5),
      senderId: el(seg, 6),
      receiverQualifier: el(seg, 7),
      receiverId: el(seg, 8),
      date: el(seg, 9),
      time: el(seg, 10),
      controlNumber: el(seg, 13),
      usage: el(seg, 15),
    };
    this.interchanges.push(this.interchange);
    const key = `${this.interchange.senderQualifier}:${this.interchange.senderId}:${this.interchange.controlNumber}`;
    const earlier = this.seenInterchanges.get(key);
    if (earlier !== undefined) {
      this.findings.push({
        code: 'DUPLICATE_INTERCHANGE',
        severity: 'error',
        message: `interchange ${shown(this.interchange.controlNumber)} from sender ${shown(this.interchange.senderId)} comes twice in the file (its first ISA is segment ${earlier}): the same file concatenated twice, or a sender reusing a control number`,
        segment: ref(seg),
      });
    } else {
      this.seenInterchanges.set(key, seg.index);
    }
    this.groupCount = 0;
    this.state = 'interchange';
  }

  private onGs(seg: Segment): void {
    this.expect(seg, ['interchange'], '(functional group header)');
    this.group = {
      functionalIdentifierCode: el(seg, 1),
      senderCode: el(seg, 2),
      receiverCode: el(seg, 3),
      date: el(seg, 4),
      controlNumber: el(seg, 6),
      version: el(seg, 8),
    };
    this.groupCount += 1;
    this.transactionCount = 0;
    this.state = 'group';
  }

  private onSt(seg: Segment): void {
    this.expect(seg, ['group'], '(transaction set header)');
    const id = el(seg, 1);
    if (!this.acceptedTransactionSets.includes(id)) {
      throw new MalformedX12Error(
        'WRONG_TRANSACTION',
        `transaction set ${id || '(empty ST01)'} where ${this.acceptedTransactionSets.join(' or ')} was expected`,
        ref(seg),
      );
    }
    if (el(seg, 2) === '') throw new MalformedX12Error('BAD_VALUE', 'ST02 (transaction set control number) is empty', ref(seg));
    this.transactionCount += 1;
    this.segmentCount = 1;
    this.st = seg;
    this.state = 'transaction';
    if (!this.interchange || !this.group) throw new MalformedX12Error('ENVELOPE', 'ST without ISA/GS', ref(seg));
    this.handler = this.begin({ st: seg, interchange: this.interchange, group: this.group });
  }

  private onSe(seg: Segment): void {
    this.expect(seg, ['transaction'], '(transaction set trailer)');
    this.segmentCount += 1;
    const declared = el(seg, 1);
    if (declared !== String(this.segmentCount)) {
      throw new MalformedX12Error(
        'SEGMENT_COUNT',
        `SE01 says ${declared || '(empty)'} segments but the transaction set holds ${this.segmentCount} (ST to SE inclusive)`,
        ref(seg, this.st?.index),
      );
    }
    const stControl = this.st ? el(this.st, 2) : '';
    if (el(seg, 2) !== stControl) {
      this.controlMismatch(`SE02 ${shown(el(seg, 2))} differs from ST02 ${shown(stControl)}`, seg);
    }
    this.handler?.end(seg);
    this.handler = undefined;
    this.st = undefined;
    this.state = 'group';
  }

  private onGe(seg: Segment): void {
    this.expect(seg, ['group'], '(functional group trailer)');
    if (el(seg, 1) !== String(this.transactionCount)) {
      throw new MalformedX12Error(
        'SEGMENT_COUNT',
        `GE01 says ${el(seg, 1) || '(empty)'} transaction sets but the group holds ${this.transactionCount}`,
        ref(seg),
      );
    }
    if (el(seg, 2) !== this.group?.controlNumber) {
      this.controlMismatch(`GE02 ${shown(el(seg, 2))} differs from GS06 ${shown(this.group?.controlNumber ?? '')}`, seg);
    }
    this.state = 'interchange';
  }

  private onIea(seg: Segment): void {
    this.expect(seg, ['interchange'], '(interchange trailer)');
    if (el(seg, 1) !== String(this.groupCount)) {
      throw new MalformedX12Error(
        'SEGMENT_COUNT',
        `IEA01 says ${el(seg, 1) || '(empty)'} functional groups but the interchange holds ${this.groupCount}`,
        ref(seg),
      );
    }
    const isaControl = this.isa ? el(this.isa, 13) : '';
    if (el(seg, 2) !== isaControl) {
      this.controlMismatch(`IEA02 ${shown(el(seg, 2))} differs from ISA13 ${shown(isaControl)}`, seg);
    }
    this.state = 'done';
  }
}
