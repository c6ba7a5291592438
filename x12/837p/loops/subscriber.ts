/** Loops 2000B/2010BA/2010BB (subscriber and payer) and 2000C/2010CA (patient, when not the subscriber). */
import { toX12Date } from '../../common/dates';
import { RANK_CODE, RELATIONSHIP_CODE } from '../cob';
import { cleanText } from '../escape';
import { addAddress, personName } from '../format';
import type { Bill, Person, Policy } from '../model';
import type { SegmentList } from '../segment-list';

function demographics(out: SegmentList, person: Person): void {
  // Validation guarantees both for the patient.
  out.add('DMG', 'D8', toX12Date(person.birthDate ?? ''), person.gender ?? 'U');
}

/** Writes 2000B..2010BB and, when needed, 2000C/2010CA. Returns the number of HL levels written. */
export function writeSubscriberAndPatient(out: SegmentList, firstHl: number, parentHl: number, bill: Bill, policy: Policy): number {
  const patientIsSubscriber = policy.relationship === 'self';
  out.add('HL', String(firstHl), String(parentHl), '22', patientIsSubscriber ? '0' : '1');
  out.add(
    'SBR',
    RANK_CODE[policy.rank],
    patientIsSubscriber ? '18' : undefined,
    policy.groupNumber,
    policy.groupNumber ? undefined : policy.groupName ? cleanText(policy.groupName, 60) || undefined : undefined,
    policy.insuranceTypeCode,
    undefined,
    undefined,
    undefined,
    policy.claimFilingIndicator,
  );
  const subscriber: Person = patientIsSubscriber ? bill.patient : (policy.subscriber ?? bill.patient);
  out.add('NM1', 'IL', '1', ...personName(subscriber), 'MI', policy.memberId);
  // Subscriber address and demographics: required when the subscriber is the patient, not sent otherwise.
  if (patientIsSubscriber) {
    if (subscriber.address) addAddress(out, subscriber.address);
    demographics(out, subscriber);
  }
  out.add('NM1', 'PR', '2', cleanText(policy.payer.name, 60), undefined, undefined, undefined, undefined, 'PI', policy.payer.payerId);
  if (policy.payer.address) addAddress(out, policy.payer.address);
  if (patientIsSubscriber) return 1;

  out.add('HL', String(firstHl + 1), String(firstHl), '23', '0');
  out.add('PAT', RELATIONSHIP_CODE[policy.relationship]);
  out.add('NM1', 'QC', '1', ...personName(bill.patient));
  if (bill.patient.address) addAddress(out, bill.patient.address);
  demographics(out, bill.patient);
  return 2;
}
