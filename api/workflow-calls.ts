/**
 * The API's calls into Temporal: starting a bill's workflow idempotently and sending it a
 * staff action as an update. A refused action comes back as a problem document: 409 when
 * the bill is not in a state for it, 422 when the input is at fault (the reason names the
 * field), never a silent success.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WithStartWorkflowOperation,
  type Client,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { billWorkflowId, RefusalType, type BillWorkflowInput, type InvalidInputDetails } from '../workflows/bill/definitions';
import type { billLifecycle } from '../workflows/bill/workflow';
import { billStaticDetails, billStaticSummary, type BillHeadline } from '../workflows/ops-summary';
import { rankIndex } from '../domain/rank';
import type { ApiDeps } from './app';
import { fieldError, HttpProblem, notFound, ProblemType, type FieldError } from './problem';

export const DEFAULT_UPDATE_TIMEOUT_MS = 30_000;

/** Starts the bill's workflow; a second start (running or finished) is a no-op. */
/** What ops read of a bill in the Temporal UI's list (no patient data): practice, payer chain, total charge. */
async function headlineOf(deps: ApiDeps, billId: string): Promise<BillHeadline | undefined> {
  const bill = await deps.db.bill.findUnique({
    where: { id: billId },
    select: {
      id: true,
      practiceId: true,
      practice: { select: { name: true } },
      serviceLines: { select: { chargeCents: true } },
      client: {
        select: {
          policies: {
            where: { active: true },
            select: { rank: true, payer: { select: { payerCode: true, name: true, responseDays: true, timelyFilingDays: true } } },
          },
        },
      },
    },
  });
  if (!bill) return undefined;
  return {
    billId: bill.id,
    practiceId: bill.practiceId,
    practiceName: bill.practice.name,
    payers: [...bill.client.policies]
      .sort((a, b) => rankIndex(a.rank) - rankIndex(b.rank))
      .map((p) => ({
        rank: p.rank,
        payerCode: p.payer.payerCode,
        payerName: p.payer.name,
        responseDays: p.payer.responseDays,
        timelyFilingDays: p.payer.timelyFilingDays,
      })),
    totalChargeCents: bill.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
    lineCount: bill.serviceLines.length,
  };
}

async function summaries(deps: ApiDeps, billId: string, watching = false): Promise<{ staticSummary?: string; staticDetails?: string }> {
  const headline = await headlineOf(deps, billId);
  if (!headline) return {};
  const summary = billStaticSummary(headline);
  return { staticSummary: watching ? `${summary} · watched after it finished` : summary, staticDetails: billStaticDetails(headline) };
}

