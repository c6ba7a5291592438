import { fromX12Date, type IsoDate } from '../common/dates';
import { MalformedX12Error, shown } from '../read/errors';
import { optionalAmount, optionalDate, required } from '../read/fields';
import { comp, el, ref, type Segment } from '../read/segment';
import { ACCEPTING_CATEGORIES, ENTITY, REJECTING_CATEGORIES, STATUS_CATEGORY, STATUS_CODE } from './codes-277';
import { coded, codedOrFinding } from './decision';
import type { Finding } from '../read/finding';
import type { AckDecision, ClaimStatus277, StatusCode277 } from './types';

function statusTriple(seg: Segment, n: number, stIndex: number, findings: Finding[]): StatusCode277 | undefined {
  const category = comp(seg, n, 1);
  if (category === '') return undefined;
  const element = `STC${String(n).padStart(2, '0')}-1`;
  // The category decides accepted or rejected: one outside code list 507 leaves the claim for a person.
  const sink = { findings, segment: ref(seg, stIndex) };
  const code: StatusCode277 = {
    category: codedOrFinding(STATUS_CATEGORY, category, element, 'a claim status category code (code list 507)', sink, 'error'),
    status: coded(STATUS_CODE, comp(seg, n, 2)),
    rejection: REJECTING_CATEGORIES.has(category),
  };
  const entity = comp(seg, n, 3);
  if (entity !== '') code.entity = coded(ENTITY, entity);
  return code;
}

/** STC -> its one to three status triples (STC01, STC10, STC11) and amounts. */
export function readStc(seg: Segment, stIndex: number, findings: Finding[]): ClaimStatus277 {
  required(seg, 1, 'health care claim status');
  const codes = [1, 10, 11].map((n) => statusTriple(seg, n, stIndex, findings)).filter((c): c is StatusCode277 => c !== undefined);
  const status: ClaimStatus277 = { codes, segment: ref(seg, stIndex) };
  const effectiveDate = optionalDate(seg, 2, 'status information effective date');
  if (effectiveDate) status.effectiveDate = effectiveDate;
  if (el(seg, 3) !== '') status.actionCode = el(seg, 3);
  const charge = optionalAmount(seg, 4, 'total claim charge amount');
  if (charge !== undefined) status.chargeCents = charge;
  const paid = optionalAmount(seg, 5, 'claim payment amount');
  if (paid !== undefined) status.paidCents = paid;
  if (el(seg, 12) !== '') status.message = el(seg, 12);
  return status;
}

/** Rejected if any status rejects; accepted if any is A2/A5; otherwise no verdict. */
export function decide(statuses: readonly ClaimStatus277[]): AckDecision | undefined {
  const codes = statuses.flatMap((s) => s.codes);
  if (codes.some((c) => c.rejection)) return 'rejected';
  if (codes.some((c) => ACCEPTING_CATEGORIES.has(c.category.code))) return 'accepted';
  return undefined;
}

/** DTP with D8 or RD8 -> from/to. */
export function readDtp(seg: Segment): { from: IsoDate; to?: IsoDate } {
  const format = el(seg, 2);
  const value = el(seg, 3);
  try {
    if (format === 'RD8') {
      const [a = '', b = ''] = value.split('-');
      return { from: fromX12Date(a), to: fromX12Date(b) };
    }
    return { from: fromX12Date(value) };
  } catch {
    throw new MalformedX12Error('BAD_VALUE', `DTP03 ${shown(value)} is not a ${format || 'D8'} date`, ref(seg));
  }
}
