/**
 * Staff actions about money, each an update of the bill (so a match by hand, a reversal or a
 * choice between adjudications is durable, retried, and answered with the bill's verdict):
 * match an unmatched ERA claim (checked first; a misfit refused unless overridden), undo a match,
 * take back a payment posted by mistake, choose which adjudication stands, acknowledge a flag.
 * One money action at a time. Codes only: free text staff type stays in the audit trail.
 */
import { condition, currentUpdateInfo, setHandler } from '@temporalio/workflow';
import {
  acknowledgeFlagUpdate,
  ACKNOWLEDGE_CODES,
  matchEraUpdate,
  OVERRIDE_REASONS,
  resolveDiscrepancyUpdate,
  REVERSAL_REASONS,
  reversePaymentUpdate,
  undoEraMatchUpdate,
  type RefusedField,
} from './definitions';
import { answerChanged, discrepancyKey, hearEra } from './money';
import { invalidInput, wrongState } from './refusals';
import { awaitingStatus, type BillState } from './state';

function validateMoneyAction(state: BillState): void {
  if (state.inbox.moneyAction) throw wrongState('another payment action on this bill is under way: wait for it');
  if (state.inbox.voidRequested) throw wrongState('the bill is being voided');
}

function validateCode(field: string, value: string, codes: readonly string[]): void {
  if (!codes.includes(value)) throw invalidInput([{ path: [field], message: `must be one of ${codes.join(', ')}` }]);
}

/** The bill waits for an answer on this claim now (so a matched ERA claim is that answer). */
function waitsOn(state: BillState, claimId: string, watching: boolean): boolean {
  const status = state.view.status;
  return !watching && state.inbox.claim?.claimId === claimId && (status === awaitingStatus(state.view.rank) || status === 'CROSSOVER');
}

async function exclusively<T>(state: BillState, run: () => Promise<T>): Promise<T> {
  state.inbox.moneyAction = true;
  try {
    return await run();
  } finally {
    state.inbox.moneyAction = false;
  }
}

