/**
 * From the bytes of a file to the text x12-parser reads, whatever the chunks a stream gives:
 *
 * - Encoding: UTF-8 (ASCII is UTF-8). A file that is not UTF-8 is read as ISO-8859-1 (Latin-1,
 *   every byte is a letter there), with a NOT_UTF8 finding; a file that holds UTF-8 letters and
 *   then bytes that are not UTF-8 mixes encodings and is refused (ENCODING). The ISA's fixed
 *   widths count letters, not bytes, so a multi-byte letter inside it shifts nothing.
 * - Tolerated around the interchange: a byte-order mark and blank lines before the ISA; NUL,
 *   Ctrl-Z and blanks after the last segment (mainframe padding).
 * - The first chunk handed on holds the whole ISA (x12-parser takes its delimiters from it),
 *   however short the stream's first chunks are.
 * - No segment may run longer than MAX_SEGMENT_LENGTH characters without its terminator, no
 *   element longer than MAX_ELEMENT_LENGTH (TOO_LONG): text that is not X12 is refused after a
 *   bounded read, never held whole, and nothing downstream sees a huge element.
 */
import { MalformedX12Error } from './errors';
import type { Finding } from './finding';
import { inspectIsa, ISA_LENGTH, type Delimiters } from './isa';

/** Longest segment read. X12 segments are short (the longest element of the dictionary has 264 characters). */
export const MAX_SEGMENT_LENGTH = 20_000;

/**
 * Longest element read. The longest element of the X12 dictionary is 264 characters (free-form
 * message text); far longer is not an element but broken delimiters or not X12 at all.
 */
export const MAX_ELEMENT_LENGTH = 1000;

const BOM = 0xfeff;
const NUL = 0;
const CTRL_Z = 0x1a;

function isBlank(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Index after the leading byte-order mark and blanks. */
function leadingEnd(text: string): number {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === BOM || isBlank(text.charCodeAt(i)))) i += 1;
  return i;
}

/** Index where the trailing NUL, Ctrl-Z and blank characters begin. */
function trailingStart(text: string): number {
  let i = text.length;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c !== NUL && c !== CTRL_Z && !isBlank(c)) break;
    i -= 1;
  }
  return i;
}

/** A letter outside ASCII in decoded text. */
const NON_ASCII = /[\u0080-\uffff]/;
/** What UTF-8 letters look like when their bytes are read as Latin-1 ("é" -> "Ã©"). */
const UTF8_AS_LATIN1 = /[\u00c2-\u00f4][\u0080-\u00bf]/;

/** The bytes a streaming UTF-8 decoder may be holding: the trailing bytes >= 0x80 (at most 3). */
function heldBytes(previous: Buffer, chunk: Buffer): Buffer {
  let i = chunk.length;
  while (i > 0 && (chunk[i - 1] ?? 0) >= 0x80 && chunk.length - i < 3) i -= 1;
  const tail = chunk.subarray(i);
  return (i === 0 ? Buffer.concat([previous, tail]) : tail).subarray(-3);
}

/** Bytes to text: UTF-8, or Latin-1 when the file is not UTF-8 (see the module comment). */
class Decoder {
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private latin1 = false;
  private sawUtf8Letters = false;
  private held: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly findings: Finding[]) {}

  decode(chunk: Buffer | string): string {
    if (typeof chunk === 'string') return chunk;
    const start = this.offset;
    this.offset += chunk.length;
    if (this.latin1) return chunk.toString('latin1');
    const held = this.held;
    this.held = heldBytes(held, chunk);
    try {
      const text = this.utf8.decode(chunk, { stream: true });
      if (!this.sawUtf8Letters && NON_ASCII.test(text)) this.sawUtf8Letters = true;
      return text;
    } catch {
      return this.toLatin1(Buffer.concat([held, chunk]), start - held.length);
    }
  }

  end(): string {
    if (this.latin1) return '';
    try {
      return this.utf8.decode();
    } catch {
      if (this.sawUtf8Letters) throw new MalformedX12Error('ENCODING', 'the file ends inside a UTF-8 letter: truncated?');
      return this.toLatin1(this.held, this.offset - this.held.length);
    }
  }

  /** The rest of the file is Latin-1: said once, as a finding; refused when UTF-8 letters came before. */
  private toLatin1(bytes: Buffer, offset: number): string {
    const text = bytes.toString('latin1');
    if (this.sawUtf8Letters || UTF8_AS_LATIN1.test(text)) {
      throw new MalformedX12Error(
        'ENCODING',
        `bytes near offset ${offset} are not UTF-8, though UTF-8 letters came before them: the file mixes encodings`,
      );
    }
    this.latin1 = true;
    const at = bytes.findIndex((b) => b >= 0x80);
    this.findings.push({
      code: 'NOT_UTF8',
      severity: 'warning',
      message: `the file is not UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase()} at offset ${offset + at}): read as ISO-8859-1 (Latin-1)`,
      segment: { index: 1, id: 'ISA' },
    });
    return text;
  }
}

