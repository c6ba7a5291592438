/**
 * The bill's main flow: from its draft to every payer's answer. For each payer in rank
 * order: open a claim, send it (batch or manual upload), wait for the payer's answer (a
 * payment, a denial, a rejection), and go on to the next payer or close. Deterministic code.
 */
import { patched, workflowInfo } from '@temporalio/workflow';
import { rankWord } from '../../domain/rank';
import type { ClaimFrequency, OpenedClaim } from '../activity-contract';
import type { BillPlan, BillStatus, PayerStep } from './definitions';
import {
  batchNotSentRule,
  claimFixRule,
  draftRule,
  manualUploadRule,
  noResponseRule,
  rejectionRule,
  scaleRule,
  timelyFilingRule,
  type EscalationRule,
} from './escalation';
import type { ClaimAnswer } from './inbox';
import { awaitingStatus, dollars, RewindRequested, SYSTEM, type BillState } from './state';

/** How a payer's answer leaves the bill for the next payer. */
export interface PayerOutcome {
  /** The payer forwarded the claim to the next payer itself. */
  crossover: boolean;
  /** The payer paid, and the patient owes nothing: no balance is left for a next payer. */
  nothingLeft: boolean;
}

/** Added while bills were in flight: a practice that uploads by hand is reminded to download the 837P. */
const MANUAL_UPLOAD_REMINDER = 'manual-upload-reminder';

export class BillFlow {
  constructor(private readonly state: BillState) {}

  private get plan(): BillPlan {
    const plan = this.state.plan;
    if (!plan) throw new Error('the bill plan is not loaded');
    return plan;
  }

  /** A relative escalation rule at the configured pace (demo stacks run faster; timely filing never does). */
  private rule(rule: EscalationRule): EscalationRule {
    return scaleRule(rule, this.state.plan?.escalationTimeScale);
  }

  async openClaim(frequency: ClaimFrequency, options: { replaces?: string; crossover?: boolean } = {}): Promise<OpenedClaim> {
    const { state } = this;
    const opened = await state.acts.openClaim({
      billId: state.billId,
      rank: state.view.rank,
      frequency,
      replacesClaimId: options.replaces,
      crossover: options.crossover,
      requestKey: `${workflowInfo().workflowId}/${state.view.rank}/${frequency}/${state.steps}`,
    });
    state.inbox.claim = opened;
    state.inbox.openedClaims.set(opened.claimId, opened);
    state.view.claimId = opened.claimId;
    state.view.payerCode = opened.payerCode;
    state.view.manualUpload = false;
    return opened;
  }

  /** Ready to Batch -> sent to the payer, by batch or by manual upload. */
  async send(payer: PayerStep, current: OpenedClaim, actor: string): Promise<void> {
    const { state } = this;
    const { inbox } = state;
    const plan = this.plan;
    const manual = plan.submitsManually;
    if (inbox.rewind) throw new RewindRequested();
    await this.holdWhileDisputed();
    await state.setStatus(
      'READY_TO_BATCH',
      manual
        ? "staff to download the claim's 837P and upload it to Office Ally (this practice submits by hand)"
        : 'the next batch, or staff to download the claim for manual upload',
      `claim ${current.claimId} is Ready to Batch`,
      actor,
    );
    const rules = [timelyFilingRule(plan.firstDateOfService, payer.timelyFilingDays, Date.now())];
    if (manual && patched(MANUAL_UPLOAD_REMINDER)) rules.push(this.rule(manualUploadRule));
    await state.waitFor(() => inbox.batchedClaims.has(current.claimId) || inbox.manualFiles.has(current.claimId), ...rules);
    if (inbox.manualFiles.has(current.claimId)) {
      await state.setStatus(
        'AWAITING_CLAIM_FIX',
        "staff to confirm the claim cleared Office Ally's Claim Fix",
        `837P of claim ${current.claimId} downloaded for manual upload`,
        inbox.manualUploadBy?.actor ?? SYSTEM,
      );
      await state.waitFor(() => inbox.claimFixConfirmed.has(current.claimId), this.rule(claimFixRule));
      await state.record(
        'claim-fix-cleared',
        `claim ${current.claimId} cleared Claim Fix`,
        inbox.claimFixConfirmed.get(current.claimId)?.actor ?? SYSTEM,
        await state.claimOutcome({ claimId: current.claimId, status: 'SUBMITTED' }),
      );
      return;
    }
    await state.setStatus(
      'BATCHED',
      'the batch to be sent',
      `claim ${current.claimId} is in batch ${inbox.batchedClaims.get(current.claimId)}`,
    );
    await state.waitFor(() => inbox.sentClaims.has(current.claimId), this.rule(batchNotSentRule));
    await state.setStatus('SUBMITTED', 'the payer', `claim ${current.claimId} sent to the clearinghouse`);
  }

