import * as adjustment from '../common/adjustment';
import type { Adjustment } from '../common/adjustment';
import { MalformedX12Error, shown } from '../read/errors';
import * as fields from '../read/fields';
import * as segment from '../read/segment';
import type { Segment } from '../read/segment';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { isAdjustmentGroup } = adjustment;
const { amount, optionalNumber, required, shared } = fields;
const { el, ref } = segment;

/**
 * One CAS segment -> its adjustments, verbatim: CAS01 group, then up to six
 * reason (CAS02, 05, 08, 11, 14, 17) / amount (03, 06, ...) / quantity (04, 07, ...) triples.
 * An unknown group code or an unreadable amount makes the file unreadable (the secondary
 * claim could not carry it on).
 */
export function readCas(seg: Segment): Adjustment[] {
  const group = shared(required(seg, 1, 'claim adjustment group code'));
  if (!isAdjustmentGroup(group)) {
    throw new MalformedX12Error('BAD_VALUE', `CAS01 ${shown(group)} is not a claim adjustment group code (CO, PR, OA, PI, CR)`, ref(seg));
  }
  const out: Adjustment[] = [];
  for (let i = 0; i < 6; i += 1) {
    const r = 2 + i * 3;
    const reason = shared(el(seg, r));
    if (reason === '') {
      if (el(seg, r + 1) !== '') {
        throw new MalformedX12Error(
          'BAD_VALUE',
          `CAS${String(r + 1).padStart(2, '0')} has an amount but CAS${String(r).padStart(2, '0')} no reason code`,
          ref(seg),
        );
      }
      continue;
    }
    const adjustment: Adjustment = { group, reason, amountCents: amount(seg, r + 1, `adjustment amount for reason ${reason}`) };
    const quantity = optionalNumber(seg, r + 2, 'adjustment quantity');
    if (quantity !== undefined) adjustment.quantity = quantity;
    out.push(adjustment);
  }
  if (out.length === 0) throw new MalformedX12Error('BAD_VALUE', 'CAS carries no reason code', ref(seg));
  return out;
}
