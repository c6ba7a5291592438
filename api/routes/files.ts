/** Clearinghouse files (every file sent or received) and the hand upload of an 835. BILLING only: the files hold PHI. */
import { z } from 'zod';
import type { ClearinghouseFile } from '../../generated/prisma/client';
import { detectTransaction, MalformedX12Error, type DetectedTransaction } from '../../x12/read';
import { defaultInbound } from '../ports';
import { filesOfPractices } from '../practice-access';
import { HttpProblem, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, pageArgs, pageOf } from '../support';
import { id, page, pageQuery } from './common.schemas';
import type { clearinghouseSync } from '../../workflows/sync/workflow';

const fileOut = z.object({
  id: z.string(),
  direction: z.enum(['OUTBOUND', 'INBOUND']),
  kind: z.string(),
  name: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  status: z.string(),
  error: z.string().nullable(),
  remoteName: z.string().nullable(),
  createdAt: z.string(),
  processedAt: z.string().nullable(),
});
type FileMeta = Omit<ClearinghouseFile, 'content'>;
const view = (f: FileMeta) => ({
  id: f.id,
  direction: f.direction,
  kind: f.kind,
  name: f.name,
  sha256: f.sha256,
  sizeBytes: f.sizeBytes,
  status: f.status,
  error: f.error,
  remoteName: f.remoteName,
  createdAt: f.createdAt.toISOString(),
  processedAt: f.processedAt?.toISOString() ?? null,
});
const meta = { content: false } as const;

const KIND_WORDS: Readonly<Record<DetectedTransaction['kind'], string>> = {
  '835': 'an 835 remittance (ERA)',
  '999': 'a 999 implementation acknowledgment',
  '277CA': 'a 277CA claim acknowledgment',
  '277': 'a 277 claim status response',
  other: 'an X12 transaction this engine does not read',
};

/** What an uploaded file is, at once: an 835 goes on; anything else is refused, saying what it is. */
function requireEra(content: Buffer): void {
  let detected: DetectedTransaction;
  try {
    detected = detectTransaction(content);
  } catch (err) {
    if (!(err instanceof MalformedX12Error)) throw err;
    const detail = `the file is not X12 (${err.reason}): an 835 starts with an ISA interchange header`;
    throw new HttpProblem(422, 'The file is not an 835', detail, {
      type: ProblemType.invalidRequest,
      errors: [{ in: 'body', pointer: '#', detail, code: 'not_x12' }],
      extensions: { detected: 'not-x12' },
    });
  }
  if (detected.kind === '835') return;
  const what = `${KIND_WORDS[detected.kind]} (ST01 ${detected.transactionSetId || 'empty'}${detected.implementationGuide ? `, ${detected.implementationGuide}` : ''})`;
  const detail = `the file is ${what}, not an 835 remittance; acknowledgments come in through the clearinghouse sync`;
  throw new HttpProblem(422, 'The file is not an 835', detail, {
    type: ProblemType.invalidRequest,
    errors: [{ in: 'body', pointer: '#', detail, code: 'wrong_transaction' }],
    extensions: { detected: detected.kind },
  });
}
const fileParams = z.object({ fileId: id }).strict();

