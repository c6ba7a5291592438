import { sha256Hex } from '../../runtime/sha256';
import type { Sim837File } from './read-837p';

/** The SIMULATOR's X12 writing: separators, envelopes, deterministic numbers. */
export const SIMULATOR_ID = 'SIMULATOR';

export const E = '*';
export const C = ':';
export const R = '^';
export const T = '~';

export function digits(seed: string, length: number): string {
  const n = BigInt(`0x${sha256Hex(seed).slice(0, 15)}`);
  const mod = 10n ** BigInt(length);
  const v = n % mod;
  return (v === 0n ? 1n : v).toString().padStart(length, '0');
}

export function ymd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

export function hm(d: Date): string {
  return d.toISOString().slice(11, 16).replace(':', '');
}

/** Replaces characters that would break our separators in a value copied from the 837. */
export function clean(text: string): string {
  return text.replace(/[*:^~\r\n]/g, ' ').trim();
}

export class Writer {
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

export interface Envelope {
  file: Sim837File;
  date: Date;
  control: string;
  functionalId: string;
  version: string;
}

export function openEnvelope(w: Writer, env: Envelope): void {
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

export function closeEnvelope(w: Writer, env: Envelope, transactions: number): void {
  w.seg('GE', transactions, String(Number(env.control)));
  w.seg('IEA', 1, env.control);
}
