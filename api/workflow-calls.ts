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
  type Client,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { billWorkflowId, type BillWorkflowInput } from '../workflows/bill/definitions';
import type { ApiDeps } from './app';
import { fieldError, HttpProblem, ProblemType, type FieldError } from './problem';

export const DEFAULT_UPDATE_TIMEOUT_MS = 30_000;

/** Starts the bill's workflow; a second start (running or finished) is a no-op. */
export async function ensureBillWorkflow(deps: ApiDeps, input: BillWorkflowInput): Promise<{ workflowId: string }> {
  const workflowId = billWorkflowId(input.billId);
  try {
    await deps.temporal.workflow.start('billLifecycle', {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { workflowId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId };
    throw err;
  }
}

// "paidCents: ...", "lines[0]: ...", "lines[1].adjustments[0].group: ..." name a field of the input.
const FIELD_REASON = /^([A-Za-z][A-Za-z0-9]*(?:\[\d+\])*(?:\.[A-Za-z][A-Za-z0-9]*(?:\[\d+\])*)*):\s*(.+)$/s;

function pathOf(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) continue;
    out.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The reason the workflow gave, from the failure chain. */
function reasonOf(err: WorkflowUpdateFailedError): string {
  let cause: unknown = err.cause;
  while (cause instanceof ActivityFailure && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return err.message;
}

/** Turns the workflow's reason into a problem: field reasons -> 422 with `errors`, state reasons -> 409. */
export function refusalProblem(reason: string, action: string, billId: string): HttpProblem {
  const parts = reason.split(/;\s+/);
  const fieldErrors: FieldError[] = [];
  for (const part of parts) {
    const m = FIELD_REASON.exec(part);
    if (!m) {
      fieldErrors.length = 0;
      break;
    }
    fieldErrors.push(fieldError('body', pathOf(m[1]!), m[2]!, 'refused_by_workflow'));
  }
  if (fieldErrors.length > 0) {
    return new HttpProblem(422, 'The bill refused the input', reason, {
      type: ProblemType.refusedInput,
      errors: fieldErrors,
      extensions: { action, billId },
    });
  }
  return new HttpProblem(409, 'The bill is not in a state for this action', reason, {
    type: ProblemType.wrongState,
    extensions: { action, billId },
  });
}

/** Sends a staff action to the bill's workflow and waits for its verdict. */
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
    if (err instanceof WorkflowUpdateFailedError) throw refusalProblem(reasonOf(err), options.action, billId);
    if (err instanceof WorkflowNotFoundError) {
      throw new HttpProblem(
        409,
        'The bill is not in a state for this action',
        `the bill's workflow is not running (it has finished or was never started): ${options.action} is not possible`,
        {
          type: ProblemType.wrongState,
          extensions: { action: options.action, billId },
        },
      );
    }
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      throw new HttpProblem(
        504,
        'The bill did not answer in time',
        `the bill's workflow did not answer within ${timeoutMs} ms; send the same request again with the same Idempotency-Key`,
        {
          type: ProblemType.unavailable,
          extensions: { action: options.action, billId },
        },
      );
    }
    throw err;
  }
}