export const fileRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/clearinghouse-files',
    operationId: 'listClearinghouseFiles',
    summary: 'Files sent to and received from the clearinghouse (newest first), with their status and errors',
    tag: 'clearinghouse',
    roles: ['BILLING'],
    query: z
      .object({
        ...pageQuery,
        direction: z.enum(['OUTBOUND', 'INBOUND']).optional(),
        kind: z.enum(['837P', '835', '999', '277CA', 'OTHER']).optional(),
        status: z.enum(['WRITTEN', 'SENT', 'RECEIVED', 'PROCESSED', 'FAILED', 'NEEDS_REVIEW']).optional(),
      })
      .strict(),
    responses: { 200: { description: 'A page of files', schema: page(fileOut) } },
    async handler({ deps, query, principal, res }) {
      const rows = await deps.db.clearinghouseFile.findMany({
        where: {
          ...filesOfPractices(principal),
          ...(query.direction ? { direction: query.direction } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.status ? { status: query.status } : {}),
        },
        omit: meta,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        ...pageArgs(query),
      });
      res.json(pageOf(rows, query.limit, view));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/clearinghouse-files/:fileId',
    operationId: 'getClearinghouseFile',
    summary: 'One file: status, and what was wrong and where when it failed',
    tag: 'clearinghouse',
    roles: ['BILLING'],
    params: fileParams,
    responses: { 200: { description: 'The file', schema: fileOut }, 404: { description: 'No such file' } },
    async handler({ deps, params, res }) {
      const file = await deps.db.clearinghouseFile.findUnique({ where: { id: params.fileId }, omit: meta });
      if (!file) throw notFound('file', params.fileId);
      res.json(view(file));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/clearinghouse-files/:fileId/content',
    operationId: 'downloadClearinghouseFile',
    summary: 'Download a file as it was sent or received',
    tag: 'clearinghouse',
    roles: ['BILLING'],
    params: fileParams,
    responses: { 200: { description: 'The file', binary: ['application/edi-x12'] }, 404: { description: 'No such file' } },
    async handler({ deps, params, res }) {
      const file = await deps.db.clearinghouseFile.findUnique({ where: { id: params.fileId } });
      if (!file) throw notFound('file', params.fileId);
      res
        .set({ 'X-File-Id': file.id, 'Cache-Control': 'no-store' })
        .attachment(file.name)
        .type('application/edi-x12')
        .send(Buffer.from(file.content));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/clearinghouse-files/835',
    operationId: 'uploadEra',
    idempotent: true,
    summary: 'Upload an 835 (ERA) by hand; it is kept and processed like one downloaded from Office Ally',
    description:
      'The file is looked at first: a 999, a 277CA, another transaction or a file that is not X12 at all is refused at once (422, `detected` says what it is). ' +
      'An 835 is kept, and the same file uploaded twice is kept once (duplicate: true) and posts nothing twice. Processing runs in the clearinghouse sync workflow; ' +
      'an 835 broken further in is kept FAILED with what is wrong and where.',
    tag: 'clearinghouse',
    roles: ['BILLING'],
    query: z
      .object({
        name: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, { message: 'must be a file name of letters, digits, dot, dash or underscore' }),
      })
      .strict(),
    rawBody: {
      contentTypes: ['application/edi-x12', 'text/plain', 'application/octet-stream'],
      maxBytes: 50 * 1024 * 1024,
      description: 'The 835 file, up to 50 MB',
    },
    responses: {
      202: {
        description: 'An 835: kept; processing started',
        schema: z.object({ fileId: z.string(), kind: z.literal('835'), duplicate: z.boolean(), syncWorkflowId: z.string() }),
      },
      422: { description: 'Not an 835 (a 999, a 277CA, another transaction, not X12): `detected` says which' },
    },
    async handler({ deps, query, raw, principal, res }) {
      requireEra(raw!);
      const inbound = deps.inbound ?? defaultInbound;
      const { fileId, duplicate } = await inbound.ingestUploadedFile(deps.db, { name: query.name, content: raw!, actor: principal.actor });
      const syncWorkflowId = `clearinghouse-sync-upload-${fileId}`;
      await deps.temporal.workflow
        .start<typeof clearinghouseSync>('clearinghouseSync', {
          taskQueue: deps.taskQueue,
          workflowId: syncWorkflowId,
          args: [],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        })
        .catch((err: unknown) => {
          if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
        });
      await audit(deps.db, principal, {
        action: 'file:uploaded',
        entityType: 'file',
        entityId: fileId,
        details: { kind: '835', duplicate, sizeBytes: raw!.length, syncWorkflowId },
      });
      res.status(202).location(`/clearinghouse-files/${fileId}`).json({ fileId, kind: '835', duplicate, syncWorkflowId });
    },
  }),
];
