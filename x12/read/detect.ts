import { MalformedX12Error } from './errors';
import { inspectIsa, ISA_LENGTH } from './isa';
import { headText } from './text';

/** Which reader a downloaded file belongs to. */
export type TransactionKind = '835' | '999' | '277CA' | '277' | 'other';

export interface DetectedTransaction {
  kind: TransactionKind;
  /** ST01 of the first transaction set, e.g. "835". */
  transactionSetId: string;
  /** ST03, or GS08 when ST03 is absent, e.g. "005010X214". */
  implementationGuide: string;
  /** GS01, e.g. "HP", "FA", "HN". */
  functionalIdentifierCode: string;
}

/**
 * Tells an 835, a 999, a 277CA (005010X214) or another 277 apart from the first GS and ST,
 * without reading the whole file (the same tolerance as the readers: a byte-order mark, blank
 * lines before the ISA, UTF-8 or Latin-1). Throws MalformedX12Error when there is no sound ISA or no ST.
 */
export function detectTransaction(input: string | Buffer): DetectedTransaction {
  const head = headText(input, 4096);
  const d = inspectIsa(head.slice(0, ISA_LENGTH));
  const segments = head
    .slice(ISA_LENGTH)
    .split(d.segment)
    .map((s) => s.trim());
  const gs = segments.find((s) => s.startsWith(`GS${d.element}`))?.split(d.element) ?? [];
  const st = segments.find((s) => s.startsWith(`ST${d.element}`))?.split(d.element);
  if (!st) throw new MalformedX12Error('ENVELOPE', 'no ST transaction set header in the first 4 KB of the file');
  const transactionSetId = st[1] ?? '';
  const implementationGuide = st[3] || gs[8] || '';
  let kind: TransactionKind = 'other';
  if (transactionSetId === '835') kind = '835';
  else if (transactionSetId === '999') kind = '999';
  else if (transactionSetId === '277') kind = implementationGuide.startsWith('005010X214') ? '277CA' : '277';
  return { kind, transactionSetId, implementationGuide, functionalIdentifierCode: gs[1] ?? '' };
}
