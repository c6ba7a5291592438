/**
 * A bill's next steps for the staff page: what it waits for, since when and when it escalates
 * if nothing happens, why it needs attention, and the staff actions its state allows now; and
 * each claim's 837P, as sent (the batch file that carried it, or its manual-upload file).
 */
import { z } from 'zod';
import { billViewQuery, billWorkflowId, type BillView } from '../../workflows/bill/definitions';
import type { ApiDeps } from '../app';
import { allowedActions, attentionText, nextEscalation, STAFF_ACTIONS } from '../bill-next-steps';
import { HttpProblem, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { fromDbDate } from '../../db/dates';
import { billParams } from './bills.schemas';
import { billStatus, id } from './common.schemas';

const workOut = z.object({
  billId: z.string(),
  status: billStatus,
  statusSince: z.string(),
  waitingFor: z.string().nullable().describe("What the bill's workflow waits for; null when it cannot be asked"),
  waitingSince: z.string().nullable(),
  nextEscalation: z
    .object({ reason: z.string(), text: z.string(), at: z.string() })
    .nullable()
    .describe('When the bill escalates (needs attention) if nothing happens before'),
  attention: z.object({ reason: z.string(), text: z.string(), since: z.string().nullable() }).nullable(),
  submitsManually: z.boolean().describe("The bill's practice uploads claims to Office Ally by hand"),
  actions: z.array(z.enum(STAFF_ACTIONS)).describe("The staff actions the bill's state allows now"),
});

async function workflowView(deps: ApiDeps, billId: string): Promise<BillView | undefined> {
  try {
    return await deps.temporal.withDeadline(Date.now() + 5000, () =>
      deps.temporal.workflow.getHandle(billWorkflowId(billId)).query(billViewQuery),
    );
  } catch {
    return undefined;
  }
}

const payerSelect = { select: { responseDays: true, timelyFilingDays: true } };

export const billWorkRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/bills/:billId/work',
    operationId: 'getBillWork',
    summary: 'What the bill waits for, when it escalates, why it needs attention, and the actions its state allows now',
    tag: 'bills',
    roles: ['BILLING'],
    params: billParams,
    responses: { 200: { description: "The bill's next steps", schema: workOut }, 404: { description: 'No such bill' } },
    async handler({ deps, params, res }) {
      const bill = await deps.db.bill.findUnique({
        where: { id: params.billId },
        include: {
          practice: { select: { submitsManually: true } },
          serviceLines: { select: { dateOfService: true } },
          client: { select: { policies: { where: { active: true }, select: { rank: true, payer: payerSelect } } } },
          claims: {
            orderBy: { createdAt: 'desc' },
            select: { rank: true, status: true, payer: payerSelect, _count: { select: { payments: true } } },
          },
        },
      });
      if (!bill) throw notFound('bill', params.billId);
      const view = await workflowView(deps, bill.id);
      const payer =
        bill.claims.find((c) => c.rank === bill.currentRank)?.payer ??
        bill.client.policies.find((p) => p.rank === bill.currentRank)?.payer ??
        null;
      const waitingFor = view?.waitingFor ?? null;
      const firstDateOfService = bill.serviceLines.map((l) => fromDbDate(l.dateOfService)).sort()[0] ?? null;
      res.json({
        billId: bill.id,
        status: bill.status,
        statusSince: bill.statusSince.toISOString(),
        waitingFor,
        waitingSince: view?.waitingSince ?? null,
        // The bill's own next escalation, as its workflow computes it; worked out from the rules only when the workflow cannot be asked.
        nextEscalation: view?.nextEscalation
          ? { ...view.nextEscalation, text: attentionText(view.nextEscalation.reason) ?? view.nextEscalation.reason }
          : view
            ? null
            : nextEscalation({ status: bill.status, statusSince: bill.statusSince, waitingFor, firstDateOfService, payer }),
        attention:
          bill.needsAttention && bill.attentionReason
            ? {
                reason: bill.attentionReason,
                text: attentionText(bill.attentionReason) ?? bill.attentionReason,
                since: bill.attentionSince?.toISOString() ?? null,
              }
            : null,
        submitsManually: bill.practice.submitsManually,
        actions: allowedActions({
          status: bill.status,
          waitingFor,
          submitsManually: bill.practice.submitsManually,
          anyClaimBatched: bill.claims.some((c) => c.status === 'BATCHED'),
          anyPaymentPosted: bill.claims.some((c) => c._count.payments > 0),
          held: bill.holdNextClaim,
        }),
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/claims/:claimId/837p',
    operationId: 'downloadClaim837p',
    summary: 'Download the 837P that carried the claim (its batch file, or its manual-upload file)',
    tag: 'bills',
    roles: ['BILLING'],
    params: z.object({ claimId: id }).strict(),
    responses: {
      200: { description: 'The 837P file', binary: ['application/edi-x12'] },
      404: { description: 'No such claim, or no 837P written for it yet' },
    },
    async handler({ deps, params, res }) {
      const claim = await deps.db.claim.findUnique({ where: { id: params.claimId }, select: { id: true } });
      if (!claim) throw notFound('claim', params.claimId);
      const link = await deps.db.clearinghouseFileClaim.findFirst({
        where: { claimId: claim.id, file: { direction: 'OUTBOUND', kind: '837P' } },
        orderBy: { file: { createdAt: 'desc' } },
        include: { file: true },
      });
      if (!link)
        throw new HttpProblem(404, 'Not found', `no 837P has been written for claim ${claim.id} yet`, { type: ProblemType.notFound });
      res
        .set({ 'X-File-Id': link.file.id, 'Cache-Control': 'no-store' })
        .attachment(link.file.name)
        .type('application/edi-x12')
        .send(Buffer.from(link.file.content));
    },
  }),
];
