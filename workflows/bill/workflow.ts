/**
 * One bill, from its primary claim to its last payer's answer: the product.
 *
 * The workflow is the single writer of the bill's lifecycle status. It waits (weeks if it
 * must) with `condition()` and timers, escalates when nothing happens, and hears:
 *  - machine events as signals (signals.ts: claim batched, batch sent, 999/277CA, ERA posted);
 *  - staff actions as updates with validators (updates.ts, money-updates.ts, validators.ts:
 *    refused input leaves no trace in history).
 * Its state (state.ts, inbox.ts), the main flow (flow.ts), the void (void.ts) and money after
 * the fact (money.ts) are apart. Once finished it stays while a flag is open; a late event for a
 * finished bill starts a watching run (`watch`). It carries ids, amounts and codes only.
 */
import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { billViewQuery, type BillView, type BillWorkflowInput } from './definitions';
import { BillFlow } from './flow';
import { checkCreditAtClose, hearEra, hearLateRejection, WATCH_GRACE_MS, watchWhileFlagged } from './money';
import { registerMoneyActions } from './money-updates';
import { registerMachineEvents } from './signals';
import { BillState, SYSTEM, VoidRequested } from './state';
import { registerStaffActions } from './updates';
import { voidBill } from './void';

/** Added while bills were in flight: the bill's short database steps as local activities (proxies.ts). */
const LEAN_BILL_PATH = 'lean-bill-path';

export async function billLifecycle(input: BillWorkflowInput): Promise<BillView> {
  const state = new BillState(input);
  // Decided once, before the first command: a bill keeps the path it started on.
  state.lean = patched(LEAN_BILL_PATH);
  const watching = input.watch === true;
  const flow = new BillFlow(state);
  registerMachineEvents(state, { watching });
  registerStaffActions(state);
  registerMoneyActions(state, { watching });
  setHandler(billViewQuery, () => state.view);

  if (watching) {
    await watchFinishedBill(state, input);
    await condition(allHandlersFinished);
    return state.view;
  }

  state.plan = await state.acts.loadBillPlan(input.billId);
  state.view.payerCode = state.plan.payers[0]?.payerCode;
  await state.record('created', 'bill workflow started', SYSTEM);
  try {
    await flow.run();
  } catch (err) {
    const request = state.inbox.voidRequested;
    if (!(err instanceof VoidRequested) || !request) throw err;
    await voidBill(state, flow, request);
  }
  // Added while bills were in flight: a credit balance is flagged at the close, and a finished
  // bill stays while a flag about its money is open.
  if (patched('money-at-close')) {
    if (state.view.status === 'CLOSED') await checkCreditAtClose(state);
    await watchWhileFlagged(state);
  }
  await condition(allHandlersFinished);
  return state.view;
}

/** A finished bill, watched: its status and flags from the database, what it was started for, then flags until none is open. */
async function watchFinishedBill(state: BillState, input: BillWorkflowInput): Promise<void> {
  const snapshot = await state.acts.loadBillSnapshot(input.billId);
  state.practiceId = snapshot.practiceId;
  state.view.status = snapshot.status;
  state.view.rank = snapshot.rank;
  state.view.waitingFor = 'nothing: the bill has finished; a person looks at its flags';
  state.adoptFlags(snapshot.flags);
  state.continueStepsFrom(snapshot.stateStep);
  for (const e of input.events ?? []) {
    if (state.inbox.heardPayments.has(e.paymentId)) continue;
    state.inbox.heardPayments.add(e.paymentId);
    hearEra(state, e, { watching: true });
  }
  for (const ack of input.rejections ?? []) hearLateRejection(state, ack);
  await watchWhileFlagged(state, WATCH_GRACE_MS);
}
