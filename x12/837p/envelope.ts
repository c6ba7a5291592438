/** Interchange (ISA/IEA), functional group (GS/GE) and transaction set (ST/SE) envelopes. */
import { toX12Date } from '../common/dates';
import type { Delimiters } from '../common/segments';
import type { ClearinghouseConfig } from './config';
import type { CreatedAt } from './model';

export const VERSION = '005010X222A1';

/** Control numbers as written: ISA13 has 9 digits, ST02 at least 4. */
export function interchangeControlNumber(n: number): string {
  return String(n).padStart(9, '0');
}

export function transactionSetControlNumber(n: number): string {
  return String(n).padStart(4, '0');
}

function hhmm(time: string): string {
  return time.replace(':', '');
}

/** ISA: fixed width, 106 characters with its terminator. */
export function isaSegment(
  config: ClearinghouseConfig,
  d: Delimiters,
  createdAt: CreatedAt,
  controlNumber: number,
  usage: 'T' | 'P',
): string {
  const e = d.element;
  const date = toX12Date(createdAt.date).slice(2);
  return [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    config.senderQualifier,
    config.senderId.padEnd(15, ' '),
    config.receiverQualifier,
    config.receiverId.padEnd(15, ' '),
    date,
    hhmm(createdAt.time),
    d.repetition,
    '00501',
    interchangeControlNumber(controlNumber),
    config.acknowledgmentRequested ? '1' : '0',
    usage,
    d.component,
  ].join(e);
}

export function gsSegment(config: ClearinghouseConfig, d: Delimiters, createdAt: CreatedAt, groupControlNumber: number): string {
  return [
    'GS',
    'HC',
    config.applicationSenderCode,
    config.applicationReceiverCode,
    toX12Date(createdAt.date),
    hhmm(createdAt.time),
    String(groupControlNumber),
    'X',
    VERSION,
  ].join(d.element);
}

export function geSegment(d: Delimiters, transactionSets: number, groupControlNumber: number): string {
  return ['GE', String(transactionSets), String(groupControlNumber)].join(d.element);
}

export function ieaSegment(d: Delimiters, groups: number, controlNumber: number): string {
  return ['IEA', String(groups), interchangeControlNumber(controlNumber)].join(d.element);
}
