/** Loop 2000A (billing provider level) and 2010AA (billing provider name). */
import { cleanText, digitsOnly } from '../escape';
import { addAddress, providerName } from '../format';
import type { BillingProvider } from '../model';
import type { SegmentList } from '../segment-list';

export function writeBillingProvider(out: SegmentList, hlId: number, bp: BillingProvider): void {
  out.add('HL', String(hlId), undefined, '20', '1');
  if (bp.taxonomy) out.add('PRV', 'BI', 'PXC', bp.taxonomy);
  out.add('NM1', '85', ...providerName(bp), 'XX', bp.npi);
  addAddress(out, bp.address);
  out.add('REF', bp.taxIdType === 'SSN' ? 'SY' : 'EI', digitsOnly(bp.taxId));
  if (bp.contact && (bp.contact.phone || bp.contact.email)) {
    const per: (string | undefined)[] = ['IC', bp.contact.name ? cleanText(bp.contact.name, 60) || undefined : undefined];
    if (bp.contact.phone) per.push('TE', digitsOnly(bp.contact.phone));
    if (bp.contact.email) per.push('EM', bp.contact.email);
    out.add('PER', ...per);
  }
}
