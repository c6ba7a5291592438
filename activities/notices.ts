/**
 * The fan-out: what bills must hear from a file that came back or from a batch is kept as
 * notices (BillNotice) by the activity that found it, and told by `tellBills` through the
 * worker's Temporal client, with bounded concurrency, so that no workflow carries one event per
 * claim in a payload or in its history (an ERA of 50,000 claims is one activity result of counts).
 *
 * - Each bill hears its notices in the order they were kept, one after another; bills are told
 *   in parallel, TELL_CONCURRENCY at a time. Progress is heartbeated.
 * - Idempotent: a notice is kept once (unique key) and marked told after its signal; a retry tells
 *   only what is not marked (a crash between a signal and its mark tells that one again: a bill
 *   hears an ERA once by payment id, an ack once by file and claim, batched and sent as sets).
 * - A bill whose workflow has finished hears a late ERA (not a copy that only confirms) or a late
 *   rejection in a watching run started with it, as the sync workflow did; batch notices to it
 *   are dropped (the claim is in the file all the same).
 * - An acceptance (999/277CA) that carries no payer claim number tells a bill nothing it acts
 *   on: it is not kept.
 */
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db, Prisma } from '../db/prisma';
import type { BillEvent } from '../workflows/activity-contract';
import {
  ackReceivedSignal,
  batchSentSignal,
  billWorkflowId,
  claimBatchedSignal,
  claimRefusedSignal,
  eraPostedSignal,
  type AckEvent,
  type BatchSentEvent,
  type ClaimBatchedEvent,
  type ClaimRefusedEvent,
  type EraPostedEvent,
} from '../workflows/bill/definitions';
import type { billLifecycle } from '../workflows/bill/workflow';

/** How many bills are told at once. */
export const TELL_CONCURRENCY = 32;
const PAGE = 2000;
const WRITE_CHUNK = 1000;

export type Notice =
  | { billId: string; kind: 'era'; event: EraPostedEvent }
  | { billId: string; kind: 'ack'; event: AckEvent }
  | { billId: string; kind: 'batched'; event: ClaimBatchedEvent }
  | { billId: string; kind: 'sent'; event: BatchSentEvent }
  | { billId: string; kind: 'refused'; event: ClaimRefusedEvent };

function keyOf(n: Notice): string {
  switch (n.kind) {
    case 'era':
      return `era/${n.event.paymentId}`;
    case 'ack':
      return `ack/${n.event.fileId}/${n.event.claimId}`;
    default:
      return `${n.kind}/${n.event.batchId}/${n.event.claimId}`;
  }
}

/** Whether a bill acts on the event: an acceptance without the payer's claim number it does not. */
export function worthTelling(e: BillEvent | Notice): boolean {
  return e.kind !== 'ack' || !e.event.accepted || Boolean(e.event.payerClaimControlNumber);
}

/** Keeps what the bills must hear from `source`, in order, once. Returns how many are kept for it. */
export async function keepNotices(db: Db, source: string, notices: readonly (BillEvent | Notice)[]): Promise<number> {
  const kept = notices.filter(worthTelling);
  for (let from = 0; from < kept.length; from += WRITE_CHUNK) {
    await db.billNotice.createMany({
      data: kept.slice(from, from + WRITE_CHUNK).map((n) => ({
        source,
        billId: n.billId,
        kind: n.kind,
        key: keyOf(n),
        event: n.event as unknown as Prisma.InputJsonObject,
      })),
      skipDuplicates: true,
    });
  }
  return kept.length;
}

type Delivery = 'told' | 'gone';

async function signal(client: Client, n: Notice): Promise<void> {
  const bill = client.workflow.getHandle(billWorkflowId(n.billId));
  switch (n.kind) {
    case 'era':
      return bill.signal(eraPostedSignal, n.event);
    case 'ack':
      return bill.signal(ackReceivedSignal, n.event);
    case 'batched':
      return bill.signal(claimBatchedSignal, n.event);
    case 'sent':
      return bill.signal(batchSentSignal, n.event);
    case 'refused':
      return bill.signal(claimRefusedSignal, n.event);
  }
}

/** Tells one bill one notice; a finished bill is watched for a late ERA or rejection. */
async function deliver(client: Client, taskQueue: string, n: Notice): Promise<Delivery> {
  try {
    await signal(client, n);
    return 'told';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  const told =
    n.kind === 'era' && n.event.outcome !== 'confirmed'
      ? { events: [n.event] }
      : n.kind === 'ack' && !n.event.accepted
        ? { rejections: [n.event] }
        : undefined;
  if (!told) return 'gone';
  try {
    await client.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue,
      workflowId: billWorkflowId(n.billId),
      args: [{ billId: n.billId, practiceId: '', watch: true, ...told }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  } catch (err) {
    // Another watching run started meanwhile: it hears the event as a signal.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    await signal(client, n);
  }
  return 'told';
}

export interface TellResult {
  /** Notices told now (a retry counts only what it told). */
  told: number;
  /** Of them, to bills whose workflow is gone and that needed no watching run. */
  gone: number;
}

/** Tells every bill what `source` left for it, TELL_CONCURRENCY bills at a time, each bill in order. */
export async function tellBills(db: Db, source: string, options: { client?: Client; now: () => Date }): Promise<TellResult> {
  const activity = Context.current();
  const client = options.client ?? activity.client;
  const taskQueue = activity.info.taskQueue;
  let told = 0;
  let gone = 0;
  for (;;) {
    const page = await db.billNotice.findMany({
      where: { source, toldAt: null },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, billId: true, kind: true, event: true },
    });
    if (page.length === 0) break;
    const byBill = new Map<string, typeof page>();
    for (const n of page) byBill.set(n.billId, [...(byBill.get(n.billId) ?? []), n]);
    const queue = [...byBill.values()];
    const marks: bigint[] = [];
    const mark = async (force: boolean) => {
      if (marks.length === 0 || (!force && marks.length < 200)) return;
      const ids = marks.splice(0);
      await db.billNotice.updateMany({ where: { id: { in: ids } }, data: { toldAt: options.now() } });
      activity.heartbeat({ told });
    };
    const worker = async () => {
      for (let notices = queue.shift(); notices; notices = queue.shift()) {
        for (const n of notices) {
          const outcome = await deliver(client, taskQueue, { billId: n.billId, kind: n.kind, event: n.event } as unknown as Notice);
          told += 1;
          if (outcome === 'gone') gone += 1;
          marks.push(n.id);
          // A refusal raises an escalation each time it is heard: marked at once.
          await mark(n.kind === 'refused');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(TELL_CONCURRENCY, queue.length) }, worker));
    await mark(true);
  }
  return { told, gone };
}
