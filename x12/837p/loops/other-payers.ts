/**
 * Loops 2320 (other subscriber information), 2330A (other subscriber) and 2330B (other
 * payer): one per other policy. Payers ranked before the billed one carry their
 * adjudication (CAS, AMT*D, AMT*EAF, DTP*573 when no line carries a date); payers ranked
 * after are reported as coverage only.
 */
import { toX12Date } from '../../common/dates';
import { formatAmount } from '../../common/money';
import { RANK_CODE, RELATIONSHIP_CODE } from '../cob';
import { cleanText } from '../escape';
import { addAddress, personName, yesNo } from '../format';
import type { Bill, Policy } from '../model';
import type { SegmentList } from '../segment-list';
import { writeAdjustments } from './adjustments';

export function writeOtherPayer(out: SegmentList, bill: Bill, policy: Policy, adjudicated: boolean): void {
  const adj = adjudicated ? policy.adjudication : undefined;
  out.add(
    'SBR',
    RANK_CODE[policy.rank],
    RELATIONSHIP_CODE[policy.relationship],
    policy.groupNumber,
    policy.groupNumber ? undefined : policy.groupName ? cleanText(policy.groupName, 60) || undefined : undefined,
    policy.insuranceTypeCode,
    undefined,
    undefined,
    undefined,
    policy.claimFilingIndicator,
  );
  if (adj) {
    writeAdjustments(out, adj.claimAdjustments);
    out.add('AMT', 'D', formatAmount(adj.paidCents));
    if (adj.remainingPatientLiabilityCents !== undefined) out.add('AMT', 'EAF', formatAmount(adj.remainingPatientLiabilityCents));
  }
  out.add('OI', undefined, undefined, yesNo(bill.benefitsAssigned, true), undefined, undefined, bill.releaseOfInformation ?? 'Y');

  // 2330A: the other policy's subscriber (the patient when the relationship is self).
  const subscriber = policy.relationship === 'self' ? bill.patient : (policy.subscriber ?? bill.patient);
  out.add('NM1', 'IL', '1', ...personName(subscriber), 'MI', policy.memberId);
  if (subscriber.address) addAddress(out, subscriber.address);

  // 2330B: the other payer.
  out.add('NM1', 'PR', '2', cleanText(policy.payer.name, 60), undefined, undefined, undefined, undefined, 'PI', policy.payer.payerId);
  if (policy.payer.address) addAddress(out, policy.payer.address);
  if (adj && !adj.lines) out.add('DTP', '573', 'D8', toX12Date(adj.adjudicationDate));
  if (adj?.payerClaimControlNumber) out.add('REF', 'F8', adj.payerClaimControlNumber);
}
