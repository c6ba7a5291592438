/**
 * Staff actions on one bill, each a Temporal update to the bill's workflow: the answer is
 * the workflow's verdict (409 wrong state, 422 refused input). Every action accepts an
 * Idempotency-Key header (the update id), and is recorded in the audit trail with the key.
 */
import type { Request } from 'express';
import {
  attachRemittanceUpdate,
  confirmClaimFixUpdate,
  postPaymentUpdate,
  prepareManualUploadUpdate,
  resubmitUpdate,
  setReadyToBatchUpdate,
  submitUpdate,
  voidUpdate,
  type VoidReason,
} from '../../workflows/bill/definitions';
import type { ApiDeps } from '../app';
import type { Principal } from '../auth';
import { HttpProblem, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, idempotencyKey } from '../support';
import { toDbDate } from '../../db/dates';
import { billUpdate } from '../workflow-calls';
import { actionResult } from './common.schemas';
import { billParams } from './bills.schemas';
import { checkAdjudicationDate } from './door-rules';
import { emptyBody, paymentOut, postPaymentBody, remittanceOut, remittanceQuery, resubmitBody, voidBody } from './bill-actions.schemas';

async function requireBill(deps: ApiDeps, billId: string): Promise<void> {
  if (!(await deps.db.bill.findUnique({ where: { id: billId }, select: { id: true } }))) throw notFound('bill', billId);
}

/** A simple action: the update, then the audit record; answers the bill's new status. */
function simpleAction(options: {
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  action: string;
  run: (deps: ApiDeps, billId: string, principal: Principal, body: unknown, key: string | undefined) => Promise<{ status: string }>;
  body?: typeof emptyBody | typeof voidBody | typeof resubmitBody;
  details?: (body: unknown) => Record<string, string>;
}): RouteDef {
  return defineRoute({
    method: 'post',
    path: options.path,
    operationId: options.operationId,
    summary: options.summary,
    ...(options.description ? { description: options.description } : {}),
    tag: 'bill actions',
    roles: ['BILLING'],
    params: billParams,
    body: options.body ?? emptyBody,
    idempotent: true,
    responses: {
      200: { description: "The bill's status after the action", schema: actionResult },
      404: { description: 'No such bill' },
      409: { description: 'The bill is not in a state for this action (the reason is in detail)' },
    },
    async handler({ deps, params, body, principal, req, res }) {
      // No existence query first: billUpdate answers 404 for a bill that does not exist.
      const result = await options.run(deps, params.billId, principal, body, idempotencyKey(req));
      await audit(deps.db, principal, {
        action: `bill:${options.action}`,
        entityType: 'bill',
        entityId: params.billId,
        billId: params.billId,
        details: { status: result.status, ...(options.details?.(body) ?? {}) },
      });
      res.json({ billId: params.billId, status: result.status });
    },
  });
}

function keyOf(req: Request): string | undefined {
  return idempotencyKey(req);
}

