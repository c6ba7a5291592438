/** Loop 2300 (claim information: CLM, REF, HI) and 2310B (rendering provider). */
import { formatAmount } from '../../common/money';
import { normalizeIcd10 } from '../codes';
import { yesNo, providerName } from '../format';
import type { Bill } from '../model';
import type { SegmentList } from '../segment-list';

export function claimChargeCents(bill: Bill): number {
  return bill.serviceLines.reduce((sum, line) => sum + line.chargeCents, 0);
}

export function writeClaim(out: SegmentList, bill: Bill): void {
  out.add(
    'CLM',
    bill.claimId,
    formatAmount(claimChargeCents(bill)),
    undefined,
    undefined,
    [bill.placeOfService, 'B', bill.frequency ?? '1'],
    yesNo(bill.providerSignatureOnFile, true),
    bill.assignment ?? 'A',
    yesNo(bill.benefitsAssigned, true),
    bill.releaseOfInformation ?? 'Y',
  );
  if (bill.priorAuthorization) out.add('REF', 'G1', bill.priorAuthorization);
  if ((bill.frequency === '7' || bill.frequency === '8') && bill.payerClaimControlNumber) {
    out.add('REF', 'F8', bill.payerClaimControlNumber);
  }
  out.add('HI', ...bill.diagnoses.map((code, i) => [i === 0 ? 'ABK' : 'ABF', normalizeIcd10(code)]));

  const rendering = bill.renderingProvider;
  if (rendering && rendering.npi !== bill.billingProvider.npi) {
    out.add('NM1', '82', ...providerName(rendering), 'XX', rendering.npi);
    if (rendering.taxonomy) out.add('PRV', 'PE', 'PXC', rendering.taxonomy);
  }
}
