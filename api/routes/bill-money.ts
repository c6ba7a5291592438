/**
 * Staff actions about a bill's money after the fact, each an update of the bill (answered with
 * its verdict; a finished bill answers in a watching run): take back a payment posted by mistake,
 * choose which adjudication stands when an ERA differs from the payment posted, acknowledge a
 * flag. Codes reach the bill; a staff note stays in the audit trail.
 */
import { acknowledgeFlagUpdate, resolveDiscrepancyUpdate, reversePaymentUpdate } from '../../workflows/bill/definitions';
import type { ApiDeps } from '../app';
import { notFound } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, idempotencyKey } from '../support';
import { billMoneyUpdate } from '../workflow-calls';
import { acknowledgeBody, paymentParams, resolveBody, reversalBody, reversalOut } from './bill-money.schemas';
import { billParams } from './bills.schemas';
import { actionResult } from './common.schemas';

async function billOf(deps: ApiDeps, billId: string): Promise<{ id: string; practiceId: string; status: string }> {
  const bill = await deps.db.bill.findUnique({ where: { id: billId }, select: { id: true, practiceId: true, status: true } });
  if (!bill) throw notFound('bill', billId);
  return bill;
}

async function paymentOf(deps: ApiDeps, billId: string, paymentId: string): Promise<void> {
  const payment = await deps.db.payment.findUnique({ where: { id: paymentId }, select: { claim: { select: { billId: true } } } });
  if (!payment || payment.claim.billId !== billId) throw notFound('payment', paymentId);
}

export const billMoneyRoutes: RouteDef[] = [
  defineRoute({
    method: 'post',
    path: '/bills/:billId/payments/:paymentId/reverse',
    operationId: 'reversePayment',
    summary: 'Take back a payment posted by mistake (a wrongly keyed EOB): a reversal entry, never a delete',
    description:
      'While the bill has not sent its next claim, it goes back to waiting for that payer; after, it is flagged ADJUDICATION_CHANGED for a person.',
    tag: 'bill actions',
    roles: ['BILLING'],
    params: paymentParams,
    body: reversalBody,
    idempotent: true,
    responses: {
      200: { description: 'Reversed', schema: reversalOut },
      404: { description: 'No such bill or payment' },
      409: { description: 'The payment does not count, is reversed already, or another payment action is under way' },
    },
    async handler({ deps, params, body, principal, req, res }) {
      const bill = await billOf(deps, params.billId);
      await paymentOf(deps, bill.id, params.paymentId);
      const result = await billMoneyUpdate(
        deps,
        bill,
        reversePaymentUpdate,
        { actor: principal.actor, paymentId: params.paymentId, reason: body.reason },
        { action: 'reverse-payment', idempotencyKey: idempotencyKey(req) },
      );
      await audit(deps.db, principal, {
        action: 'bill:payment-reversed',
        entityType: 'payment',
        entityId: params.paymentId,
        billId: bill.id,
        details: { reason: body.reason, reversalPaymentId: result.reversalPaymentId, ...(body.note ? { note: body.note } : {}) },
      });
      res.json({ billId: bill.id, ...result });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills/:billId/discrepancies/:paymentId/resolve',
    operationId: 'resolveDiscrepancy',
    summary: 'Choose which adjudication stands when an ERA (this payment) differs from the payment posted',
    description: 'The next claim, held meanwhile, is written from the adjudication that stands.',
    tag: 'bill actions',
    roles: ['BILLING'],
    params: paymentParams,
    body: resolveBody,
    idempotent: true,
    responses: {
      200: { description: "The bill's status after the choice", schema: actionResult },
      404: { description: 'No such bill or payment' },
      409: { description: 'No discrepancy is open for the payment' },
    },
    async handler({ deps, params, body, principal, req, res }) {
      const bill = await billOf(deps, params.billId);
      await paymentOf(deps, bill.id, params.paymentId);
      const result = await billMoneyUpdate(
        deps,
        bill,
        resolveDiscrepancyUpdate,
        { actor: principal.actor, paymentId: params.paymentId, stands: body.stands },
        { action: 'resolve-discrepancy', idempotencyKey: idempotencyKey(req) },
      );
      await audit(deps.db, principal, {
        action: 'bill:discrepancy-resolved',
        entityType: 'payment',
        entityId: params.paymentId,
        billId: bill.id,
        details: { stands: body.stands, ...(body.note ? { note: body.note } : {}) },
      });
      res.json({ billId: bill.id, status: result.status });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills/:billId/flags/acknowledge',
    operationId: 'acknowledgeFlag',
    summary:
      "Acknowledge a flag on the bill with a code saying how it was dealt with: it clears in the API and in Temporal's NeedsAttention",
    tag: 'bill actions',
    roles: ['BILLING'],
    params: billParams,
    body: acknowledgeBody,
    idempotent: true,
    responses: {
      200: { description: "The bill's status", schema: actionResult },
      404: { description: 'No such bill' },
      409: { description: 'No such flag is open (or it is a discrepancy: resolve it)' },
    },
    async handler({ deps, params, body, principal, req, res }) {
      const bill = await billOf(deps, params.billId);
      const result = await billMoneyUpdate(
        deps,
        bill,
        acknowledgeFlagUpdate,
        { actor: principal.actor, reason: body.reason, code: body.code },
        { action: 'acknowledge-flag', idempotencyKey: idempotencyKey(req) },
      );
      await audit(deps.db, principal, {
        action: 'bill:flag-acknowledged',
        entityType: 'bill',
        entityId: bill.id,
        billId: bill.id,
        details: { reason: body.reason, code: body.code, ...(body.note ? { note: body.note } : {}) },
      });
      res.json({ billId: bill.id, status: result.status });
    },
  }),
];
