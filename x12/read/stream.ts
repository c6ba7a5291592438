import { Readable } from 'node:stream';
import { Schema, X12grouper, X12parser, type FormattedSegment, type GroupData, type GroupOrSegment, type GroupShape } from 'x12-parser';
import { EnvelopeTracker, type InterchangeInfo, type TransactionHandler, type TransactionStart } from './envelope';
import { MalformedX12Error } from './errors';
import type { Finding } from './finding';
import { inspectIsa, ISA_LENGTH, type Delimiters } from './isa';
import type { Loop, Segment } from './segment';

/** What a reader accepts: the file's text, its bytes, or a stream of its bytes. */
export type X12Input = string | Buffer | Readable;

export interface ReadX12Options {
  /**
   * How x12-parser's grouper should group the transaction's loops (one loop kind and its
   * nested loops). Envelope segments are added to its terminators here.
   */
  loops: GroupShape;
  /** ST01 values this reader accepts, e.g. ['835']. */
  transactionSets: readonly string[];
  begin(start: TransactionStart): TransactionHandler;
}

export interface ReadX12Summary {
  interchanges: InterchangeInfo[];
  delimiters: Delimiters;
  /** Envelope findings (mismatched trailer control numbers). */
  findings: Finding[];
}

const ENVELOPE = ['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'];

function withEnvelope(shape: GroupShape): GroupShape {
  // Fresh arrays each time: x12-parser's Group pushes into its schema's terminators.
  const terminators = [...new Set([...(shape.terminators ?? []), ...ENVELOPE])];
  return { ...shape, terminators, groups: shape.groups?.map(copyShape) };
}

function copyShape(shape: GroupShape): GroupShape {
  return { ...shape, terminators: shape.terminators ? [...shape.terminators] : undefined, groups: shape.groups?.map(copyShape) };
}

/**
 * x12-parser's Group throws from inside the grouper's transform when it meets a segment with
 * no name (two terminators in a row); uncaught there, the stream would never end. Turn the throw
 * into a stream error.
 */
class SafeGrouper extends X12grouper {
  override _transform(chunk: FormattedSegment, encoding: string, cb: (err?: Error | null) => void): void {
    try {
      super._transform(chunk, encoding, cb);
    } catch (err) {
      cb(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function isGroup(item: GroupOrSegment): item is GroupData {
  return (item as GroupData).isGroup === true;
}

/**
 * Turns a grouper group into a Loop, numbering its segments. The grouper keeps file order
 * (a nested loop is appended to its parent when it closes, before the segment that closed it),
 * so numbering in traversal order gives each segment its ordinal in the file.
 */
function toLoop(group: GroupData, next: () => number): Loop {
  const items: (Segment | Loop)[] = [];
  let start: Segment | undefined;
  let size = 0;
  for (const d of group.data) {
    if (isGroup(d)) {
      const loop = toLoop(d, next);
      items.push(loop);
      size += loop.size;
    } else {
      const seg: Segment = { id: d.name, index: next(), data: d };
      if (start) items.push(seg);
      else start = seg;
      size += 1;
    }
  }
  if (!start) throw new MalformedX12Error('PARSER', `x12-parser produced an empty ${group.name} loop`);
  return { name: group.name, start, items, size };
}

/**
 * Streams an X12 file through x12-parser and its grouper, checks the envelope, and hands each
 * transaction set's segments and loops to the handler `begin` returns. Throws MalformedX12Error
 * when the file cannot be trusted as a whole.
 */
export async function readX12(input: X12Input, options: ReadX12Options): Promise<ReadX12Summary> {
  let delimiters: Delimiters | undefined;
  let headerError: unknown;
  let source: Readable;
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const buffer = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    delimiters = inspectIsa(buffer.toString('latin1', 0, ISA_LENGTH));
    source = Readable.from([buffer]);
  } else {
    source = input;
    // x12-parser takes its delimiters from the first chunk: that chunk must hold a sound ISA.
    source.once('data', (chunk: Buffer | string) => {
      try {
        delimiters = inspectIsa(typeof chunk === 'string' ? chunk.slice(0, ISA_LENGTH) : chunk.toString('latin1', 0, ISA_LENGTH));
      } catch (err) {
        headerError = err;
      }
    });
  }

  const parser = new X12parser('utf8');
  const grouper = new SafeGrouper(new Schema('any', withEnvelope(options.loops), true));
  const tracker = new EnvelopeTracker(options.transactionSets, options.begin);
  let index = 0;
  const next = (): number => (index += 1);

  // x12-parser emits an empty segment for whitespace after the last terminator; one that is
  // followed by real segments means two terminators in a row.
  let emptyAfter: number | undefined;
  const consume = (item: GroupOrSegment): void => {
    if (headerError) throw headerError;
    if (!isGroup(item) && item.name === '') {
      emptyAfter = index;
      return;
    }
    if (emptyAfter !== undefined) {
      throw new MalformedX12Error('ENVELOPE', `empty segment after segment ${emptyAfter} (two segment terminators in a row?)`, { index: emptyAfter + 1, id: '' });
    }
    if (isGroup(item)) tracker.loop(toLoop(item, next));
    else tracker.segment({ id: item.name, index: next(), data: item });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown): void => {
        source.unpipe(parser);
        parser.unpipe(grouper);
        source.destroy();
        parser.destroy();
        grouper.destroy();
        reject(err);
      };
      source.on('error', fail);
      parser.on('error', fail);
      grouper.on('error', fail);
      grouper.on('data', (item: GroupOrSegment) => {
        try {
          consume(item);
        } catch (err) {
          fail(err);
        }
      });
      grouper.on('end', resolve);
      source.pipe(parser).pipe(grouper);
    });
    if (headerError) throw headerError;
  } catch (err) {
    if (err instanceof MalformedX12Error) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/valid segment name/.test(message)) {
      throw new MalformedX12Error('ENVELOPE', `empty segment after segment ${index} (two segment terminators in a row?)`, { index: index + 1, id: '' });
    }
    throw new MalformedX12Error('PARSER', `x12-parser failed after segment ${index}: ${message}`, index > 0 ? { index, id: '?' } : undefined);
  }
  // The grouper holds an ISA until a GS comes; one still held never reached the reader.
  if (grouper.initialHold.length > 0) {
    throw new MalformedX12Error('ENVELOPE', 'an ISA (interchange header) is not followed by a GS functional group header', {
      index: index + 1,
      id: 'ISA',
    });
  }
  tracker.finish(index);
  if (!delimiters) throw new MalformedX12Error('NOT_X12', 'file is empty');
  return { interchanges: tracker.interchanges, delimiters, findings: tracker.findings };
}
