/**
 * Bills and their service lines: create (starts the bill's workflow, idempotently), read,
 * lists by status and of bills needing attention, and the timeline. BILLING only (PHI:
 * names, diagnoses). Lifecycle state is the workflow's to write; the API only reads it.
 */
import type { z } from 'zod';
import type { ApiDeps } from '../app';
import type { Principal } from '../auth';
import { billCorrectedUpdate, billWorkflowId, submitUpdate } from '../../workflows/bill/definitions';
import { checkCorrection } from '../../domain/bill-correction';
import { practiceFilter } from '../practice-access';
import { fieldError, HttpProblem, invalidField, notFound, ProblemType, validationProblem } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, idempotencyKey, pageArgs, pageOf } from '../support';
import { toDbDate } from '../../db/dates';
import { billUpdate, ensureBillWorkflow } from '../workflow-calls';
import { flagsOf, listInclude, listView, loadBillDetail } from './bill-detail';
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
    async handler({ deps, query, principal, res }) {
      const rows = await deps.db.bill.findMany({
        where: {
          ...(query.status ? { status: query.status } : {}),
          practiceId: practiceFilter(principal, query.practiceId),
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
    async handler({ deps, query, principal, res }) {
      const rows = await deps.db.bill.findMany({
        where: { needsAttention: true, practiceId: practiceFilter(principal, query.practiceId) },
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
          flags: flagsOf(b.openFlags),
        })),
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills',
    operationId: 'createBill',
    idempotent: true,
    summary: 'Create a bill with its service lines and start its workflow',
    description: 'The workflow id derives from the bill (bill-<id>); starting it again is a no-op (see POST /bills/{billId}/start).',
    tag: 'bills',
    roles: ['BILLING'],
    body: createBillBody,
    responses: { 201: { description: 'The bill, as a draft', schema: billOut } },
    async handler({ deps, body, principal, req, res, idempotentRequestId }) {
      // A retry of a request whose first attempt failed after the bill was made goes on with that bill.
      const made = idempotentRequestId ? await deps.db.bill.findUnique({ where: { id: idempotentRequestId } }) : null;
      const bill = made ?? (await createBillRows(deps, principal, body, idempotentRequestId));
      await ensureBillWorkflow(deps, { billId: bill.id, practiceId: bill.practiceId });
      if (body.submit) {
        const key = idempotencyKey(req);
        await billUpdate(
          deps,
          bill.id,
          submitUpdate,
          { actor: principal.actor },
          { action: 'submit', ...(key ? { idempotencyKey: `create:${key}` } : {}) },
        );
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
    idempotent: true,
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
    async handler({ deps, params, body, principal, req, res }) {
      const bill = await deps.db.bill.findUnique({
        where: { id: params.billId },
        include: { serviceLines: true, claims: { select: { _count: { select: { payments: true } } } } },
      });
      if (!bill) throw notFound('bill', params.billId);
      if (body.renderingProviderId) {
        const provider = await deps.db.provider.findUnique({ where: { id: body.renderingProviderId } });
        if (!provider || provider.practiceId !== bill.practiceId)
          throw invalidField('body', ['renderingProviderId'], `no provider ${body.renderingProviderId} in the bill's practice`);
      }
      await checkServiceDates(deps.db, bill.clientId, body.serviceLines);
      // Checked here for a quick answer; checked again, against the bill as it is then, when applied.
      const verdict = checkCorrection(
        {
          diagnosisCodes: bill.diagnosisCodes,
          lines: bill.serviceLines.map((l) => ({ lineNumber: l.lineNumber, diagnosisPointers: l.diagnosisPointers })),
          paid: bill.claims.some((c) => c._count.payments > 0),
        },
        body,
      );
      if (verdict.fields.length > 0)
        throw validationProblem(verdict.fields.map((f) => fieldError('body', f.path, f.message, 'invalid_reference')));
      if (verdict.wrongState) {
        throw new HttpProblem(409, 'The bill is not in a state for this action', verdict.wrongState, {
          type: ProblemType.wrongState,
          extensions: { action: 'correct', billId: bill.id },
        });
      }
      // Kept as asked; the bill's workflow agrees to it (or refuses) and an activity applies it.
      const key = idempotencyKey(req);
      const requestKey = key ? `${principal.actor}/${key}` : null;
      const correction =
        (requestKey ? await deps.db.billCorrection.findUnique({ where: { requestKey } }) : null) ??
        (await deps.db.billCorrection.create({
          data: { billId: bill.id, requestedBy: principal.actor, requestKey, changes: body },
        }));
      try {
        await billUpdate(
          deps,
          bill.id,
          billCorrectedUpdate,
          { actor: principal.actor, correctionId: correction.id },
          { action: 'correct', idempotencyKey: key ?? correction.id },
        );
      } catch (err) {
        if (err instanceof HttpProblem && err.status !== 504) {
          await deps.db.billCorrection.updateMany({
            where: { id: correction.id, status: 'PENDING' },
            data: { status: 'REFUSED', reason: String(err.extensions?.reason ?? err.status), decidedAt: new Date() },
          });
        }
        throw err;
      }
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

/** Checks the bill's references and makes it with its lines (with the given id when there is one). */
async function createBillRows(deps: ApiDeps, principal: Principal, body: z.output<typeof createBillBody>, id: string | undefined) {
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
  return deps.db.$transaction(async (tx) => {
    const created = await tx.bill.create({
      data: {
        ...(id ? { id } : {}),
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
            dateOfService: toDbDate(l.dateOfService),
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
}
