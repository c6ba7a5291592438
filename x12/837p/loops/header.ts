/** Transaction header: BHT, submitter (1000A), receiver (1000B). */
import { toX12Date } from '../../common/dates';
import type { ClearinghouseConfig } from '../config';
import { cleanText, digitsOnly } from '../escape';
import type { CreatedAt } from '../model';
import type { SegmentList } from '../segment-list';

export function writeHeader(out: SegmentList, config: ClearinghouseConfig, createdAt: CreatedAt, referenceId: string): void {
  // BHT02 00 original; BHT06 CH chargeable (claims, not encounters).
  out.add('BHT', '0019', '00', referenceId, toX12Date(createdAt.date), digitsOnly(createdAt.time), 'CH');
  const s = config.submitter;
  out.add('NM1', '41', s.entity === 'person' ? '1' : '2', cleanText(s.name, 60), undefined, undefined, undefined, undefined, '46', s.id);
  const per: (string | undefined)[] = ['IC', s.contact.name ? cleanText(s.contact.name, 60) || undefined : undefined];
  if (s.contact.phone) per.push('TE', digitsOnly(s.contact.phone));
  if (s.contact.email) per.push('EM', s.contact.email);
  out.add('PER', ...per);
  out.add(
    'NM1',
    '40',
    '2',
    cleanText(config.receiverName, 60),
    undefined,
    undefined,
    undefined,
    undefined,
    '46',
    config.receiverIdentifier,
  );
}
