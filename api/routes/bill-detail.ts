/**
 * What the API shows of a bill: a list row, and the whole bill with its lines, claims,
 * payments and what its workflow waits for. Reads only.
 */
import { fromDbDate } from '../../db/dates';
import type { Prisma } from '../../generated/prisma/client';
import { billViewQuery, billWorkflowId, type BillView } from '../../workflows/bill/definitions';
import type { ApiDeps } from '../app';
import { billBalances } from '../../domain/balances';
import { notFound } from '../problem';

/** The flags a bill's row keeps (its workflow writes them), as the API shows them. */
export function flagsOf(value: unknown): { reason: string; since: string; detail: string; sticky: boolean }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f: unknown) => {
    if (typeof f !== 'object' || f === null) return [];
    const { reason, since, detail, sticky } = f as Record<string, unknown>;
    return typeof reason === 'string' && typeof since === 'string'
      ? [{ reason, since, detail: typeof detail === 'string' ? detail : '', sticky: sticky === true }]
      : [];
  });
}

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
      payments: {
        orderBy: [{ postedAt: 'asc' }, { id: 'asc' }],
        include: { adjustments: { include: { serviceLine: { select: { lineNumber: true } } } }, reversedBy: { select: { id: true } } },
      },
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
  const policies = await deps.db.insurancePolicy.findMany({ where: { clientId: bill.clientId, active: true }, select: { rank: true } });
  const balances = billBalances({
    chargeCents: bill.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
    ranks: policies.map((p) => p.rank),
    finished: bill.status === 'CLOSED' || bill.status === 'VOIDED',
    payments: bill.claims.flatMap((c) =>
      c.payments
        .filter((p) => p.standing === 'STANDING')
        .map((p) => ({
          rank: c.rank,
          paidCents: p.paidCents,
          patientResponsibilityCents: p.patientResponsibilityCents,
          claimStatusCode: p.claimStatusCode,
          isReversal: p.reversesPaymentId !== null,
          reversed: p.reversedBy !== null,
          postedAt: p.postedAt.toISOString(),
        })),
    ),
  });
  const { answered: _answered, ...shownBalances } = balances;
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
        postedAt: p.postedAt.toISOString(),
        standing: p.standing,
        relatedPaymentId: p.relatedPaymentId,
        reversesPaymentId: p.reversesPaymentId,
        reversalReason: p.reversalReason,
        adjustments: p.adjustments.map((a) => ({
          group: a.groupCode,
          reason: a.reasonCode,
          amountCents: a.amountCents,
          lineNumber: a.serviceLine?.lineNumber ?? null,
        })),
      })),
    })),
    balances: shownBalances,
    flags: flagsOf(bill.openFlags),
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
