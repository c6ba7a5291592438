/**
 * Staff actions the bill answers as updates. Each has a validator (validators.ts) that
 * refuses before anything is written; the handler notes the request in the inbox or does
 * its one activity, then waits for the main flow to move, and answers the bill's status.
 */
import { condition, currentUpdateInfo, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  attachRemittanceUpdate,
  billCorrectedUpdate,
  confirmClaimFixUpdate,
  postPaymentUpdate,
  prepareManualUploadUpdate,
  resubmitUpdate,
  setReadyToBatchUpdate,
  submitUpdate,
  voidUpdate,
} from './definitions';
import { overtaken, wrongState } from './refusals';
import { hearEra } from './money';
import { awaitingStatus, type BillState } from './state';
import {
  validateClaimFix,
  validateCorrection,
  validateHasClaim,
  validateManualUpload,
  validatePayment,
  validateReadyToBatch,
  validateResubmit,
  validateSubmit,
  validateVoid,
} from './validators';

/** Added while bills were in flight: a staff update answers once the new status is in the database too. */
const ANSWER_ONCE_RECORDED = 'staff-updates-answer-once-recorded';

export function registerStaffActions(state: BillState): void {
  const { view, inbox } = state;

  setHandler(
    submitUpdate,
    async ({ actor }) => {
      const waitRecorded = patched(ANSWER_ONCE_RECORDED);
      inbox.submitted = { actor };
      await condition(() => view.status !== 'DRAFT' && (!waitRecorded || state.recorded));
      log.info('bill submitted', { billId: state.billId, actor });
      return { status: view.status };
    },
    { validator: (_request: unknown) => validateSubmit(state) },
  );

  setHandler(
    setReadyToBatchUpdate,
    async ({ actor }) => {
      // Already Ready to Batch: nothing to do (and nothing to carry over to the next payer).
      if (view.status === 'READY_TO_BATCH') return { status: view.status };
      const waitRecorded = patched(ANSWER_ONCE_RECORDED);
      if (view.status === 'DRAFT') inbox.submitted = { actor };
      inbox.readyRequested = { actor };
      // Answered once the bill took it: Ready to Batch, or held while staff choose which adjudication stands.
      await condition(() => (inbox.held || (view.status !== 'DRAFT' && view.status !== 'PROCESSED')) && (!waitRecorded || state.recorded));
      return { status: view.status };
    },
    { validator: (_request: unknown) => validateReadyToBatch(state) },
  );

  setHandler(
    postPaymentUpdate,
    async (payment) => {
      const forClaim = inbox.claim;
      if (!forClaim) throw wrongState('the bill has no claim to post to');
      inbox.postingPayment = true;
      // The update's id is the payment's identity: the same update delivered again posts nothing twice.
      const idempotencyKey = `eob/${workflowInfo().workflowId}/${currentUpdateInfo()?.id ?? inbox.heardPayments.size}`;
      const claimStatusCode =
        payment.claimStatusCode ?? (payment.paidCents === 0 ? '4' : view.rank === 'PRIMARY' ? '1' : view.rank === 'SECONDARY' ? '2' : '3');
      const posted = await state.acts.postEobPayment({
        billId: state.billId,
        claimId: forClaim.claimId,
        idempotencyKey,
        actor: payment.actor,
        claimStatusCode,
        paidCents: payment.paidCents,
        patientResponsibilityCents: payment.patientResponsibilityCents,
        adjudicationDate: payment.adjudicationDate,
        payerClaimControlNumber: payment.payerClaimControlNumber,
        adjustments: payment.adjustments,
        lines: payment.lines,
        remittanceId: payment.remittanceId,
      });
      const { paymentId } = posted;
      // An ERA posted before the bill heard of it: the EOB confirmed or disputed it, and is no answer of its own.
      const reconciled =
        posted.outcome === 'confirmed' || posted.outcome === 'discrepancy'
          ? { outcome: posted.outcome, relatedPaymentId: posted.relatedPaymentId, differences: posted.differences }
          : {};
      let heard: 'answer' | 'other' = 'other';
      if (!inbox.heardPayments.has(paymentId)) {
        inbox.heardPayments.add(paymentId);
        heard = hearEra(
          state,
          {
            claimId: forClaim.claimId,
            paymentId,
            claimStatusCode,
            paidCents: payment.paidCents,
            patientResponsibilityCents: payment.patientResponsibilityCents,
            crossover: false,
            reversal: false,
            ...reconciled,
          },
          { watching: false, actor: payment.actor },
        );
      }
      inbox.postingPayment = false;
      if (heard === 'answer' || inbox.answers.some((a) => a.kind === 'payment' && a.event.paymentId === paymentId)) {
        await condition(() => inbox.handledPayments.has(paymentId) || state.closed());
      }
      return { paymentId, status: view.status };
    },
    { validator: (payment) => validatePayment(state, payment) },
  );

  setHandler(
    attachRemittanceUpdate,
    async ({ remittanceId, actor }) => {
      const forClaim = inbox.claim;
      if (!forClaim) throw wrongState('the bill has no claim yet');
      await state.acts.attachRemittance({ billId: state.billId, claimId: forClaim.claimId, remittanceId, actor });
      return { status: view.status };
    },
    { validator: (_request: unknown) => validateHasClaim(state) },
  );

  setHandler(
    prepareManualUploadUpdate,
    async ({ actor }) => {
      const forClaim = inbox.claim;
      if (!forClaim) throw wrongState('the bill has no claim yet');
      const existing = inbox.manualFiles.get(forClaim.claimId);
      const fileId = existing ?? (await state.acts.writeManualClaimFile({ claimId: forClaim.claimId, actor })).fileId;
      inbox.manualFiles.set(forClaim.claimId, fileId);
      inbox.manualUploadBy = { actor };
      view.manualUpload = true;
      await condition(() => view.status !== 'READY_TO_BATCH');
      return { status: view.status, claimId: forClaim.claimId, fileId };
    },
    { validator: (_request: unknown) => validateManualUpload(state) },
  );

  setHandler(
    confirmClaimFixUpdate,
    async ({ actor }) => {
      if (inbox.claim) inbox.claimFixConfirmed.set(inbox.claim.claimId, { actor });
      await condition(() => view.status !== 'AWAITING_CLAIM_FIX');
      return { status: view.status };
    },
    { validator: (_request: unknown) => validateClaimFix(state) },
  );

  setHandler(
    voidUpdate,
    async (request) => {
      inbox.voidRequested = request;
      await condition(() => inbox.voidAccepted || state.closed());
      if (inbox.voidOvertaken) throw overtaken('a payment was posted before the void took effect: the bill closed instead');
      return { status: view.status };
    },
    { validator: (request) => validateVoid(state, request) },
  );

  setHandler(
    resubmitUpdate,
    async (request) => {
      const token = currentUpdateInfo()?.id ?? `resubmit-${inbox.resubmitOutcomes.size}`;
      inbox.resubmitRequested = { actor: request.actor, token };
      await condition(() => inbox.resubmitOutcomes.has(token) || state.closed());
      if (inbox.resubmitOutcomes.get(token) !== 'done') {
        throw overtaken("the payer's answer arrived first: the claim was not resubmitted");
      }
      await condition(() => view.status !== 'REJECTED' && view.status !== awaitingStatus(view.rank));
      return { status: view.status };
    },
    { validator: (_request: unknown) => validateResubmit(state) },
  );

  setHandler(
    billCorrectedUpdate,
    async ({ actor, correctionId }) => {
      // A correction staff asked for is applied here, once the bill has agreed to it; the
      // older form (data already changed by the API) only reloads the bill.
      if (correctionId) await state.acts.applyBillCorrection({ billId: state.billId, correctionId, actor });
      state.plan = await state.acts.loadBillPlan(state.billId);
      await state.record('corrected', "the bill's data was corrected", actor);
      return { status: view.status };
    },
    { validator: (_request: unknown) => validateCorrection(state) },
  );
}