/** The text of one X12 file, made ready for x12-parser (see the module comment). */
export class X12Text {
  /** The delimiters the ISA declares, once the ISA is read. */
  delimiters: Delimiters | undefined;
  /** Characters looked at so far: each once. */
  charactersScanned = 0;
  private head = '';
  private pending = '';
  /** The start of the segment still open at the end of the text scanned so far. */
  private carry = '';
  private segments = 0;

  constructor(private readonly findings: Finding[]) {}

  /** The chunks of text to hand to x12-parser, in order. Throws MalformedX12Error. */
  async *chunks(source: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<string> {
    const decoder = new Decoder(this.findings);
    for await (const chunk of source) {
      const piece = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      const text = this.take(decoder.decode(piece));
      if (text !== '') yield text;
    }
    const last = this.take(decoder.end());
    if (last !== '') yield last;
    if (!this.delimiters) {
      if (this.head === '') throw new MalformedX12Error('NOT_X12', 'file is empty');
      this.delimiters = inspectIsa(this.head);
      yield this.pass(this.head);
    }
    // Whatever is still held back is padding after the last segment: dropped.
  }

  /** Takes decoded text; returns what can be handed on now. */
  private take(text: string): string {
    if (this.delimiters) return this.pass(text);
    this.head += text;
    const start = leadingEnd(this.head);
    if (start > 0) this.head = this.head.slice(start);
    if (this.head.length < ISA_LENGTH) {
      if (this.head.length >= 3 && !this.head.startsWith('ISA')) inspectIsa(this.head);
      return '';
    }
    this.delimiters = inspectIsa(this.head.slice(0, ISA_LENGTH));
    const head = this.head;
    this.head = '';
    return this.pass(head);
  }

  /** Counts segment lengths and holds back trailing padding until more text shows it is not the end. */
  private pass(decoded: string): string {
    const d = this.delimiters;
    if (!d) return '';
    this.scan(decoded, d);
    const text = this.pending + decoded;
    const cut = trailingStart(text);
    this.pending = text.slice(cut);
    return text.slice(0, cut);
  }

  /**
   * One pass over new text: no segment may outgrow MAX_SEGMENT_LENGTH, no element
   * MAX_ELEMENT_LENGTH. Elements are looked at only in a segment longer than an element may be.
   */
  private scan(text: string, d: Delimiters): void {
    this.charactersScanned += text.length;
    let from = 0;
    for (;;) {
      const end = text.indexOf(d.segment, from);
      const stop = end < 0 ? text.length : end;
      const length = this.carry.length + stop - from;
      if (length > MAX_SEGMENT_LENGTH) {
        const id = idOf(this.carry + text.slice(from, from + 8), d);
        throw new MalformedX12Error(
          'TOO_LONG',
          `segment ${this.segments + 1} runs longer than ${MAX_SEGMENT_LENGTH} characters without its terminator ${JSON.stringify(d.segment)}: not X12, or a broken file`,
          { index: this.segments + 1, id },
        );
      }
      if (end < 0) {
        this.carry += text.slice(from);
        return;
      }
      if (length > MAX_ELEMENT_LENGTH) this.checkElements(this.carry + text.slice(from, stop), d);
      this.carry = '';
      this.segments += 1;
      from = end + 1;
    }
  }

  private checkElements(segment: string, d: Delimiters): void {
    const elements = segment.split(d.element);
    const id = (elements[0] ?? '').trim();
    for (let n = 1; n < elements.length; n += 1) {
      const length = elements[n]?.length ?? 0;
      if (length > MAX_ELEMENT_LENGTH) {
        throw new MalformedX12Error(
          'TOO_LONG',
          `${id}${String(n).padStart(2, '0')} is ${length} characters long; no X12 element is longer than 264 (at most ${MAX_ELEMENT_LENGTH} are read)`,
          { index: this.segments + 1, id },
        );
      }
    }
  }
}

/** The id of a segment from its first characters. */
function idOf(start: string, d: Delimiters): string {
  const s = start.trimStart();
  const e = s.indexOf(d.element);
  return e < 0 || e > 3 ? s.slice(0, 3) : s.slice(0, e);
}

/** The start of a file as text (BOM and blank lines skipped; UTF-8, else Latin-1), for a quick look at its envelope. */
export function headText(input: string | Buffer, maxCharacters: number): string {
  let text: string;
  if (typeof input === 'string') text = input.slice(0, maxCharacters + 64);
  else {
    const bytes = input.subarray(0, maxCharacters + 64);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      text = bytes.toString('latin1');
    }
  }
  return text.slice(leadingEnd(text)).slice(0, maxCharacters);
}
