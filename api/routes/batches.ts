/**
 * Batches: create (starts the batch workflow, which collects the practice's claims that
 * are Ready to Batch, writes one 837P and sends it), list, read, download the file, and
 * "send" for a batch the clearinghouse integration did not send (uploaded by hand).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { z } from 'zod';
import { batchSummary } from '../../workflows/ops-summary';
import type { BatchResult } from '../../workflows/batch/workflow';
import type { Batch } from '../../generated/prisma/client';
import { practiceFilter } from '../practice-access';
import { HttpProblem, invalidField, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, idempotencyKey, pageArgs, pageOf } from '../support';
import { id, page, pageQuery } from './common.schemas';
import type { batchWorkflow, sendBatchWorkflow } from '../../workflows/batch/workflow';

const batchStatus = z.enum(['OPEN', 'WRITTEN', 'SENT', 'DOWNLOADED', 'FAILED']);
const batchOut = z.object({
  id: z.string(),
  practiceId: z.string(),
  status: batchStatus,
  fileId: z.string().nullable(),
  interchangeControlNumber: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  claimCount: z.number().int(),
  failureReason: z.string().nullable().describe('Why a FAILED batch failed; null otherwise'),
});
const batchDetail = batchOut.extend({
  refusedClaims: z
    .array(
      z.object({
        claimId: z.string(),
        billId: z.string(),
        problems: z.array(z.string()).describe('"<JSON Pointer into the bill>: <what the 837P rule says>"'),
      }),
    )
    .describe('Claims the batch set aside because their bill fails an 837P rule, each with why (they wait for a correction)'),
  claims: z.array(
    z.object({
      claimId: z.string(),
      billId: z.string(),
      rank: z.string(),
      frequency: z.string(),
      status: z.string(),
      totalChargeCents: z.number().int(),
    }),
  ),
});
const batchParams = z.object({ batchId: id }).strict();

type BatchRow = Batch & { _count: { claims: number } };
const view = (b: BatchRow) => ({
  id: b.id,
  practiceId: b.practiceId,
  status: b.status,
  fileId: b.fileId,
  interchangeControlNumber: b.interchangeControlNumber,
  createdBy: b.createdBy,
  createdAt: b.createdAt.toISOString(),
  sentAt: b.sentAt?.toISOString() ?? null,
  claimCount: b._count.claims,
  failureReason: b.failureReason,
});

const DEFAULT_BATCH_WAIT_MS = 20_000;

export const batchRoutes: RouteDef[] = [
  defineRoute({
    method: 'post',
    path: '/batches',
    operationId: 'createBatch',
    summary: "Batch the practice's claims that are Ready to Batch (starts the batch workflow)",
    description:
      'Answers 201 with the batch once its file is written and sent, 200 with claimCount 0 when nothing was Ready to Batch, or 202 with the workflow id when it takes longer. The same Idempotency-Key is the same batch.',
    tag: 'batches',
    roles: ['BILLING'],
    body: z.object({ practiceId: id }).strict(),
    idempotent: true,
    responses: {
      201: {
        description: 'The batch',
        schema: z.object({ workflowId: z.string(), batchId: z.string(), fileId: z.string().nullable(), claimCount: z.number().int() }),
      },
      200: {
        description: 'Nothing was Ready to Batch',
        schema: z.object({ workflowId: z.string(), batchId: z.null(), claimCount: z.literal(0) }),
      },
      202: {
        description: 'The batch workflow is still running',
        schema: z.object({ workflowId: z.string(), status: z.literal('RUNNING') }),
      },
    },
    async handler({ deps, body, principal, req, res }) {
      const practice = await deps.db.practice.findUnique({ where: { id: body.practiceId } });
      if (!practice) throw invalidField('body', ['practiceId'], `no practice ${body.practiceId}`);
      const workflowId = `batch-${body.practiceId}-${idempotencyKey(req) ?? randomUUID()}`;
      const handle = await deps.temporal.workflow
        .start<typeof batchWorkflow>('batchWorkflow', {
          taskQueue: deps.taskQueue,
          workflowId,
          args: [{ practiceId: body.practiceId, actor: principal.actor }],
          staticSummary: batchSummary({ practiceId: practice.id, practiceName: practice.name, trigger: 'staff' }),
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        })
        .catch((err: unknown) => {
          if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')
            return deps.temporal.workflow.getHandle(workflowId);
          throw err;
        });
      await audit(deps.db, principal, {
        action: 'batch:requested',
        entityType: 'practice',
        entityId: body.practiceId,
        details: { workflowId },
      });
      const waitMs = deps.batchWaitMs ?? DEFAULT_BATCH_WAIT_MS;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs);
      });
      let outcome: BatchResult | 'timeout';
      try {
        outcome = await Promise.race([handle.result() as Promise<BatchResult>, timeout]);
      } catch (err) {
        if (err instanceof WorkflowFailedError) {
          throw new HttpProblem(502, 'The batch failed', `batch workflow ${workflowId} failed: ${err.cause?.message ?? err.message}`, {
            type: ProblemType.unavailable,
            extensions: { workflowId },
          });
        }
        throw err;
      } finally {
        clearTimeout(timer);
      }
      if (outcome === 'timeout') {
        res.status(202).json({ workflowId, status: 'RUNNING' });
      } else if (!outcome.batchId) {
        res.status(200).json({ workflowId, batchId: null, claimCount: 0 });
      } else {
        res
          .status(201)
          .location(`/batches/${outcome.batchId}`)
          .json({ workflowId, batchId: outcome.batchId, fileId: outcome.fileId ?? null, claimCount: outcome.claimCount });
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/batches',
    operationId: 'listBatches',
    summary: 'List batches, newest first',
    tag: 'batches',
    roles: ['BILLING'],
    query: z.object({ ...pageQuery, practiceId: id.optional(), status: batchStatus.optional() }).strict(),
    responses: { 200: { description: 'A page of batches', schema: page(batchOut) } },
    async handler({ deps, query, principal, res }) {
      const rows = await deps.db.batch.findMany({
        where: { practiceId: practiceFilter(principal, query.practiceId), ...(query.status ? { status: query.status } : {}) },
        include: { _count: { select: { claims: true } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        ...pageArgs(query),
      });
      res.json(pageOf(rows, query.limit, view));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/batches/:batchId',
    operationId: 'getBatch',
    summary: 'A batch and its claims',
    tag: 'batches',
    roles: ['BILLING'],
    params: batchParams,
    responses: { 200: { description: 'The batch', schema: batchDetail }, 404: { description: 'No such batch' } },
    async handler({ deps, params, res }) {
      const batch = await deps.db.batch.findUnique({
        where: { id: params.batchId },
        include: { _count: { select: { claims: true } }, claims: true },
      });
      if (!batch) throw notFound('batch', params.batchId);
      const refused = await deps.db.auditEvent.findMany({
        where: { action: 'claim-refused', dedupeKey: { startsWith: `refused/${batch.id}/` } },
        orderBy: { at: 'asc' },
      });
      const refusedBills = await deps.db.claim.findMany({
        where: { id: { in: refused.map((e) => e.entityId) } },
        select: { id: true, billId: true },
      });
      res.json({
        ...view(batch),
        refusedClaims: refused.map((e) => ({
          claimId: e.entityId,
          billId: refusedBills.find((c) => c.id === e.entityId)?.billId ?? '',
          problems: (e.details as { problems?: string[] } | null)?.problems ?? [],
        })),
        claims: batch.claims.map((c) => ({
          claimId: c.id,
          billId: c.billId,
          rank: c.rank,
          frequency: c.frequency,
          status: c.status,
          totalChargeCents: c.totalChargeCents,
        })),
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/batches/:batchId/file',
    operationId: 'downloadBatchFile',
    summary: "Download the batch's 837P file",
    tag: 'batches',
    roles: ['BILLING'],
    params: batchParams,
    responses: {
      200: { description: 'The 837P file', binary: ['application/edi-x12'] },
      404: { description: 'No such batch, or no file yet' },
    },
    async handler({ deps, params, res }) {
      const batch = await deps.db.batch.findUnique({ where: { id: params.batchId }, include: { file: true } });
      if (!batch) throw notFound('batch', params.batchId);
      if (!batch.file) throw new HttpProblem(404, 'Not found', `batch ${params.batchId} has no file yet`, { type: ProblemType.notFound });
      res
        .set({ 'X-File-Id': batch.file.id, 'Cache-Control': 'no-store' })
        .attachment(batch.file.name)
        .type('application/edi-x12')
        .send(Buffer.from(batch.file.content));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/batches/:batchId/send',
    operationId: 'sendBatch',
    idempotent: true,
    summary: 'Send a written batch that was not sent (its first send failed); tells each of its bills',
    description:
      'Sends the batch file through the clearinghouse (upload is idempotent: never twice), then tells each bill. A batch already sent answers 409.',
    tag: 'batches',
    roles: ['BILLING'],
    params: batchParams,
    body: z.object({}).strict().optional(),
    responses: {
      200: { description: 'The batch', schema: batchOut },
      404: { description: 'No such batch' },
      409: { description: 'The batch was sent already, or has no file' },
    },
    async handler({ deps, params, principal, res }) {
      const batch = await deps.db.batch.findUnique({ where: { id: params.batchId } });
      if (!batch) throw notFound('batch', params.batchId);
      if (batch.status === 'SENT')
        throw new HttpProblem(409, 'Already sent', `batch ${batch.id} was sent at ${batch.sentAt?.toISOString() ?? 'an unknown time'}`, {
          type: ProblemType.wrongState,
        });
      if (!batch.fileId) throw new HttpProblem(409, 'No file', `batch ${batch.id} has no 837P file`, { type: ProblemType.wrongState });
      const result = await deps.temporal.workflow.execute<typeof sendBatchWorkflow>('sendBatchWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: `send-batch-${batch.id}`,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [{ batchId: batch.id }],
      });
      await audit(deps.db, principal, {
        action: 'batch:sent',
        entityType: 'batch',
        entityId: batch.id,
        details: { fileId: result.fileId ?? null, claimCount: result.claimCount },
      });
      const updated = await deps.db.batch.findUniqueOrThrow({ where: { id: batch.id }, include: { _count: { select: { claims: true } } } });
      res.json(view(updated));
    },
  }),
];
