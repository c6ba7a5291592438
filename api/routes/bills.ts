/**
 * Bills and their service lines: create (starts the bill's workflow, idempotently), read,
 * lists by status and of bills needing attention, and the timeline. BILLING only (PHI:
 * names, diagnoses). Lifecycle state is the workflow's to write; the API only reads it.
 */
import {
  billCorrectedUpdate,
  billViewQuery,
  billWorkflowId,
  CORRECTABLE_STATUSES,
  submitUpdate,
  type BillView,
} from '../../workflows/bill/definitions';
import type { Prisma } from '../../generated/prisma/client';
import { HttpProblem, invalidField, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, dateOnly, pageArgs, pageOf, toDate } from '../support';
import { billUpdate, ensureBillWorkflow } from '../workflow-calls';
import type { ApiDeps } from '../app';
import { page } from './common.schemas';
import { checkServiceDates } from './door-rules';
import {
  attentionItem,
  attentionQuery,
  billListItem,
  billOut,
  billParams,
  correctBillBody,
  createBillBody,
  listBillsQuery,
  timelineItem,
  timelineQuery,
} from './bills.schemas';

const listInclude = {
  client: { select: { id: true, firstName: true, lastName: true } },
  serviceLines: { select: { chargeCents: true, dateOfService: true } },
} satisfies Prisma.BillInclude;
type ListRow = Prisma.BillGetPayload<{ include: typeof listInclude }>;

