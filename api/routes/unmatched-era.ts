/** The queue of ERA claims that matched no bill: list, read, match to a claim by hand, or dismiss. BILLING only. */
import { z } from 'zod';
import type { UnmatchedEraClaim } from '../../generated/prisma/client';
import { matchEraUpdate, OVERRIDE_REASONS, undoEraMatchUpdate } from '../../workflows/bill/definitions';
import { HttpProblem, invalidField, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, idempotencyKey, pageArgs, pageOf } from '../support';
import { billMoneyUpdate } from '../workflow-calls';
import { reversalBody, reversalOut } from './bill-money.schemas';
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
  matchedPaymentId: z.string().nullable(),
  overrideReason: z.string().nullable(),
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
  matchedPaymentId: u.matchedPaymentId,
  overrideReason: u.overrideReason,
  resolvedBy: u.resolvedBy,
  resolvedAt: u.resolvedAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});
const params = z.object({ unmatchedId: id }).strict();
const matchBody = z
  .object({
    claimId: id,
    override: z
      .object({
        reason: z.enum(OVERRIDE_REASONS).describe('Why the ERA claim is matched although it does not fit'),
        note: z.string().trim().min(1).max(500).optional().describe('Kept in the audit trail only'),
      })
      .strict()
      .optional(),
  })
  .strict();
const matchOut = z.object({
  unmatchedId: z.string(),
  claimId: z.string(),
  billId: z.string(),
  paymentId: z.string(),
  outcome: z.enum(['posted', 'confirmed', 'discrepancy']),
  status: z.string(),
});

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
    summary: "Match an unmatched ERA claim to a claim: checked, then posted as the claim's bill's action, which hears it",
    description:
      "The bill checks the match first: the ERA's patient name and member id, total charge, payer and dates of service against the claim, and whether the bill waits for an answer on that claim. " +
      'A misfit is refused with 422 naming what differs, unless `override` gives a reason code (the `note` stays in the audit trail). ' +
      'The payment is reconciled with any payment posted on the claim already (linked when they agree, held for staff when they differ).',
    tag: 'remittances',
    roles: ['BILLING'],
    params,
    body: matchBody,
    idempotent: true,
    responses: {
      200: { description: 'Matched and posted', schema: matchOut },
      404: { description: 'No such item' },
      409: { description: 'Resolved already, or the bill is not in a state for it' },
      422: { description: 'The ERA claim does not fit the claim (each misfit named), or bad input' },
    },
    async handler({ deps, params: p, body, principal, req, res }) {
      await openItem(deps.db, p.unmatchedId);
      const claim = await deps.db.claim.findUnique({
        where: { id: body.claimId },
        include: { bill: { select: { id: true, practiceId: true, status: true } } },
      });
      if (!claim) throw invalidField('body', ['claimId'], `no claim ${body.claimId}`);
      const result = await billMoneyUpdate(
        deps,
        claim.bill,
        matchEraUpdate,
        {
          actor: principal.actor,
          unmatchedId: p.unmatchedId,
          claimId: claim.id,
          ...(body.override ? { override: body.override.reason } : {}),
        },
        { action: 'match-era', idempotencyKey: idempotencyKey(req) },
      );
      await audit(deps.db, principal, {
        action: 'era:matched-by-hand',
        entityType: 'unmatched-era-claim',
        entityId: p.unmatchedId,
        billId: claim.billId,
        details: {
          claimId: claim.id,
          paymentId: result.paymentId,
          outcome: result.outcome,
          ...(body.override ? { override: body.override.reason, ...(body.override.note ? { note: body.override.note } : {}) } : {}),
        },
      });
      res.json({
        unmatchedId: p.unmatchedId,
        claimId: claim.id,
        billId: claim.billId,
        paymentId: result.paymentId,
        outcome: result.outcome,
        status: result.status,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/unmatched-era-claims/:unmatchedId/undo',
    operationId: 'undoUnmatchedEraClaimMatch',
    summary: 'Undo a match by hand: the payment it posted is reversed (an entry, never a delete) and the ERA claim is open again',
    tag: 'remittances',
    roles: ['BILLING'],
    params,
    body: reversalBody,
    idempotent: true,
    responses: {
      200: { description: 'Undone', schema: reversalOut },
      404: { description: 'No such item' },
      409: { description: 'Not matched, or the payment cannot be taken back' },
    },
    async handler({ deps, params: p, body, principal, req, res }) {
      const item = await deps.db.unmatchedEraClaim.findUnique({ where: { id: p.unmatchedId } });
      if (!item) throw notFound('unmatched ERA claim', p.unmatchedId);
      if (item.status !== 'MATCHED' || !item.matchedClaimId) {
        throw new HttpProblem(409, 'Not matched', `unmatched ERA claim ${p.unmatchedId} is ${item.status}: there is no match to undo`, {
          type: ProblemType.wrongState,
        });
      }
      const claim = await deps.db.claim.findUniqueOrThrow({
        where: { id: item.matchedClaimId },
        include: { bill: { select: { id: true, practiceId: true, status: true } } },
      });
      const result = await billMoneyUpdate(
        deps,
        claim.bill,
        undoEraMatchUpdate,
        { actor: principal.actor, unmatchedId: p.unmatchedId, reason: body.reason },
        { action: 'undo-match', idempotencyKey: idempotencyKey(req) },
      );
      await audit(deps.db, principal, {
        action: 'era:match-undone',
        entityType: 'unmatched-era-claim',
        entityId: p.unmatchedId,
        billId: claim.billId,
        details: {
          claimId: claim.id,
          reason: body.reason,
          ...(body.note ? { note: body.note } : {}),
          reversalPaymentId: result.reversalPaymentId,
        },
      });
      res.json({ billId: claim.billId, ...result });
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