  /**
   * An ERA differs from a payment posted: the next claim is written from the adjudication that
   * stands, so it waits until staff have chosen (the batch leaves it too: the bill's row says so).
   */
  private async holdWhileDisputed(): Promise<void> {
    const { state } = this;
    const { inbox } = state;
    if (inbox.discrepancies.size === 0) return;
    state.view.waitingFor = 'staff to choose which adjudication stands: an ERA differs from the payment posted';
    inbox.held = true;
    try {
      await state.record('held', state.view.waitingFor, SYSTEM);
      await state.waitFor(() => inbox.discrepancies.size === 0);
    } finally {
      inbox.held = false;
    }
  }

  /** Waits for the payer's answer to the claim: a payment (or denial), a rejection, or staff resubmitting. */
  async awaitAnswer(payer: PayerStep, status: BillStatus, current: OpenedClaim): Promise<ClaimAnswer> {
    const { state } = this;
    const { inbox } = state;
    if (state.view.status !== status) {
      await state.setStatus(status, `the ${rankWord(payer.rank)} payer's ERA or EOB`, `waiting on payer ${payer.payerCode}`);
    }
    for (;;) {
      await state.waitFor(
        () => inbox.answers.length > 0 || inbox.resubmitRequested !== undefined,
        this.rule(noResponseRule(payer.responseDays)),
      );
      const answer = inbox.answers.shift();
      if (!answer) return { kind: 'resubmit' };
      if (answer.kind !== 'resubmit' && answer.event.claimId !== current.claimId) {
        // An answer about a claim the bill has moved past (a duplicate rejection, a second payment).
        if (answer.kind === 'payment') {
          inbox.handledPayments.add(answer.event.paymentId);
          await state.escalate(
            'LATE_REMITTANCE',
            `payment ${answer.event.paymentId} for claim ${answer.event.claimId}, which the bill has moved past`,
          );
        }
        continue;
      }
      if (answer.kind === 'payment' && answer.event.reversal) {
        await state.record('reversal', `payment ${answer.event.paymentId} reversed by the payer; waiting for its new answer`, SYSTEM);
        inbox.handledPayments.add(answer.event.paymentId);
        continue;
      }
      return answer;
    }
  }

  /** One payer, from its claim to its answer. */
  async billPayer(payer: PayerStep, crossover: boolean, submittedBy: string, resume?: OpenedClaim): Promise<PayerOutcome> {
    const { state } = this;
    const { inbox } = state;
    const plan = this.plan;
    state.view.rank = payer.rank;
    let current: OpenedClaim;
    if (resume) {
      // Back to a claim whose answer was taken back: it waits for the payer's answer again.
      current = resume;
      inbox.claim = resume;
      state.view.claimId = resume.claimId;
      state.view.payerCode = resume.payerCode;
    } else if (crossover) {
      current = await this.openClaim('ORIGINAL', { crossover: true });
      await state.setStatus(
        'CROSSOVER',
        `the ${rankWord(payer.rank)} payer's ERA (crossover)`,
        `the previous payer forwarded the claim to ${payer.payerCode}; no claim is sent`,
      );
    } else {
      current = await this.openClaim('ORIGINAL');
      // Who sent it on: the staff who submitted (the primary), set it Ready to Batch, or the engine.
      const readyBy = (): string => inbox.readyRequested?.actor ?? SYSTEM;
      let actor = state.rankIndex() > 0 ? readyBy() : submittedBy;
      if (state.rankIndex() > 0 && !plan.autoBatchSecondary && !inbox.readyRequested) {
        state.view.waitingFor = `staff to set the ${rankWord(payer.rank)} claim Ready to Batch`;
        // Added while bills were in flight: tell the database (and so the API's lists) that the
        // bill now waits on its next payer. Bills that passed this point before keep their history.
        if (patched('record-next-rank-while-waiting-for-staff')) {
          await state.record('awaiting-staff', state.view.waitingFor, SYSTEM);
        }
        await state.waitFor(
          () => inbox.readyRequested !== undefined,
          timelyFilingRule(plan.firstDateOfService, payer.timelyFilingDays, Date.now(), 'STAFF_CONFIRMATION_PENDING'),
        );
        actor = readyBy();
      }
      inbox.readyRequested = undefined;
      await this.send(payer, current, actor);
    }
    for (;;) {
      const answer = await this.awaitAnswer(payer, crossover ? 'CROSSOVER' : awaitingStatus(payer.rank), current);
      if (answer.kind === 'payment') {
        if (inbox.resubmitRequested) {
          inbox.resubmitOutcomes.set(inbox.resubmitRequested.token, 'overtaken');
          inbox.resubmitRequested = undefined;
        }
        const e = answer.event;
        inbox.answered.set(e.paymentId, { claimId: e.claimId, rank: payer.rank });
        const how = e.paidCents === 0 ? 'denied ($0 paid)' : `paid ${dollars(e.paidCents)}`;
        await state.setStatus(
          'PROCESSED',
          'the next claim',
          `${rankWord(payer.rank)} payer ${how}, patient responsibility ${dollars(e.patientResponsibilityCents)}`,
          answer.actor ?? SYSTEM,
          await state.claimOutcome({ claimId: e.claimId, status: e.crossover ? 'CROSSOVER' : 'PROCESSED' }),
        );
        inbox.handledPayments.add(e.paymentId);
        return { crossover: e.crossover, nothingLeft: e.paidCents > 0 && e.patientResponsibilityCents === 0 };
      }
      const previous = current;
      if (answer.kind === 'rejection') {
        await state.setStatus(
          'REJECTED',
          'staff to correct and resubmit the claim',
          `${answer.event.source} rejected claim ${previous.claimId}: ${answer.event.reason ?? 'no reason given'}`,
          SYSTEM,
          await state.claimOutcome({ claimId: previous.claimId, status: 'REJECTED', reason: answer.event.reason }),
        );
        await state.waitFor(() => inbox.resubmitRequested !== undefined, this.rule(rejectionRule));
      }
      const request = inbox.resubmitRequested;
      if (!request) throw new Error('resubmission expected');
      inbox.resubmitRequested = undefined;
      // A payer that never accepted the claim gets a new original; one that has it gets a replacement.
      const frequency: ClaimFrequency = answer.kind === 'rejection' ? 'ORIGINAL' : 'REPLACEMENT';
      current = await this.openClaim(frequency, { replaces: previous.claimId });
      await state.record(
        'resubmitted',
        `claim ${previous.claimId} corrected; ${frequency.toLowerCase()} claim ${current.claimId}`,
        request.actor,
      );
      inbox.resubmitOutcomes.set(request.token, 'done');
      crossover = false;
      await this.send(payer, current, request.actor);
    }
  }

