import { Readable } from 'node:stream';
import { X12parser, type FormattedSegment, type GroupShape } from 'x12-parser';
import { EnvelopeTracker, type InterchangeInfo, type TransactionHandler, type TransactionStart } from './envelope';
import { MalformedX12Error } from './errors';
import type { Finding } from './finding';
import type { Delimiters } from './isa';
import { X12Text } from './text';
import type { Loop, Segment } from './segment';

/** What a reader accepts: the file's text, its bytes, or a stream of its bytes. */
export type X12Input = string | Buffer | Readable;

export interface ReadX12Options {
  /**
   * How to group the transaction's loops (one loop kind and its nested loops), in x12-parser's
   * grouper terms and with its rules. Envelope segments are added to its terminators here.
   */
  loops: GroupShape;
  /** ST01 values this reader accepts, e.g. ['835']. */
  transactionSets: readonly string[];
  begin(start: TransactionStart): TransactionHandler;
  /** Filled in while reading, for tests that check how much work a file caused. */
  stats?: { text?: X12Text };
}

export interface ReadX12Summary {
  interchanges: InterchangeInfo[];
  delimiters: Delimiters;
  /** File and envelope findings: not UTF-8, mismatched trailer control numbers, an interchange repeated. */
  findings: Finding[];
}

const ENVELOPE = ['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'];

/** A GroupShape made ready for the hot path: terminators as a set, subloops by their start. */
interface LoopShape {
  readonly name: string;
  readonly end: string | undefined;
  readonly terminators: ReadonlySet<string>;
  readonly subloops: ReadonlyMap<string, LoopShape>;
}

/**
 * The same rules as x12-parser's Group: a loop ends at one of its terminators (its own start
 * included, unless it is bounded by an `end` segment, which it keeps); a segment goes to the
 * open subloop if that one takes it, else opens a subloop it starts, else stays in the loop.
 */
function compileShape(shape: GroupShape, extraTerminators: readonly string[]): LoopShape {
  const terminators = new Set([...(shape.terminators ?? []), ...extraTerminators]);
  terminators.add(shape.end ? shape.end : shape.start);
  const subloops = new Map<string, LoopShape>();
  for (const g of shape.groups ?? []) if (!subloops.has(g.start)) subloops.set(g.start, compileShape(g, []));
  return { name: shape.name || 'No Name', end: shape.end || undefined, terminators, subloops };
}

const REJECTED = 0;
const ACCEPTED = 1;
/** Accepted as the loop's `end` segment: the loop is complete. */
const ENDED = 2;
type AddResult = typeof REJECTED | typeof ACCEPTED | typeof ENDED;

/** A loop still collecting segments, at most one open subloop at a time (as in x12-parser). */
class OpenLoop {
  private readonly items: (Segment | Loop)[] = [];
  private size = 1;
  private child: OpenLoop | undefined;

  constructor(
    private readonly shape: LoopShape,
    private readonly start: Segment,
  ) {}

  /** REJECTED: the segment ends this loop (the caller closes it and handles the segment). */
  add(seg: Segment): AddResult {
    const shape = this.shape;
    if (shape.terminators.has(seg.id)) {
      if (seg.id !== shape.end) return REJECTED;
      // x12-parser appends the end segment before its open subloop; file order puts it after.
      if (this.child) this.closeChild(this.child);
      this.items.push(seg);
      this.size += 1;
      return ENDED;
    }
    const child = this.child;
    if (child) {
      const r = child.add(seg);
      if (r !== REJECTED) {
        if (r === ENDED) this.closeChild(child);
        return ACCEPTED;
      }
      this.closeChild(child);
    }
    const sub = shape.subloops.get(seg.id);
    if (sub) this.child = new OpenLoop(sub, seg);
    else {
      this.items.push(seg);
      this.size += 1;
    }
    return ACCEPTED;
  }

  private closeChild(child: OpenLoop): void {
    const loop = child.close();
    this.items.push(loop);
    this.size += loop.size;
    this.child = undefined;
  }

  /** Closes the open subloop (appended before whatever closed this loop), then this loop. */
  close(): Loop {
    if (this.child) this.closeChild(this.child);
    return { name: this.shape.name, start: this.start, items: this.items, size: this.size };
  }

  /**
   * At end of file x12-parser's grouper hands over the open loop as it is, without the open
   * subloop (it never reaches its parent). Kept so that a truncated file reads the same.
   */
  abandon(): Loop {
    return { name: this.shape.name, start: this.start, items: this.items, size: this.size };
  }
}

/**
 * Groups x12-parser's segment stream into loops by the rules of x12-parser's X12grouper, and
 * numbers the segments in the order the grouper delivers them (file order). Doing it here, on
 * x12-parser's own stream, spares a second object-mode stream and a Group object per loop.
 * X12grouper holds an ISA until the next GS (it picks its schema from GS08); so does this.
 */
