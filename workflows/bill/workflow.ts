/**
 * One bill, from its primary claim to its last payer's answer: the product.
 *
 * The workflow is the single writer of the bill's lifecycle status. It waits (weeks if it
 * must) with `condition()` and timers, escalates when nothing happens, and hears:
 *  - machine events as signals (signals.ts: claim batched, batch sent, 999/277CA, ERA posted);
 *  - staff actions as updates with validators (updates.ts, validators.ts: refused input leaves
 *    no trace in history).
 * Its state (state.ts, inbox.ts), the main flow (flow.ts) and the void (void.ts) are apart.
 * It carries ids, amounts and codes only, never patient data.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { acts } from './proxies';
import { billViewQuery, type BillView, type BillWorkflowInput } from './definitions';
import { BillFlow } from './flow';
import { registerMachineEvents } from './signals';
import { BillState, SYSTEM, VoidRequested } from './state';
import { registerStaffActions } from './updates';
import { voidBill } from './void';

export async function billLifecycle(input: BillWorkflowInput): Promise<BillView> {
  const state = new BillState(input);
  const flow = new BillFlow(state);
  registerMachineEvents(state);
  registerStaffActions(state);
  setHandler(billViewQuery, () => state.view);

  state.plan = await acts.loadBillPlan(input.billId);
  state.view.payerCode = state.plan.payers[0]?.payerCode;
  await state.record('created', 'bill workflow started', SYSTEM);
  try {
    await flow.run();
  } catch (err) {
    const request = state.inbox.voidRequested;
    if (!(err instanceof VoidRequested) || !request) throw err;
    await voidBill(state, flow, request);
  }
  await condition(allHandlersFinished);
  return state.view;
}