function listView(b: ListRow) {
  const dates = b.serviceLines.map((l) => dateOnly(l.dateOfService)).sort();
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
      dateOfService: dateOnly(l.dateOfService),
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
        adjudicationDate: dateOnly(p.adjudicationDate),
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

export const billRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/bills',
    operationId: 'listBills',
    summary: 'List bills, by status, practice, client or attention',
    tag: 'bills',
    roles: ['BILLING'],
    query: listBillsQuery,
    responses: { 200: { description: 'A page of bills, longest in their status first', schema: page(billListItem) } },
    async handler({ deps, query, res }) {
      const rows = await deps.db.bill.findMany({
        where: {
          ...(query.status ? { status: query.status } : {}),
          ...(query.practiceId ? { practiceId: query.practiceId } : {}),
          ...(query.clientId ? { clientId: query.clientId } : {}),
          ...(query.needsAttention !== undefined ? { needsAttention: query.needsAttention } : {}),
        },
        include: listInclude,
        orderBy: [{ statusSince: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
      });
      res.json(pageOf(rows, query.limit, listView));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/bills/needing-attention',
    operationId: 'listBillsNeedingAttention',
    summary: 'Bills needing attention, with why and since when (oldest first)',
    tag: 'bills',
    roles: ['BILLING'],
    query: attentionQuery,
    responses: { 200: { description: 'A page of bills needing attention', schema: page(attentionItem) } },
    async handler({ deps, query, res }) {
      const rows = await deps.db.bill.findMany({
        where: { needsAttention: true, ...(query.practiceId ? { practiceId: query.practiceId } : {}) },
        include: listInclude,
        orderBy: [{ attentionSince: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
      });
      res.json(
        pageOf(rows, query.limit, (b) => ({
          id: b.id,
          practiceId: b.practiceId,
          client: b.client,
          status: b.status,
          rank: b.currentRank,
          reason: b.attentionReason,
          since: b.attentionSince?.toISOString() ?? null,
          statusSince: b.statusSince.toISOString(),
        })),
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills',
    operationId: 'createBill',
    summary: 'Create a bill with its service lines and start its workflow',
    description: 'The workflow id derives from the bill (bill-<id>); starting it again is a no-op (see POST /bills/{billId}/start).',
    tag: 'bills',
    roles: ['BILLING'],
    body: createBillBody,
    responses: { 201: { description: 'The bill, as a draft', schema: billOut } },
    async handler({ deps, body, principal, res }) {
      const practice = await deps.db.practice.findUnique({ where: { id: body.practiceId } });
      if (!practice) throw invalidField('body', ['practiceId'], `no practice ${body.practiceId}`);
      const client = await deps.db.client.findUnique({
        where: { id: body.clientId },
        include: { policies: { where: { active: true, rank: 'PRIMARY' } } },
      });
      if (!client || client.practiceId !== body.practiceId)
        throw invalidField('body', ['clientId'], `no client ${body.clientId} in practice ${body.practiceId}`);
      if (client.policies.length === 0)
        throw invalidField('body', ['clientId'], 'the client has no active primary policy', 'no_primary_policy');
      await checkServiceDates(deps.db, client.id, body.serviceLines);
      if (body.renderingProviderId) {
        const provider = await deps.db.provider.findUnique({ where: { id: body.renderingProviderId } });
        if (!provider || provider.practiceId !== body.practiceId)
          throw invalidField('body', ['renderingProviderId'], `no provider ${body.renderingProviderId} in practice ${body.practiceId}`);
      }
      const bill = await deps.db.$transaction(async (tx) => {
        const created = await tx.bill.create({
          data: {
            practiceId: body.practiceId,
            clientId: body.clientId,
            renderingProviderId: body.renderingProviderId ?? null,
            diagnosisCodes: body.diagnosisCodes.map((c) => c.replace('.', '')),
            ...(body.placeOfService ? { placeOfService: body.placeOfService } : {}),
            serviceLines: {
              create: body.serviceLines.map((l, i) => ({
                lineNumber: i + 1,
                procedureCode: l.procedureCode,
                modifiers: l.modifiers ?? [],
                diagnosisPointers: l.diagnosisPointers,
                units: l.units ?? 1,
                chargeCents: l.chargeCents,
                dateOfService: toDate(l.dateOfService),
                placeOfService: l.placeOfService ?? null,
              })),
            },
          },
        });
        await tx.bill.update({ where: { id: created.id }, data: { workflowId: billWorkflowId(created.id) } });
        await audit(tx, principal, {
          action: 'bill:created',
          entityType: 'bill',
          entityId: created.id,
          billId: created.id,
          details: {
            practiceId: body.practiceId,
            clientId: body.clientId,
            lines: body.serviceLines.length,
            totalChargeCents: body.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
          },
        });
        return created;
      });
      await ensureBillWorkflow(deps, { billId: bill.id, practiceId: bill.practiceId });
      if (body.submit) {
        await billUpdate(deps, bill.id, submitUpdate, { actor: principal.actor }, { action: 'submit' });
      }
      res
        .status(201)
        .location(`/bills/${bill.id}`)
        .json(await loadBillDetail(deps, bill.id));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/bills/:billId',
    operationId: 'getBill',
    summary: 'A bill: lines, claims, payments, and what its workflow waits for',
    tag: 'bills',
    roles: ['BILLING'],
    params: billParams,
    responses: { 200: { description: 'The bill', schema: billOut }, 404: { description: 'No such bill' } },
    async handler({ deps, params, res }) {
      res.json(await loadBillDetail(deps, params.billId));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/bills/:billId',
    operationId: 'correctBill',
    summary: "Correct a bill's data (codes, lines, dates) while no claim of it is on its way",
    description:
      'Allowed while the bill is a draft, Ready to Batch (not yet in a batch) or Rejected; then correct-and-resubmit sends a Rejected bill again. ' +
      'A line charge can change only while no payment is posted on the bill. The workflow reloads the bill afterwards.',
    tag: 'bills',
    roles: ['BILLING'],
    params: billParams,
    body: correctBillBody,
    responses: {
      200: { description: 'The corrected bill', schema: billOut },
      404: { description: 'No such bill' },
      409: { description: 'A claim of the bill is on its way, or a payment is posted' },
    },
    async handler({ deps, params, body, principal, res }) {
      const bill = await deps.db.bill.findUnique({
        where: { id: params.billId },
        include: { serviceLines: true, claims: { select: { status: true, _count: { select: { payments: true } } } } },
      });
      if (!bill) throw notFound('bill', params.billId);
      const wrongState = (detail: string) =>
        new HttpProblem(409, 'The bill is not in a state for this action', detail, {
          type: ProblemType.wrongState,
          extensions: { action: 'correct', billId: bill.id },
        });
      if (!(CORRECTABLE_STATUSES as readonly string[]).includes(bill.status))
        throw wrongState(`the bill is ${bill.status}: it can be corrected only as a draft, Ready to Batch or Rejected`);
      if (bill.claims.some((c) => c.status === 'BATCHED')) throw wrongState('a claim of the bill is in a batch already');
      const paid = bill.claims.some((c) => c._count.payments > 0);
      const byNumber = new Map(bill.serviceLines.map((l) => [l.lineNumber, l]));
      (body.serviceLines ?? []).forEach((l, i) => {
        if (!byNumber.has(l.lineNumber))
          throw invalidField('body', ['serviceLines', i, 'lineNumber'], `the bill has no line ${l.lineNumber}`);
        if (l.chargeCents !== undefined && paid)
          throw wrongState(`a payment is posted on the bill: line ${l.lineNumber}'s charge cannot change`);
      });
      await checkServiceDates(deps.db, bill.clientId, body.serviceLines);
      const diagnoses = body.diagnosisCodes?.map((c) => c.replace('.', '')) ?? bill.diagnosisCodes;
      bill.serviceLines.forEach((line) => {
        const change = body.serviceLines?.find((l) => l.lineNumber === line.lineNumber);
        const pointers = change?.diagnosisPointers ?? line.diagnosisPointers;
        pointers.forEach((p, j) => {
          if (p > diagnoses.length)
            throw invalidField(
              'body',
              ['serviceLines', body.serviceLines?.indexOf(change!) ?? 0, 'diagnosisPointers', j],
              `line ${line.lineNumber} points at diagnosis ${p}; the bill has ${diagnoses.length}`,
            );
        });
      });
      if (body.renderingProviderId) {
        const provider = await deps.db.provider.findUnique({ where: { id: body.renderingProviderId } });
        if (!provider || provider.practiceId !== bill.practiceId)
          throw invalidField('body', ['renderingProviderId'], `no provider ${body.renderingProviderId} in the bill's practice`);
      }
      await deps.db.$transaction(async (tx) => {
        await tx.bill.update({
          where: { id: bill.id },
          data: {
            ...(body.diagnosisCodes ? { diagnosisCodes: diagnoses } : {}),
            ...(body.placeOfService ? { placeOfService: body.placeOfService } : {}),
            ...(body.renderingProviderId !== undefined ? { renderingProviderId: body.renderingProviderId } : {}),
          },
        });
        for (const l of body.serviceLines ?? []) {
          const { lineNumber, dateOfService, ...fields } = l;
          await tx.serviceLine.update({
            where: { billId_lineNumber: { billId: bill.id, lineNumber } },
            data: { ...fields, ...(dateOfService ? { dateOfService: toDate(dateOfService) } : {}) },
          });
        }
        // Field names only: the values may be patient data.
        await audit(tx, principal, {
          action: 'bill:corrected',
          entityType: 'bill',
          entityId: bill.id,
          billId: bill.id,
          details: { fields: Object.keys(body), lines: (body.serviceLines ?? []).map((l) => l.lineNumber) },
        });
      });
      await billUpdate(deps, bill.id, billCorrectedUpdate, { actor: principal.actor }, { action: 'correct' });
      res.json(await loadBillDetail(deps, bill.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills/:billId/start',
    operationId: 'startBillWorkflow',
    summary: "Start the bill's workflow if it is not started (idempotent)",
    description: 'For a bill whose creation was interrupted before its workflow started; a no-op otherwise.',
    tag: 'bills',
    roles: ['BILLING'],
    params: billParams,
    responses: {
      200: { description: 'The workflow id', schema: billOut.pick({ id: true, workflowId: true }) },
      404: { description: 'No such bill' },
    },
    async handler({ deps, params, res }) {
      const bill = await deps.db.bill.findUnique({ where: { id: params.billId } });
      if (!bill) throw notFound('bill', params.billId);
      const { workflowId } = await ensureBillWorkflow(deps, { billId: bill.id, practiceId: bill.practiceId });
      if (bill.workflowId !== workflowId) await deps.db.bill.update({ where: { id: bill.id }, data: { workflowId } });
      res.json({ id: bill.id, workflowId });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/bills/:billId/timeline',
    operationId: 'getBillTimeline',
    summary: "A bill's timeline: every step, with time and actor (oldest first)",
    tag: 'bills',
    roles: ['BILLING'],
    params: billParams,
    query: timelineQuery,
    responses: { 200: { description: 'A page of events', schema: page(timelineItem) }, 404: { description: 'No such bill' } },
    async handler({ deps, params, query, res }) {
      if (!(await deps.db.bill.findUnique({ where: { id: params.billId }, select: { id: true } }))) throw notFound('bill', params.billId);
      const rows = await deps.db.auditEvent.findMany({
        where: { billId: params.billId },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
      });
      res.json(
        pageOf(rows, query.limit, (e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actor: e.actor,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          details: e.details,
        })),
      );
    },
  }),
];