  /** Draft to Closed: every payer in turn, until one leaves nothing for the next. */
  async run(): Promise<void> {
    const { state } = this;
    const { inbox } = state;
    await state.waitFor(() => inbox.submitted !== undefined || inbox.readyRequested !== undefined, this.rule(draftRule));
    const submittedBy = (inbox.submitted ?? inbox.readyRequested)?.actor ?? SYSTEM;
    inbox.readyRequested = undefined;
    const plan = this.plan;
    let outcome: PayerOutcome = { crossover: false, nothingLeft: false };
    let closing = 'every payer has answered';
    let resume: OpenedClaim | undefined;
    for (let index = 0; index < plan.payers.length;) {
      const payer = plan.payers[index];
      if (!payer) break;
      // A payer that paid and left the patient owing nothing leaves nothing for the next one
      // (a denial, $0 paid, always goes on). Added while bills were in flight, hence patched().
      const previous = plan.payers[index - 1];
      if (previous && !resume && !outcome.crossover && outcome.nothingLeft && patched('close-when-nothing-left')) {
        closing = `the ${rankWord(previous.rank)} payer left no balance: no ${rankWord(payer.rank)} claim is needed`;
        break;
      }
      try {
        outcome = await this.billPayer(payer, outcome.crossover, submittedBy, resume);
        resume = undefined;
        index += 1;
      } catch (err) {
        const rewind = inbox.rewind;
        if (!(err instanceof RewindRequested) || !rewind) throw err;
        inbox.rewind = undefined;
        // A payment the bill moved on from was taken back: back to that payer, on that claim.
        resume = inbox.openedClaims.get(rewind.claimId);
        if (!resume) throw new Error(`claim ${rewind.claimId} was not opened by this bill`, { cause: err });
        index = rewind.rankIndex;
        outcome = { crossover: false, nothingLeft: false };
        if (rewind.answer) inbox.answers.unshift(rewind.answer);
        await state.record(
          'rewound',
          `the answer to claim ${rewind.claimId} changed: waiting on its payer again`,
          SYSTEM,
          await state.claimOutcome({ claimId: rewind.claimId, status: 'SUBMITTED' }),
        );
      }
    }
    if (inbox.voidRequested) {
      // A void asked for as the last payer's answer was posted: the payment stands.
      inbox.voidOvertaken = true;
      inbox.voidRequested = undefined;
    }
    await state.setStatus('CLOSED', 'nothing', closing);
  }
}