export const billActionRoutes: RouteDef[] = [
  simpleAction({
    path: '/bills/:billId/submit',
    operationId: 'submitBill',
    summary: 'Submit a draft bill: it goes Ready to Batch for its primary payer',
    action: 'submit',
    run: (deps, billId, p, _b, key) =>
      billUpdate(deps, billId, submitUpdate, { actor: p.actor }, { action: 'submit', idempotencyKey: key }),
  }),
  simpleAction({
    path: '/bills/:billId/ready-to-batch',
    operationId: 'setReadyToBatch',
    summary: 'Set the bill Ready to Batch (a draft, or a processed bill waiting for its next claim)',
    action: 'ready-to-batch',
    run: (deps, billId, p, _b, key) =>
      billUpdate(deps, billId, setReadyToBatchUpdate, { actor: p.actor }, { action: 'ready-to-batch', idempotencyKey: key }),
  }),
  simpleAction({
    path: '/bills/:billId/claim-fix-cleared',
    operationId: 'confirmClaimFixCleared',
    summary: "Confirm the manually uploaded claim cleared Office Ally's Claim Fix",
    action: 'claim-fix-cleared',
    run: (deps, billId, p, _b, key) =>
      billUpdate(deps, billId, confirmClaimFixUpdate, { actor: p.actor }, { action: 'claim-fix-cleared', idempotencyKey: key }),
  }),
  simpleAction({
    path: '/bills/:billId/void',
    operationId: 'voidBill',
    summary: 'Void the bill (a void claim goes to a payer that has it)',
    action: 'void',
    body: voidBody,
    run: (deps, billId, p, body, key) =>
      billUpdate(
        deps,
        billId,
        voidUpdate,
        { actor: p.actor, reason: (body as { reason: VoidReason }).reason },
        { action: 'void', idempotencyKey: key },
      ),
    details: (body) => {
      const b = body as { reason: string; note?: string };
      return { reason: b.reason, ...(b.note ? { note: b.note } : {}) };
    },
  }),
  simpleAction({
    path: '/bills/:billId/resubmit',
    operationId: 'correctAndResubmit',
    summary: 'Correct and resubmit: a rejected claim goes again (a payer that has it gets a replacement)',
    action: 'resubmit',
    body: resubmitBody,
    run: (deps, billId, p, _body, key) =>
      billUpdate(deps, billId, resubmitUpdate, { actor: p.actor }, { action: 'resubmit', idempotencyKey: key }),
    details: (body): Record<string, string> => {
      const note = (body as { note?: string } | undefined)?.note;
      return note ? { note } : {};
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills/:billId/payments',
    operationId: 'postPayment',
    summary: 'Post a payment from an EOB (a denial is paidCents 0 with its adjustments)',
    description:
      'Checked by the workflow: every line and the claim must balance (charge = paid + adjustments); PR adjustments = patient responsibility.',
    tag: 'bill actions',
    roles: ['BILLING'],
    params: billParams,
    body: postPaymentBody,
    idempotent: true,
    responses: {
      201: { description: 'The payment, and the bill status after it', schema: paymentOut },
      404: { description: 'No such bill' },
      409: { description: 'The bill is not waiting for a payment' },
    },
    async handler({ deps, params, body, principal, req, res }) {
      await requireBill(deps, params.billId);
      await checkAdjudicationDate(deps.db, params.billId, body.adjudicationDate, ['adjudicationDate']);
      if (body.remittanceId) {
        const remittance = await deps.db.remittance.findUnique({ where: { id: body.remittanceId } });
        if (!remittance) {
          throw new HttpProblem(422, 'The request is not valid', `no remittance ${body.remittanceId}`, {
            type: ProblemType.invalidRequest,
            errors: [{ in: 'body', pointer: '#/remittanceId', detail: 'no such remittance', code: 'invalid_reference' }],
          });
        }
      }
      const result = await billUpdate(
        deps,
        params.billId,
        postPaymentUpdate,
        { ...body, actor: principal.actor },
        { action: 'post-payment', idempotencyKey: keyOf(req) },
      );
      await audit(deps.db, principal, {
        action: 'bill:payment-posted',
        entityType: 'payment',
        entityId: result.paymentId,
        billId: params.billId,
        details: {
          paidCents: body.paidCents,
          patientResponsibilityCents: body.patientResponsibilityCents,
          remittanceId: body.remittanceId ?? null,
          status: result.status,
        },
      });
      res.status(201).json({ billId: params.billId, paymentId: result.paymentId, status: result.status });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills/:billId/remittances',
    operationId: 'attachRemittance',
    summary: 'Attach a paper EOB or denial letter (the file is the body)',
    description:
      "Stored as a Remittance with the file, then attached to the bill's current claim. Pass its remittanceId when posting the payment.",
    tag: 'bill actions',
    roles: ['BILLING'],
    params: billParams,
    query: remittanceQuery,
    rawBody: {
      contentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'application/octet-stream'],
      maxBytes: 10 * 1024 * 1024,
      description: 'The scanned remittance, up to 10 MB',
    },
    idempotent: true,
    responses: {
      201: { description: 'The stored remittance', schema: remittanceOut },
      404: { description: 'No such bill' },
      409: { description: 'The bill has no claim yet' },
    },
    async handler({ deps, params, query, raw, principal, req, res }) {
      await requireBill(deps, params.billId);
      // A retried request (same Idempotency-Key) finds the remittance it stored.
      const requestKey = keyOf(req) ? `${principal.actor}/${keyOf(req)}` : null;
      const earlier = requestKey ? await deps.db.remittance.findUnique({ where: { requestKey } }) : null;
      const remittance =
        earlier ??
        (await deps.db.remittance.create({
          data: {
            requestKey,
            kind: query.kind,
            attachment: new Uint8Array(raw!),
            attachmentName: query.name,
            attachmentType: (req.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim(),
            paymentDate: query.paymentDate ? toDbDate(query.paymentDate) : null,
            traceNumber: query.traceNumber ?? null,
            totalPaidCents: query.totalPaidCents ?? null,
          },
        }));
      let status: string;
      try {
        ({ status } = await billUpdate(
          deps,
          params.billId,
          attachRemittanceUpdate,
          { actor: principal.actor, remittanceId: remittance.id },
          { action: 'attach-remittance', idempotencyKey: keyOf(req) },
        ));
      } catch (err) {
        // Refused: nothing refers to it yet, so it leaves no trace.
        if (!earlier) await deps.db.remittance.delete({ where: { id: remittance.id } });
        throw err;
      }
      await audit(deps.db, principal, {
        action: 'bill:remittance-attached',
        entityType: 'remittance',
        entityId: remittance.id,
        billId: params.billId,
        details: { kind: query.kind, sizeBytes: raw!.length },
      });
      res.status(201).json({ remittanceId: remittance.id, billId: params.billId, kind: remittance.kind, sizeBytes: raw!.length, status });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/bills/:billId/manual-upload',
    operationId: 'downloadClaimForManualUpload',
    summary: "Download the current claim's 837P for manual upload to Office Ally",
    description:
      'The bill moves to Awaiting Claim Fix and waits for POST /bills/{billId}/claim-fix-cleared. Asked again while it waits, it answers the same file. Headers X-Claim-Id and X-File-Id name the claim and the kept file.',
    tag: 'bill actions',
    roles: ['BILLING'],
    params: billParams,
    body: emptyBody,
    idempotent: true,
    responses: {
      200: { description: 'The 837P file', binary: ['application/edi-x12'] },
      404: { description: 'No such bill' },
      409: { description: 'The bill is not Ready to Batch' },
    },
    async handler({ deps, params, principal, req, res }) {
      const result = await billUpdate(
        deps,
        params.billId,
        prepareManualUploadUpdate,
        { actor: principal.actor },
        { action: 'manual-upload', idempotencyKey: keyOf(req) },
      );
      const file = await deps.db.clearinghouseFile.findUnique({ where: { id: result.fileId } });
      if (!file) throw notFound('file', result.fileId);
      await audit(deps.db, principal, {
        action: 'bill:837p-downloaded',
        entityType: 'file',
        entityId: file.id,
        billId: params.billId,
        details: { claimId: result.claimId, status: result.status },
      });
      res
        .status(200)
        .set({ 'X-Claim-Id': result.claimId, 'X-File-Id': file.id, 'X-Bill-Status': result.status, 'Cache-Control': 'no-store' })
        .attachment(file.name)
        .type('application/edi-x12')
        .send(Buffer.from(file.content));
    },
  }),
];