export async function ensureBillWorkflow(deps: ApiDeps, input: BillWorkflowInput): Promise<{ workflowId: string }> {
  const workflowId = billWorkflowId(input.billId);
  try {
    await deps.temporal.workflow.start<typeof billLifecycle>('billLifecycle', {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [input],
      ...(await summaries(deps, input.billId)),
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { workflowId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId };
    throw err;
  }
}

/** The refusal in a failed update: the ApplicationFailure behind it (the validator's, the handler's, or an activity's). */
function refusalOf(err: WorkflowUpdateFailedError): ApplicationFailure | undefined {
  let cause: unknown = err.cause;
  while (cause instanceof ActivityFailure && cause.cause) cause = cause.cause;
  return cause instanceof ApplicationFailure ? cause : undefined;
}

function isInvalidInputDetails(value: unknown): value is InvalidInputDetails {
  return typeof value === 'object' && value !== null && Array.isArray((value as InvalidInputDetails).fields);
}

/**
 * Turns the bill's refusal into a problem by its type: InvalidInput -> 422 with `errors` naming
 * each field; WrongState and Overtaken -> 409. The message is passed on as the detail, never parsed.
 */
export function refusalProblem(refusal: ApplicationFailure | undefined, fallback: string, action: string, billId: string): HttpProblem {
  const detail = refusal?.message ?? fallback;
  const extensions = { action, billId, ...(refusal?.type ? { reason: refusal.type } : {}) };
  if (refusal?.type === RefusalType.invalidInput) {
    const fields = (refusal.details ?? []).filter(isInvalidInputDetails).flatMap((d) => d.fields);
    const errors: FieldError[] = fields.map((f) => fieldError('body', f.path, f.message, 'refused_by_bill'));
    return new HttpProblem(422, 'The bill refused the input', detail, { type: ProblemType.refusedInput, errors, extensions });
  }
  return new HttpProblem(409, 'The bill is not in a state for this action', detail, { type: ProblemType.wrongState, extensions });
}

function translate(err: unknown, action: string, billId: string, timeoutMs: number): unknown {
  if (err instanceof WorkflowUpdateFailedError) return refusalProblem(refusalOf(err), err.message, action, billId);
  if (err instanceof WorkflowNotFoundError) {
    return new HttpProblem(
      409,
      'The bill is not in a state for this action',
      `the bill's workflow is not running (it has finished or was never started): ${action} is not possible`,
      { type: ProblemType.wrongState, extensions: { action, billId } },
    );
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new HttpProblem(
      504,
      'The bill did not answer in time',
      `the bill's workflow did not answer within ${timeoutMs} ms; send the same request again with the same Idempotency-Key`,
      { type: ProblemType.unavailable, extensions: { action, billId } },
    );
  }
  return err;
}

/**
 * A bill's workflow was not found: 404 when there is no such bill at all, else the 409 of
 * `translate`. Asked only then, so an action on a bill costs no existence query up front.
 */
async function notFoundOrNotRunning(deps: ApiDeps, err: unknown, action: string, billId: string, timeoutMs: number): Promise<unknown> {
  if (err instanceof WorkflowNotFoundError && !(await deps.db.bill.findUnique({ where: { id: billId }, select: { id: true } }))) {
    return notFound('bill', billId);
  }
  return translate(err, action, billId, timeoutMs);
}

/**
 * Sends a staff action to the bill's workflow and waits for its verdict. No such bill: 404
 * (found out from the workflow's "not found", not by a query before the update).
 */
export async function billUpdate<Ret, Arg>(
  deps: ApiDeps,
  billId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  options: { action: string; idempotencyKey?: string },
): Promise<Ret> {
  const client: Client = deps.temporal;
  const handle = client.workflow.getHandle(billWorkflowId(billId));
  const timeoutMs = deps.updateTimeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS;
  try {
    return await client.withDeadline(Date.now() + timeoutMs, () =>
      handle.executeUpdate(update, {
        args: [arg],
        ...(options.idempotencyKey ? { updateId: `${options.action}:${options.idempotencyKey}` } : {}),
      }),
    );
  } catch (err) {
    throw await notFoundOrNotRunning(deps, err, options.action, billId, timeoutMs);
  }
}

const FINISHED: readonly string[] = ['CLOSED', 'VOIDED'];

/**
 * A staff action about money, which a finished bill answers too: a bill whose lifecycle has
 * finished is reached in a watching run, started for the action when none is running (its
 * flags, late payments and matches are heard there, in Temporal as in the database). A bill
 * still in its lifecycle gets a plain update, so a watching run never stands in for one.
 */
export async function billMoneyUpdate<Ret, Arg>(
  deps: ApiDeps,
  bill: { id: string; practiceId: string; status: string },
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  options: { action: string; idempotencyKey?: string },
): Promise<Ret> {
  if (!FINISHED.includes(bill.status)) return billUpdate(deps, bill.id, update, arg, options);
  const timeoutMs = deps.updateTimeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS;
  const start = new WithStartWorkflowOperation<typeof billLifecycle>('billLifecycle', {
    workflowId: billWorkflowId(bill.id),
    taskQueue: deps.taskQueue,
    args: [{ billId: bill.id, practiceId: bill.practiceId, watch: true }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    ...(await summaries(deps, bill.id, true)),
  });
  try {
    return await deps.temporal.withDeadline(Date.now() + timeoutMs, () =>
      deps.temporal.workflow.executeUpdateWithStart(update, {
        args: [arg],
        startWorkflowOperation: start,
        ...(options.idempotencyKey ? { updateId: `${options.action}:${options.idempotencyKey}` } : {}),
      }),
    );
  } catch (err) {
    throw translate(err, options.action, bill.id, timeoutMs);
  }
}