export function registerMoneyActions(state: BillState, options: { watching: boolean }): void {
  const { inbox, view } = state;

  setHandler(
    matchEraUpdate,
    (input) =>
      exclusively(state, async () => {
        const check = await state.acts.checkEraMatch({ unmatchedId: input.unmatchedId, claimId: input.claimId, billId: state.billId });
        if (check.state === 'UNKNOWN') throw invalidInput(check.problems);
        if (check.state === 'DISMISSED' || check.state === 'MATCHED_ELSEWHERE') {
          throw wrongState(`the ERA claim is ${check.state === 'DISMISSED' ? 'dismissed' : 'matched to another claim'} already`);
        }
        if (check.state === 'OPEN') {
          const problems: RefusedField[] = [...check.problems];
          if (!waitsOn(state, input.claimId, options.watching)) {
            problems.push({ path: ['claimId'], message: `the bill is ${view.status}: it is not waiting for an answer on this claim` });
          }
          if (problems.length > 0 && !input.override) throw invalidInput(problems);
        }
        const { event } = await state.acts.postMatchedEra({
          unmatchedId: input.unmatchedId,
          claimId: input.claimId,
          billId: state.billId,
          actor: input.actor,
          ...(input.override ? { override: input.override } : {}),
        });
        let heard: 'answer' | 'other' = 'other';
        if (!inbox.heardPayments.has(event.paymentId)) {
          inbox.heardPayments.add(event.paymentId);
          heard = hearEra(state, event, { watching: options.watching, actor: input.actor });
        }
        if (heard === 'answer') await condition(() => inbox.handledPayments.has(event.paymentId) || state.closed());
        return { paymentId: event.paymentId, status: view.status, outcome: event.outcome ?? 'posted' };
      }),
    {
      validator: (input) => {
        validateMoneyAction(state);
        if (input.override !== undefined) validateCode('override', input.override, OVERRIDE_REASONS);
      },
    },
  );

  setHandler(
    undoEraMatchUpdate,
    (input) =>
      exclusively(state, async () => {
        const reversal = await state.acts.undoEraMatch({
          unmatchedId: input.unmatchedId,
          billId: state.billId,
          actor: input.actor,
          reason: input.reason,
        });
        await answerChanged(
          state,
          { claimId: reversal.claimId, oldPaymentId: reversal.reversedPaymentId, replacement: reversal.promoted },
          options,
        );
        await state.record(
          'match-undone',
          `payment ${reversal.reversedPaymentId} ${reversal.reversalPaymentId ? `reversed by ${reversal.reversalPaymentId}` : 'set aside'}: ${input.reason}`,
          input.actor,
        );
        return { status: view.status, reversedPaymentId: reversal.reversedPaymentId, reversalPaymentId: reversal.reversalPaymentId };
      }),
    {
      validator: (input) => {
        validateMoneyAction(state);
        validateCode('reason', input.reason, REVERSAL_REASONS);
      },
    },
  );

  setHandler(
    reversePaymentUpdate,
    (input) =>
      exclusively(state, async () => {
        const requestKey = `${state.billId}/${currentUpdateInfo()?.id ?? input.paymentId}`;
        const reversal = await state.acts.reversePayment({
          paymentId: input.paymentId,
          billId: state.billId,
          actor: input.actor,
          reason: input.reason,
          requestKey,
        });
        await answerChanged(
          state,
          { claimId: reversal.claimId, oldPaymentId: reversal.reversedPaymentId, replacement: reversal.promoted },
          options,
        );
        await state.record(
          'payment-reversed',
          `payment ${reversal.reversedPaymentId} reversed by ${reversal.reversalPaymentId}: ${input.reason}`,
          input.actor,
        );
        return { status: view.status, reversedPaymentId: reversal.reversedPaymentId, reversalPaymentId: reversal.reversalPaymentId };
      }),
    {
      validator: (input) => {
        validateMoneyAction(state);
        validateCode('reason', input.reason, REVERSAL_REASONS);
      },
    },
  );

  setHandler(
    resolveDiscrepancyUpdate,
    (input) =>
      exclusively(state, async () => {
        const resolution = await state.acts.resolveDiscrepancy({
          paymentId: input.paymentId,
          billId: state.billId,
          actor: input.actor,
          stands: input.stands,
        });
        const disputed = inbox.discrepancies.get(input.paymentId);
        inbox.discrepancies.delete(input.paymentId);
        await state.clearFlags(
          { key: discrepancyKey(input.paymentId) },
          'discrepancy-resolved',
          `the ${input.stands === 'ERA' ? "ERA's" : 'posted'} adjudication stands (payment ${resolution.standingPaymentId})`,
          input.actor,
        );
        const posted = disputed?.relatedPaymentId;
        if (resolution.answer && posted) {
          await answerChanged(state, { claimId: resolution.claimId, oldPaymentId: posted, replacement: resolution.answer }, options);
        }
        return { status: view.status };
      }),
    {
      validator: (input) => {
        validateMoneyAction(state);
        if (input.stands !== 'POSTED' && input.stands !== 'ERA')
          throw invalidInput([{ path: ['stands'], message: 'must be POSTED or ERA' }]);
        if (!inbox.discrepancies.has(input.paymentId) && !state.hasFlag(discrepancyKey(input.paymentId))) {
          throw wrongState(`no discrepancy is open for payment ${input.paymentId}`);
        }
      },
    },
  );

  setHandler(
    acknowledgeFlagUpdate,
    async (input) => {
      await state.clearFlags(
        { reason: input.reason },
        `acknowledged:${input.reason}`,
        `${input.reason} acknowledged: ${input.code}`,
        input.actor,
      );
      return { status: view.status };
    },
    {
      validator: (input) => {
        validateCode('code', input.code, ACKNOWLEDGE_CODES);
        if (!view.flags.some((f) => f.reason === input.reason)) throw wrongState(`no ${input.reason} flag is open on the bill`);
        if (input.reason === 'REMITTANCE_DISCREPANCY') {
          throw wrongState('a discrepancy is not acknowledged but resolved: choose which adjudication stands');
        }
      },
    },
  );
}
