/** Loop 2400 (service line: LX, SV1, DTP*472, REF*6R) with its 2430 line adjudications. */
import { toX12Date } from '../../common/dates';
import { formatAmount } from '../../common/money';
import { formatQuantity } from '../format';
import type { Bill, Policy } from '../model';
import type { SegmentList } from '../segment-list';
import { writeAdjustments } from './adjustments';

export function writeServiceLines(out: SegmentList, bill: Bill, earlier: readonly Policy[]): void {
  bill.serviceLines.forEach((line, i) => {
    const lineNumber = i + 1;
    out.add('LX', String(lineNumber));
    out.add(
      'SV1',
      ['HC', line.procedureCode, ...(line.modifiers ?? [])],
      formatAmount(line.chargeCents),
      'UN',
      formatQuantity(line.units),
      line.placeOfService && line.placeOfService !== bill.placeOfService ? line.placeOfService : undefined,
      undefined,
      line.diagnosisPointers.map(String),
    );
    out.add('DTP', '472', 'D8', toX12Date(line.serviceDate));
    if (line.lineControlNumber) out.add('REF', '6R', line.lineControlNumber);

    for (const policy of earlier) {
      const adj = policy.adjudication;
      const la = adj?.lines?.find((l) => l.line === lineNumber);
      if (!adj || !la) continue;
      const code = la.procedureCode ?? line.procedureCode;
      const modifiers = la.procedureCode === undefined ? (la.modifiers ?? line.modifiers ?? []) : (la.modifiers ?? []);
      out.add(
        'SVD',
        policy.payer.payerId,
        formatAmount(la.paidCents),
        ['HC', code, ...modifiers],
        undefined,
        formatQuantity(la.paidUnits ?? line.units),
      );
      writeAdjustments(out, la.adjustments);
      out.add('DTP', '573', 'D8', toX12Date(la.adjudicationDate ?? adj.adjudicationDate));
    }
  });
}
