/**
 * What the API shows of a bill: a list row, and the whole bill with its lines, claims,
 * payments and what its workflow waits for. Reads only.
 */
import { fromDbDate } from '../../db/dates';
import type { Prisma } from '../../generated/prisma/client';
import { billViewQuery, billWorkflowId, type BillView } from '../../workflows/bill/definitions';
import type { ApiDeps } from '../app';
import { notFound } from '../problem';

export const listInclude = {
  client: { select: { id: true, firstName: true, lastName: true } },
  serviceLines: { select: { chargeCents: true, dateOfService: true } },
} satisfies Prisma.BillInclude;
type ListRow = Prisma.BillGetPayload<{ include: typeof listInclude }>;

export function listView(b: ListRow) {
  const dates = b.serviceLines.map((l) => fromDbDate(l.dateOfService)).sort();
  return {
    id: b.id,
    practiceId: b.practiceId,
    client: b.client,
    status: b.status,
    rank: b.currentRank,
    statusSince: b.statusSince.toISOString(),
    needsAttention: b.needsAttention,
    attentionReason: b.attentionReason,
    attentionSince: b.attentionSince?.toISOString() ?? null,
    totalChargeCents: b.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
    firstDateOfService: dates[0] ?? null,
    workflowId: b.workflowId,
  };
}

const detailInclude = {
  ...listInclude,
  serviceLines: { orderBy: { lineNumber: 'asc' } },
  claims: {
    orderBy: { createdAt: 'asc' },
    include: {
      payments: { orderBy: { postedAt: 'asc' }, include: { adjustments: { include: { serviceLine: { select: { lineNumber: true } } } } } },
    },
  },
} satisfies Prisma.BillInclude;

async function workflowView(deps: ApiDeps, billId: string): Promise<BillView | undefined> {
  try {
    return await deps.temporal.withDeadline(Date.now() + 5000, () =>
      deps.temporal.workflow.getHandle(billWorkflowId(billId)).query(billViewQuery),
    );
  } catch {
    return undefined;
  }
}

export async function loadBillDetail(deps: ApiDeps, billId: string) {
  const bill = await deps.db.bill.findUnique({ where: { id: billId }, include: detailInclude });
  if (!bill) throw notFound('bill', billId);
  const view = await workflowView(deps, billId);
  return {
    ...listView({ ...bill, serviceLines: bill.serviceLines }),
    renderingProviderId: bill.renderingProviderId,
    diagnosisCodes: bill.diagnosisCodes,
    placeOfService: bill.placeOfService,
    serviceLines: bill.serviceLines.map((l) => ({
      id: l.id,
      lineNumber: l.lineNumber,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      diagnosisPointers: l.diagnosisPointers,
      units: l.units,
      chargeCents: l.chargeCents,
      dateOfService: fromDbDate(l.dateOfService),
      placeOfService: l.placeOfService,
    })),
    claims: bill.claims.map((c) => ({
      id: c.id,
      rank: c.rank,
      payerId: c.payerId,
      frequency: c.frequency,
      status: c.status,
      statusReason: c.statusReason,
      patientControlNumber: c.patientControlNumber,
      payerClaimControlNumber: c.payerClaimControlNumber,
      totalChargeCents: c.totalChargeCents,
      batchId: c.batchId,
      manualUpload: c.manualUpload,
      submittedAt: c.submittedAt?.toISOString() ?? null,
      payments: c.payments.map((p) => ({
        id: p.id,
        source: p.source,
        claimStatusCode: p.claimStatusCode,
        paidCents: p.paidCents,
        patientResponsibilityCents: p.patientResponsibilityCents,
        adjudicationDate: fromDbDate(p.adjudicationDate),
        remittanceId: p.remittanceId,
        postedBy: p.postedBy,
        adjustments: p.adjustments.map((a) => ({
          group: a.groupCode,
          reason: a.reasonCode,
          amountCents: a.amountCents,
          lineNumber: a.serviceLine?.lineNumber ?? null,
        })),
      })),
    })),
    workflow: view
      ? {
          waitingFor: view.waitingFor,
          waitingSince: view.waitingSince,
          claimId: view.claimId ?? null,
          payerCode: view.payerCode ?? null,
          manualUpload: view.manualUpload,
        }
      : null,
  };
}