class Grouper {
  private active: OpenLoop | undefined;
  private readonly held: FormattedSegment[] = [];
  private readonly shape: LoopShape;
  private readonly loopStart: string;
  /** Ordinal of the last segment delivered (1-based; ISA is 1). */
  index = 0;
  /** Set by an empty segment outside any loop: fine at end of file, an error before a segment. */
  private emptyAfter: number | undefined;

  constructor(
    shape: GroupShape,
    private readonly tracker: EnvelopeTracker,
  ) {
    this.shape = compileShape(shape, ENVELOPE);
    this.loopStart = shape.start;
  }

  /** ISAs still waiting for a GS. */
  get heldIsa(): number {
    return this.held.length;
  }

  /** An empty segment inside a loop, right after the last segment numbered. */
  private emptySegment(): MalformedX12Error {
    return new MalformedX12Error('ENVELOPE', `empty segment after segment ${this.index} (two segment terminators in a row?)`, {
      index: this.index + 1,
      id: '',
    });
  }

  push(data: FormattedSegment): void {
    const name = data.name;
    if (name === 'ISA') {
      this.held.push(data);
      return;
    }
    if (name === 'GS' && this.held.length > 0) {
      for (const isa of this.held) this.append(isa);
      this.held.length = 0;
    }
    this.append(data);
  }

  private append(data: FormattedSegment): void {
    const id = data.name;
    if (id === '') {
      // x12-parser's Group refuses a segment with no name; outside a loop it is passed on.
      if (this.active) throw this.emptySegment();
      this.emptyAfter = this.index;
      return;
    }
    if (this.emptyAfter !== undefined) {
      throw new MalformedX12Error('ENVELOPE', `empty segment after segment ${this.emptyAfter} (two segment terminators in a row?)`, {
        index: this.emptyAfter + 1,
        id: '',
      });
    }
    this.index += 1;
    const seg: Segment = { id, index: this.index, data };
    const active = this.active;
    if (active) {
      const r = active.add(seg);
      if (r === ACCEPTED) return;
      this.active = undefined;
      this.tracker.loop(active.close());
      if (r === ENDED) return;
    }
    if (id === this.loopStart) this.active = new OpenLoop(this.shape, seg);
    else this.tracker.segment(seg);
  }

  /** End of stream: an open loop goes out as x12-parser's grouper would flush it. */
  flush(): void {
    const active = this.active;
    if (!active) return;
    this.active = undefined;
    this.tracker.loop(active.abandon());
  }
}

/**
 * Streams an X12 file through x12-parser, groups its segments into loops (by x12-parser's
 * grouper rules, see Grouper), checks the envelope, and hands each
 * transaction set's segments and loops to the handler `begin` returns. Throws MalformedX12Error
 * when the file cannot be trusted as a whole.
 */
export async function readX12(input: X12Input, options: ReadX12Options): Promise<ReadX12Summary> {
  const findings: Finding[] = [];
  const text = new X12Text(findings);
  const source = Readable.from(text.chunks(typeof input === 'string' || Buffer.isBuffer(input) ? [input] : input));
  if (options.stats) options.stats.text = text;

  const parser = new X12parser();
  const tracker = new EnvelopeTracker(options.transactionSets, options.begin);
  const grouper = new Grouper(options.loops, tracker);

  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: unknown): void => {
        if (failed) return;
        failed = true;
        source.unpipe(parser);
        source.destroy();
        parser.destroy();
        reject(err);
      };
      source.on('error', fail);
      parser.on('error', fail);
      parser.on('data', (item: FormattedSegment) => {
        if (failed) return;
        try {
          grouper.push(item);
        } catch (err) {
          fail(err);
        }
      });
      parser.on('end', () => {
        if (failed) return;
        try {
          grouper.flush();
          resolve();
        } catch (err) {
          fail(err);
        }
      });
      source.pipe(parser);
    });
  } catch (err) {
    if (err instanceof MalformedX12Error) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const index = grouper.index;
    throw new MalformedX12Error(
      'PARSER',
      `x12-parser failed after segment ${index}: ${message}`,
      index > 0 ? { index, id: '?' } : undefined,
    );
  }
  const index = grouper.index;
  // An ISA is held until a GS comes (as x12-parser's grouper does); one still held never reached the reader.
  if (grouper.heldIsa > 0) {
    throw new MalformedX12Error('ENVELOPE', 'an ISA (interchange header) is not followed by a GS functional group header', {
      index: index + 1,
      id: 'ISA',
    });
  }
  tracker.finish(index);
  const delimiters = text.delimiters;
  if (!delimiters) throw new MalformedX12Error('NOT_X12', 'file is empty');
  return { interchanges: tracker.interchanges, delimiters, findings: [...findings, ...tracker.findings] };
}
