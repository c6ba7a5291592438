/** The queue of ERA claims that matched no bill: list, read, match to a claim by hand, or dismiss. BILLING only. */
import { z } from 'zod';
import type { UnmatchedEraClaim } from '../../generated/prisma/client';
import { billWorkflowId, eraPostedSignal } from '../../workflows/bill/definitions';
import { defaultManualMatch } from '../ports';
import { HttpProblem, invalidField, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, pageArgs, pageOf } from '../support';
import { id, page, pageQuery } from './common.schemas';

const status = z.enum(['OPEN', 'MATCHED', 'DISMISSED']);
const itemOut = z.object({
  id: z.string(),
  remittanceId: z.string(),
  patientControlNumber: z.string(),
  payerClaimControlNumber: z.string().nullable(),
  claimStatusCode: z.string(),
  chargeCents: z.number().int(),
  paidCents: z.number().int(),
  status,
  matchedClaimId: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
const view = (u: UnmatchedEraClaim) => ({
  id: u.id,
  remittanceId: u.remittanceId,
  patientControlNumber: u.patientControlNumber,
  payerClaimControlNumber: u.payerClaimControlNumber,
  claimStatusCode: u.claimStatusCode,
  chargeCents: u.chargeCents,
  paidCents: u.paidCents,
  status: u.status,
  matchedClaimId: u.matchedClaimId,
  resolvedBy: u.resolvedBy,
  resolvedAt: u.resolvedAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});
const params = z.object({ unmatchedId: id }).strict();

async function openItem(db: Parameters<typeof audit>[0], unmatchedId: string): Promise<UnmatchedEraClaim> {
  const item = await db.unmatchedEraClaim.findUnique({ where: { id: unmatchedId } });
  if (!item) throw notFound('unmatched ERA claim', unmatchedId);
  if (item.status !== 'OPEN')
    throw new HttpProblem(409, 'Resolved already', `unmatched ERA claim ${unmatchedId} is ${item.status}`, {
      type: ProblemType.wrongState,
    });
  return item;
}

export const unmatchedEraRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/unmatched-era-claims',
    operationId: 'listUnmatchedEraClaims',
    summary: 'ERA claims that matched no bill (open ones by default, oldest first)',
    tag: 'remittances',
    roles: ['BILLING'],
    query: z.object({ ...pageQuery, status: status.default('OPEN') }).strict(),
    responses: { 200: { description: 'A page of unmatched claims', schema: page(itemOut) } },
    async handler({ deps, query, res }) {
      const rows = await deps.db.unmatchedEraClaim.findMany({
        where: { status: query.status },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
      });
      res.json(pageOf(rows, query.limit, view));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/unmatched-era-claims/:unmatchedId',
    operationId: 'getUnmatchedEraClaim',
    summary: 'One unmatched ERA claim, with the claim as the 835 said it (for matching by hand)',
    tag: 'remittances',
    roles: ['BILLING'],
    params,
    responses: {
      200: { description: 'The unmatched claim', schema: itemOut.extend({ claimData: z.unknown() }) },
      404: { description: 'No such item' },
    },
    async handler({ deps, params: p, res }) {
      const item = await deps.db.unmatchedEraClaim.findUnique({ where: { id: p.unmatchedId } });
      if (!item) throw notFound('unmatched ERA claim', p.unmatchedId);
      res.json({ ...view(item), claimData: item.claimData });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/unmatched-era-claims/:unmatchedId/match',
    operationId: 'matchUnmatchedEraClaim',
    summary: 'Match an unmatched ERA claim to a claim: its payment is posted and the bill hears it',
    tag: 'remittances',
    roles: ['BILLING'],
    params,
    body: z.object({ claimId: id }).strict(),
    responses: {
      200: {
        description: 'Matched',
        schema: z.object({ unmatchedId: z.string(), claimId: z.string(), billId: z.string(), paymentId: z.string().nullable() }),
      },
      404: { description: 'No such item' },
      409: { description: 'Resolved already' },
    },
    async handler({ deps, params: p, body, principal, res }) {
      await openItem(deps.db, p.unmatchedId);
      const claim = await deps.db.claim.findUnique({ where: { id: body.claimId } });
      if (!claim) throw invalidField('body', ['claimId'], `no claim ${body.claimId}`);
      const matcher = deps.manualMatch ?? defaultManualMatch;
      const event = await matcher.matchUnmatchedEraClaim(deps.db, {
        unmatchedId: p.unmatchedId,
        claimId: body.claimId,
        actor: principal.actor,
      });
      if (event.kind === 'era') await deps.temporal.workflow.getHandle(billWorkflowId(event.billId)).signal(eraPostedSignal, event.event);
      await audit(deps.db, principal, {
        action: 'era:matched-by-hand',
        entityType: 'unmatched-era-claim',
        entityId: p.unmatchedId,
        billId: claim.billId,
        details: { claimId: claim.id, paymentId: event.kind === 'era' ? event.event.paymentId : null },
      });
      res.json({
        unmatchedId: p.unmatchedId,
        claimId: claim.id,
        billId: claim.billId,
        paymentId: event.kind === 'era' ? event.event.paymentId : null,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/unmatched-era-claims/:unmatchedId/dismiss',
    operationId: 'dismissUnmatchedEraClaim',
    summary: 'Dismiss an unmatched ERA claim (kept, marked dismissed, with the reason in the audit trail)',
    tag: 'remittances',
    roles: ['BILLING'],
    params,
    body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
    responses: {
      200: { description: 'Dismissed', schema: itemOut },
      404: { description: 'No such item' },
      409: { description: 'Resolved already' },
    },
    async handler({ deps, params: p, body, principal, res }) {
      await openItem(deps.db, p.unmatchedId);
      const updated = await deps.db.unmatchedEraClaim.update({
        where: { id: p.unmatchedId },
        data: { status: 'DISMISSED', resolvedBy: principal.actor, resolvedAt: new Date() },
      });
      await audit(deps.db, principal, {
        action: 'era:dismissed',
        entityType: 'unmatched-era-claim',
        entityId: p.unmatchedId,
        details: { reason: body.reason },
      });
      res.json(view(updated));
    },
  }),
];
