/** An earlier payer's adjudication of the bill: its dates, its amounts, and that it balances, claim and lines. */
import { sumAdjustments } from '../../common/adjustment';
import type { IsoDate } from '../../common/dates';
import type { Adjudication, Bill } from '../model';
import { adjudicationDate, firstDate, rule } from '../rules';
import type { Collector, Path } from './collector';

export function validateAdjudication(
  c: Collector,
  at: Path,
  adj: Adjudication | undefined,
  bill: Bill,
  today: IsoDate,
  rank: string,
): void {
  if (!adj || typeof adj !== 'object') {
    c.add(
      at,
      'missing-prior-adjudication',
      `the ${rank} payer's adjudication (payment, adjustments, date) is required to bill the ${bill.submitTo} payer`,
    );
    return;
  }
  const serviceLines = Array.isArray(bill.serviceLines) ? bill.serviceLines : [];
  const totalCharge = serviceLines.reduce((sum, l) => sum + (Number.isSafeInteger(l?.chargeCents) ? l.chargeCents : 0), 0);
  const firstService = firstDate(serviceLines.map((l) => l?.serviceDate));
  c.check([...at, 'adjudicationDate'], adj.adjudicationDate, (v) => adjudicationDate(v, today, firstService));
  let sound = c.cents([...at, 'paidCents'], adj.paidCents);
  c.cents([...at, 'remainingPatientLiabilityCents'], adj.remainingPatientLiabilityCents, { required: false });
  c.check([...at, 'payerClaimControlNumber'], adj.payerClaimControlNumber, rule.identifier(50), false);
  if (!c.adjustments([...at, 'claimAdjustments'], adj.claimAdjustments)) sound = false;
  const claimAdjustments = sumAdjustments(adj.claimAdjustments ?? []);

  if (adj.lines === undefined) {
    if (sound && totalCharge !== adj.paidCents + claimAdjustments) {
      c.add(at, 'payer-balance', `claim charge ${totalCharge} ≠ paid ${adj.paidCents} + claim adjustments ${claimAdjustments} (cents)`);
    }
    return;
  }
  const covered = new Set<number>();
  let linesPaid = 0;
  adj.lines.forEach((la, j) => {
    const lat = [...at, 'lines', j];
    const line = Number.isInteger(la.line) ? serviceLines[la.line - 1] : undefined;
    if (!line) {
      c.add([...lat, 'line'], 'line-adjudication', `is not a service line of the bill (1 to ${serviceLines.length})`);
      sound = false;
      return;
    }
    if (covered.has(la.line)) {
      c.add([...lat, 'line'], 'duplicate', `line ${la.line} is adjudicated twice by the same payer`);
      sound = false;
    }
    covered.add(la.line);
    let lineSound = c.cents([...lat, 'paidCents'], la.paidCents);
    if (!c.adjustments([...lat, 'adjustments'], la.adjustments)) lineSound = false;
    const lineService = typeof line.serviceDate === 'string' ? line.serviceDate : undefined;
    c.check([...lat, 'adjudicationDate'], la.adjudicationDate, (v) => adjudicationDate(v, today, lineService), false);
    c.check([...lat, 'procedureCode'], la.procedureCode, rule.procedureCode, false);
    (la.modifiers ?? []).forEach((m, k) => c.check([...lat, 'modifiers', k], m, rule.modifier));
    if (la.paidUnits !== undefined && (!Number.isFinite(la.paidUnits) || la.paidUnits < 0)) {
      c.add([...lat, 'paidUnits'], 'format', 'must be a number ≥ 0');
    }
    if (!lineSound || !Number.isSafeInteger(line.chargeCents)) {
      sound = false;
      return;
    }
    const lineAdjustments = sumAdjustments(la.adjustments ?? []);
    if (line.chargeCents !== la.paidCents + lineAdjustments) {
      c.add(
        lat,
        'line-balance',
        `line ${la.line} charge ${line.chargeCents} ≠ paid ${la.paidCents} + adjustments ${lineAdjustments} (cents)`,
      );
    }
    linesPaid += la.paidCents;
  });
  serviceLines.forEach((_, i) => {
    if (!covered.has(i + 1)) {
      c.add([...at, 'lines'], 'line-adjudication', `service line ${i + 1} has no adjudication from this payer; give every line or none`);
      sound = false;
    }
  });
  if (sound && adj.paidCents !== linesPaid - claimAdjustments) {
    c.add(at, 'payer-balance', `paid ${adj.paidCents} ≠ lines paid ${linesPaid} − claim adjustments ${claimAdjustments} (cents)`);
  }
}
