/** Which bill line an 835 service line adjudicates (activities/posting/line-match.ts). */
import { matchServiceLines, type BillLine } from '../../../activities/posting/line-match';
import type { ServiceLine835 } from '../../../x12/835';

const billLines: BillLine[] = [
  { id: 'L1', lineNumber: 1, procedureCode: '90837' },
  { id: 'L2', lineNumber: 2, procedureCode: '90785' },
  { id: 'L3', lineNumber: 3, procedureCode: '90837' },
];

function svc(over: Partial<ServiceLine835>): ServiceLine835 {
  return {
    procedureAsSent: 'HC:90837',
    chargeCents: 100,
    paidCents: 0,
    units: 1,
    adjustments: [],
    remarkCodes: [],
    amounts: [],
    quantities: [],
    ...over,
  } as ServiceLine835;
}
const hc = (code: string) => ({ qualifier: 'HC', code, modifiers: [] });

it('takes the line item control number we sent (REF*6R) when it names a claim of the bill', () => {
  const lines = [
    svc({ lineItemControlNumber: 'PCN1-3', procedure: hc('90837') }),
    svc({ lineItemControlNumber: 'PCN1-1', procedure: hc('90837') }),
  ];
  expect(matchServiceLines(lines, billLines, new Set(['PCN1']))).toEqual(['L3', 'L1']);
});

it('ignores a control number of another claim and falls back to the code, preferring the same position', () => {
  const lines = [svc({ lineItemControlNumber: 'OTHER-2', procedure: hc('90837') }), svc({ procedure: hc('90785') })];
  expect(matchServiceLines(lines, billLines, new Set(['PCN1']))).toEqual(['L1', 'L2']);
});

it('matches the submitted code (SVC06) when the payer adjudicated another one', () => {
  const lines = [svc({ procedure: hc('90834'), originalProcedure: hc('90785') })];
  expect(matchServiceLines(lines, billLines, new Set())).toEqual(['L2']);
});

it('uses each bill line once, and leaves a line that matches nothing unmatched', () => {
  const lines = [
    svc({ procedure: hc('90837') }),
    svc({ procedure: hc('90837') }),
    svc({ procedure: hc('90837') }),
    svc({ procedure: hc('99999') }),
  ];
  expect(matchServiceLines(lines, billLines, new Set())).toEqual(['L1', 'L3', null, null]);
});
