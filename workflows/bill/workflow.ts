/**
 * One bill, from its primary claim to its last payer's answer: the product.
 *
 * The workflow is the single writer of the bill's lifecycle status. It waits (weeks if it
 * must) with `condition()` and timers, escalates when nothing happens, and hears:
 *  - machine events as signals (claim batched, batch sent, 999/277CA, ERA posted);
 *  - staff actions as updates with validators (refused input leaves no trace in history).
 * It carries ids, amounts and codes only, never patient data.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  currentUpdateInfo,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { BillActivities, ClaimFrequency, OpenedClaim } from '../activity-contract';
import {
  AttentionReasonKey,
  BillIdKey,
  BillStatusKey,
  NeedsAttentionKey,
  PayerCodeKey,
  PracticeIdKey,
  WaitingSinceKey,
} from '../search-attributes';
import { paymentProblems } from './balance';
import {
  ackReceivedSignal,
  attachRemittanceUpdate,
  batchSentSignal,
  billCorrectedUpdate,
  billViewQuery,
  claimBatchedSignal,
  claimRefusedSignal,
  confirmClaimFixUpdate,
  eraPostedSignal,
  postPaymentUpdate,
  prepareManualUploadUpdate,
  resubmitUpdate,
  setReadyToBatchUpdate,
  submitUpdate,
  voidUpdate,
  type AckEvent,
  type BillPlan,
  type BillStatus,
  type BillView,
  type BillWorkflowInput,
  type EraPostedEvent,
  type PayerStep,
  type Rank,
  type Step,
  type VoidInput,
  CORRECTABLE_STATUSES,
  VOID_REASONS,
} from './definitions';
import {
  batchNotSentRule,
  claimFixRule,
  draftRule,
  ESCALATION_TEXT,
  noResponseRule,
  rejectionRule,
  timelyFilingRule,
  type EscalationReason,
  type EscalationRule,
} from './escalation';

const acts = proxyActivities<BillActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const MAX_STEPS_KEPT = 50;
const SYSTEM = 'system';

/** Thrown inside the main flow when staff void the bill; unwinds to the void handling. */
class VoidRequested extends Error {}

/** A payment or rejection the current claim is waiting for. */
type ClaimAnswer = { kind: 'payment'; event: EraPostedEvent } | { kind: 'rejection'; event: AckEvent } | { kind: 'resubmit' };

function awaitingStatus(rank: Rank): BillStatus {
  return rank === 'PRIMARY' ? 'AWAITING_PRIMARY' : rank === 'SECONDARY' ? 'AWAITING_SECONDARY' : 'AWAITING_TERTIARY';
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

export async function billLifecycle(input: BillWorkflowInput): Promise<BillView> {
  const { billId } = input;
  const startedAt = new Date().toISOString();
  const view: BillView = {
    billId,
    status: 'DRAFT',
    rank: 'PRIMARY',
    needsAttention: false,
    waitingSince: startedAt,
    waitingFor: 'staff to submit the bill',
    manualUpload: false,
    steps: [],
  };
  // Set by the first activity (and again when staff correct the bill); the handlers registered
  // before it must see it when it comes.
  let plan: BillPlan | undefined;
  let stepNumber = 0;

  // What the signals and updates have told, waiting for the main flow to act on it.
  let submitted = false;
  let readyRequested = false;
  let resubmitRequested: { actor: string; token: string } | undefined;
  /** What became of each resubmission request: done, or overtaken by a payer's answer. */
  const resubmitOutcomes = new Map<string, 'done' | 'overtaken'>();
  let postingPayment = false;
  let voidOvertaken = false;
  /** The payer's own claim numbers, as its 277CA gave them: a replacement or a void needs one. */
  const payerNumbers = new Map<string, string>();
  let voidRequested: VoidInput | undefined;
  let claim: OpenedClaim | undefined;
  const batchedClaims = new Map<string, string>();
  const sentClaims = new Set<string>();
  const manualFiles = new Map<string, string>();
  const claimFixConfirmed = new Set<string>();
  const heardAcks = new Set<string>();
  const heardPayments = new Set<string>();
  const answers: ClaimAnswer[] = [];
  const handledPayments = new Set<string>();
  let voidAccepted = false;
  const pendingEscalations: { reason: EscalationReason; detail: string }[] = [];

  // ---------------------------------------------------------------- state keeping

  function searchAttributes(): void {
    upsertSearchAttributes([
      { key: BillIdKey, value: billId },
      { key: PracticeIdKey, value: input.practiceId },
      { key: BillStatusKey, value: view.status },
      { key: NeedsAttentionKey, value: view.needsAttention },
      { key: AttentionReasonKey, value: view.attentionReason ?? '' },
      { key: WaitingSinceKey, value: new Date(view.waitingSince) },
      ...(view.payerCode ? [{ key: PayerCodeKey, value: view.payerCode }] : []),
    ]);
  }

  async function record(action: string, note: string, actor: string): Promise<void> {
    stepNumber += 1;
    const at = new Date().toISOString();
    const step: Step = { at, status: view.status, rank: view.rank, note, actor };
    view.steps.push(step);
    if (view.steps.length > MAX_STEPS_KEPT) view.steps.shift();
    searchAttributes();
    const info = workflowInfo();
    await acts.recordBillState({
      billId,
      status: view.status,
      rank: view.rank,
      needsAttention: view.needsAttention,
      attentionReason: view.attentionReason,
      attentionSince: view.attentionSince,
      statusSince: view.waitingSince,
      step: { action, note, actor, at, claimId: claim?.claimId },
      dedupeKey: `${info.workflowId}/${info.firstExecutionRunId}/${stepNumber}`,
      stepNumber,
    });
  }

  /** Moves the bill to a status; the attention flag clears, since what it flagged is over. */
  async function setStatus(status: BillStatus, waitingFor: string, note: string, actor = SYSTEM): Promise<void> {
    view.status = status;
    view.waitingFor = waitingFor;
    view.waitingSince = new Date().toISOString();
    view.needsAttention = false;
    view.attentionReason = undefined;
    view.attentionSince = undefined;
    await record(`status:${status}`, note, actor);
  }

  async function escalate(reason: EscalationReason, detail?: string): Promise<void> {
    const first = !view.needsAttention;
    view.needsAttention = true;
    view.attentionReason = reason;
    if (first) view.attentionSince = new Date().toISOString();
    log.info('bill escalated', { billId, reason });
    await record(`escalated:${reason}`, detail ?? ESCALATION_TEXT[reason], SYSTEM);
  }

  /** Waits until `ready()`, escalating by `rule` while nothing happens; unwinds on a void. */
  async function waitFor(ready: () => boolean, rule?: EscalationRule): Promise<void> {
    const woken = () => ready() || voidRequested !== undefined || pendingEscalations.length > 0;
    // The next escalation is due at an absolute time, so that waking for something else does not restart it.
    let dueAt = rule ? Date.now() + rule.firstAfterMs : undefined;
    for (;;) {
      const done = dueAt === undefined ? (await condition(woken), true) : await condition(woken, Math.max(1, dueAt - Date.now()));
      for (let next = pendingEscalations.shift(); next; next = pendingEscalations.shift()) {
        await escalate(next.reason, next.detail);
      }
      if (voidRequested) throw new VoidRequested();
      if (done && ready()) return;
      if (!done && rule) {
        await escalate(rule.reason);
        dueAt = Date.now() + rule.repeatAfterMs;
      }
    }
  }

  function rankIndex(): number {
    return plan ? plan.payers.findIndex((p) => p.rank === view.rank) : 0;
  }

  // ---------------------------------------------------------------- machine events

  setHandler(claimBatchedSignal, (e) => {
    batchedClaims.set(e.claimId, e.batchId);
  });
  setHandler(batchSentSignal, (e) => {
    sentClaims.add(e.claimId);
  });
  setHandler(ackReceivedSignal, (e) => {
    const key = `${e.fileId}/${e.claimId}`;
    if (heardAcks.has(key)) return;
    heardAcks.add(key);
    if (e.accepted && e.payerClaimControlNumber) payerNumbers.set(e.claimId, e.payerClaimControlNumber);
    if (!e.accepted && e.claimId === claim?.claimId) answers.push({ kind: 'rejection', event: e });
  });
  setHandler(eraPostedSignal, (e) => {
    if (heardPayments.has(e.paymentId)) return;
    heardPayments.add(e.paymentId);
    if (e.claimId === claim?.claimId) answers.push({ kind: 'payment', event: e });
    else {
      pendingEscalations.push({
        reason: 'LATE_REMITTANCE',
        detail: `payment ${e.paymentId} (CLP02 ${e.claimStatusCode}, paid ${dollars(e.paidCents)}) for claim ${e.claimId}`,
      });
    }
  });
  setHandler(claimRefusedSignal, (e) => {
    if (e.claimId !== claim?.claimId) return;
    pendingEscalations.push({ reason: 'CLAIM_INVALID', detail: `batch ${e.batchId} could not carry the claim: ${e.problems.join('; ')}` });
  });

  // ---------------------------------------------------------------- staff actions

  const closed = (): boolean => view.status === 'CLOSED' || view.status === 'VOIDED';

  setHandler(
    submitUpdate,
    async ({ actor }) => {
      submitted = true;
      await condition(() => view.status !== 'DRAFT');
      log.info('bill submitted', { billId, actor });
      return { status: view.status };
    },
    {
      validator: (_request: unknown) => {
        if (view.status !== 'DRAFT' || submitted) throw new Error(`the bill is ${view.status}, not a draft: it was submitted already`);
      },
    },
  );

  setHandler(
    setReadyToBatchUpdate,
    async (_request) => {
      // Already Ready to Batch: nothing to do (and nothing to carry over to the next payer).
      if (view.status === 'READY_TO_BATCH') return { status: view.status };
      if (view.status === 'DRAFT') submitted = true;
      readyRequested = true;
      await condition(() => view.status !== 'DRAFT' && view.status !== 'PROCESSED');
      return { status: view.status };
    },
    {
      validator: (_request: unknown) => {
        if (view.status === 'READY_TO_BATCH') return;
        if (view.status !== 'DRAFT' && view.status !== 'PROCESSED') {
          throw new Error(
            `the bill is ${view.status}: only a draft or a processed bill waiting for its next claim can be set Ready to Batch`,
          );
        }
      },
    },
  );

  setHandler(
    postPaymentUpdate,
    async (payment) => {
      const forClaim = claim;
      if (!forClaim) throw ApplicationFailure.nonRetryable('the bill has no claim to post to');
      postingPayment = true;
      // The update's id is the payment's identity: the same update delivered again posts nothing twice.
      const idempotencyKey = `eob/${workflowInfo().workflowId}/${currentUpdateInfo()?.id ?? heardPayments.size}`;
      const claimStatusCode =
        payment.claimStatusCode ?? (payment.paidCents === 0 ? '4' : view.rank === 'PRIMARY' ? '1' : view.rank === 'SECONDARY' ? '2' : '3');
      const { paymentId } = await acts.postEobPayment({
        billId,
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
      if (!heardPayments.has(paymentId)) {
        heardPayments.add(paymentId);
        answers.push({
          kind: 'payment',
          event: {
            claimId: forClaim.claimId,
            paymentId,
            claimStatusCode,
            paidCents: payment.paidCents,
            patientResponsibilityCents: payment.patientResponsibilityCents,
            crossover: false,
            reversal: false,
          },
        });
      }
      postingPayment = false;
      await condition(() => handledPayments.has(paymentId) || closed());
      return { paymentId, status: view.status };
    },
    {
      validator: (payment) => {
        const awaiting = awaitingStatus(view.rank);
        if (view.status !== awaiting && view.status !== 'CROSSOVER') {
          throw new Error(`the bill is ${view.status}: a payment can be posted only while it waits for its payer (${awaiting})`);
        }
        if (postingPayment || answers.some((a) => a.kind === 'payment')) {
          throw new Error('a payment for this claim is being posted already: wait for it before posting another');
        }
        if (voidRequested) throw new Error('the bill is being voided');
        if (payment.rank && payment.rank !== view.rank) {
          throw new Error(`rank: the bill waits for its ${view.rank} payer, not ${payment.rank}`);
        }
        const charges = new Map((plan?.lines ?? []).map((l) => [l.lineNumber, l.chargeCents]));
        const problems = paymentProblems(payment, charges);
        if (problems.length > 0) throw new Error(problems.join('; '));
      },
    },
  );

  setHandler(
    attachRemittanceUpdate,
    async ({ remittanceId, actor }) => {
      const forClaim = claim;
      if (!forClaim) throw ApplicationFailure.nonRetryable('the bill has no claim yet');
      await acts.attachRemittance({ billId, claimId: forClaim.claimId, remittanceId, actor });
      return { status: view.status };
    },
    {
      validator: (_request: unknown) => {
        if (!claim) throw new Error('the bill has no claim yet: submit it first');
      },
    },
  );

  setHandler(
    prepareManualUploadUpdate,
    async ({ actor }) => {
      const forClaim = claim;
      if (!forClaim) throw ApplicationFailure.nonRetryable('the bill has no claim yet');
      const existing = manualFiles.get(forClaim.claimId);
      const fileId = existing ?? (await acts.writeManualClaimFile({ claimId: forClaim.claimId, actor })).fileId;
      manualFiles.set(forClaim.claimId, fileId);
      view.manualUpload = true;
      await condition(() => view.status !== 'READY_TO_BATCH');
      return { status: view.status, claimId: forClaim.claimId, fileId };
    },
    {
      validator: (_request: unknown) => {
        if (view.status !== 'READY_TO_BATCH' && view.status !== 'AWAITING_CLAIM_FIX') {
          throw new Error(`the bill is ${view.status}: its 837P can be downloaded for manual upload only when it is Ready to Batch`);
        }
      },
    },
  );

  setHandler(
    confirmClaimFixUpdate,
    async (_request) => {
      if (claim) claimFixConfirmed.add(claim.claimId);
      await condition(() => view.status !== 'AWAITING_CLAIM_FIX');
      return { status: view.status };
    },
    {
      validator: (_request: unknown) => {
        if (view.status !== 'AWAITING_CLAIM_FIX') throw new Error(`the bill is ${view.status}, not Awaiting Claim Fix`);
      },
    },
  );

  setHandler(
    voidUpdate,
    async (request) => {
      voidRequested = request;
      await condition(() => voidAccepted || closed());
      if (voidOvertaken)
        throw ApplicationFailure.nonRetryable('a payment was posted before the void took effect: the bill closed instead', 'VoidOvertaken');
      return { status: view.status };
    },
    {
      validator: (request) => {
        if (closed()) throw new Error(`the bill is ${view.status}: it cannot be voided`);
        if (voidRequested) throw new Error('the bill is being voided already');
        if (handledPayments.size > 0 || postingPayment || answers.some((a) => a.kind === 'payment')) {
          throw new Error(
            'a payment is posted on the bill: it cannot be voided (correct and resubmit it, or settle a refund with the payer)',
          );
        }
        if (view.status === 'BATCHED') throw new Error('the claim is being sent right now: void it once the payer has acknowledged it');
        if (!(VOID_REASONS as readonly string[]).includes(request.reason))
          throw new Error(`reason: must be one of ${VOID_REASONS.join(', ')}`);
      },
    },
  );

  setHandler(
    resubmitUpdate,
    async (request) => {
      const token = currentUpdateInfo()?.id ?? `resubmit-${resubmitOutcomes.size}`;
      resubmitRequested = { actor: request.actor, token };
      await condition(() => resubmitOutcomes.has(token) || closed());
      if (resubmitOutcomes.get(token) !== 'done') {
        throw ApplicationFailure.nonRetryable("the payer's answer arrived first: the claim was not resubmitted", 'ResubmitOvertaken');
      }
      await condition(() => view.status !== 'REJECTED' && view.status !== awaitingStatus(view.rank));
      return { status: view.status };
    },
    {
      validator: (_request: unknown) => {
        const awaiting = awaitingStatus(view.rank);
        if (view.status !== 'REJECTED' && view.status !== awaiting) {
          throw new Error(
            `the bill is ${view.status}: only a rejected claim, or one waiting for its payer, can be corrected and resubmitted`,
          );
        }
        if (resubmitRequested) throw new Error('a resubmission is under way already');
        if (view.status === awaiting && claim && !payerNumbers.has(claim.claimId)) {
          throw new Error(
            'the payer has not given its claim number yet (in its 277CA or ERA): a replacement claim needs it; resubmit once it is acknowledged',
          );
        }
      },
    },
  );

  setHandler(
    billCorrectedUpdate,
    async ({ actor }) => {
      plan = await acts.loadBillPlan(billId);
      await record('corrected', "the bill's data was corrected", actor);
      return { status: view.status };
    },
    {
      validator: (_request: unknown) => {
        if (!CORRECTABLE_STATUSES.includes(view.status) || (view.status === 'READY_TO_BATCH' && batchedClaims.has(claim?.claimId ?? ''))) {
          throw new Error(
            `the bill is ${view.status}: its data can be corrected only while it is a draft, Ready to Batch (not yet batched) or Rejected`,
          );
        }
      },
    },
  );

  setHandler(billViewQuery, () => view);

  // ---------------------------------------------------------------- the flow

  async function openClaim(frequency: ClaimFrequency, options: { replaces?: string; crossover?: boolean } = {}): Promise<OpenedClaim> {
    const opened = await acts.openClaim({
      billId,
      rank: view.rank,
      frequency,
      replacesClaimId: options.replaces,
      crossover: options.crossover,
      requestKey: `${workflowInfo().workflowId}/${view.rank}/${frequency}/${stepNumber}`,
    });
    claim = opened;
    view.claimId = opened.claimId;
    view.payerCode = opened.payerCode;
    view.manualUpload = false;
    return opened;
  }

  /** Ready to Batch -> sent to the payer, by batch or by manual upload. */
  async function send(payer: PayerStep): Promise<void> {
    const current = claim!;
    await setStatus(
      'READY_TO_BATCH',
      'the next batch, or staff to download the claim for manual upload',
      `claim ${current.claimId} is Ready to Batch`,
    );
    const timely = timelyFilingRule(plan!.firstDateOfService, payer.timelyFilingDays, Date.now());
    await waitFor(() => batchedClaims.has(current.claimId) || manualFiles.has(current.claimId), timely);
    if (manualFiles.has(current.claimId)) {
      await setStatus(
        'AWAITING_CLAIM_FIX',
        "staff to confirm the claim cleared Office Ally's Claim Fix",
        `837P of claim ${current.claimId} downloaded for manual upload`,
      );
      await waitFor(() => claimFixConfirmed.has(current.claimId), claimFixRule);
      await acts.setClaimStatus({ claimId: current.claimId, status: 'SUBMITTED' });
      await record('claim-fix-cleared', `claim ${current.claimId} cleared Claim Fix`, SYSTEM);
      return;
    }
    await setStatus('BATCHED', 'the batch to be sent', `claim ${current.claimId} is in batch ${batchedClaims.get(current.claimId)}`);
    await waitFor(() => sentClaims.has(current.claimId), batchNotSentRule);
    await setStatus('SUBMITTED', 'the payer', `claim ${current.claimId} sent to the clearinghouse`);
  }

  /** Waits for the payer's answer to the claim: a payment (or denial), a rejection, or staff resubmitting. */
  async function awaitAnswer(payer: PayerStep, status: BillStatus): Promise<ClaimAnswer> {
    if (view.status !== status)
      await setStatus(status, `the ${payer.rank.toLowerCase()} payer's ERA or EOB`, `waiting on payer ${payer.payerCode}`);
    for (;;) {
      await waitFor(() => answers.length > 0 || resubmitRequested !== undefined, noResponseRule(payer.responseDays));
      const answer = answers.shift();
      if (!answer) return { kind: 'resubmit' };
      if (answer.kind !== 'resubmit' && answer.event.claimId !== claim?.claimId) {
        // An answer about a claim the bill has moved past (a duplicate rejection, a second payment).
        if (answer.kind === 'payment') {
          handledPayments.add(answer.event.paymentId);
          await escalate(
            'LATE_REMITTANCE',
            `payment ${answer.event.paymentId} for claim ${answer.event.claimId}, which the bill has moved past`,
          );
        }
        continue;
      }
      if (answer.kind === 'payment' && answer.event.reversal) {
        await record('reversal', `payment ${answer.event.paymentId} reversed by the payer; waiting for its new answer`, SYSTEM);
        handledPayments.add(answer.event.paymentId);
        continue;
      }
      return answer;
    }
  }

  /** How a payer's answer leaves the bill for the next payer. */
  interface PayerOutcome {
    /** The payer forwarded the claim to the next payer itself. */
    crossover: boolean;
    /** The payer paid, and the patient owes nothing: no balance is left for a next payer. */
    nothingLeft: boolean;
  }

  /** One payer, from its claim to its answer. */
  async function billPayer(payer: PayerStep, crossover: boolean): Promise<PayerOutcome> {
    view.rank = payer.rank;
    if (crossover) {
      await openClaim('ORIGINAL', { crossover: true });
      await setStatus(
        'CROSSOVER',
        `the ${payer.rank.toLowerCase()} payer's ERA (crossover)`,
        `the previous payer forwarded the claim to ${payer.payerCode}; no claim is sent`,
      );
    } else {
      await openClaim('ORIGINAL');
      if (rankIndex() > 0 && !plan!.autoBatchSecondary && !readyRequested) {
        view.waitingFor = `staff to set the ${payer.rank.toLowerCase()} claim Ready to Batch`;
        // Added while bills were in flight: tell the database (and so the API's lists) that the
        // bill now waits on its next payer. Bills that passed this point before keep their history.
        if (patched('record-next-rank-while-waiting-for-staff')) {
          await record('awaiting-staff', view.waitingFor, SYSTEM);
        }
        await waitFor(
          () => readyRequested,
          timelyFilingRule(plan!.firstDateOfService, payer.timelyFilingDays, Date.now(), 'STAFF_CONFIRMATION_PENDING'),
        );
      }
      readyRequested = false;
      await send(payer);
    }
    for (;;) {
      const answer = await awaitAnswer(payer, crossover ? 'CROSSOVER' : awaitingStatus(payer.rank));
      if (answer.kind === 'payment') {
        if (resubmitRequested) {
          resubmitOutcomes.set(resubmitRequested.token, 'overtaken');
          resubmitRequested = undefined;
        }
        const e = answer.event;
        const how = e.paidCents === 0 ? 'denied ($0 paid)' : `paid ${dollars(e.paidCents)}`;
        await acts.setClaimStatus({ claimId: e.claimId, status: e.crossover ? 'CROSSOVER' : 'PROCESSED' });
        await setStatus(
          'PROCESSED',
          'the next claim',
          `${payer.rank.toLowerCase()} payer ${how}, patient responsibility ${dollars(e.patientResponsibilityCents)}`,
        );
        handledPayments.add(e.paymentId);
        return { crossover: e.crossover, nothingLeft: e.paidCents > 0 && e.patientResponsibilityCents === 0 };
      }
      const previous = claim!;
      if (answer.kind === 'rejection') {
        await acts.setClaimStatus({ claimId: previous.claimId, status: 'REJECTED', reason: answer.event.reason });
        await setStatus(
          'REJECTED',
          'staff to correct and resubmit the claim',
          `${answer.event.source} rejected claim ${previous.claimId}: ${answer.event.reason ?? 'no reason given'}`,
        );
        await waitFor(() => resubmitRequested !== undefined, rejectionRule);
      }
      const request = resubmitRequested!;
      resubmitRequested = undefined;
      // A payer that never accepted the claim gets a new original; one that has it gets a replacement.
      const frequency: ClaimFrequency = answer.kind === 'rejection' ? 'ORIGINAL' : 'REPLACEMENT';
      await openClaim(frequency, { replaces: previous.claimId });
      await record('resubmitted', `claim ${previous.claimId} corrected; ${frequency.toLowerCase()} claim ${claim!.claimId}`, request.actor);
      resubmitOutcomes.set(request.token, 'done');
      crossover = false;
      await send(payer);
    }
  }

  async function voidBill(request: VoidInput): Promise<void> {
    // Bills that began their void before this version keep the flow they started with.
    if (!patched('void-only-unsent-claims-here')) return voidBillBefore(request);
    voidRequested = undefined;
    const current = claim;
    const accept = () => {
      voidAccepted = true;
    };
    // Payer answers still queued are kept in the database; a person must see them.
    for (const left of answers.splice(0)) {
      if (left.kind === 'payment') await escalate('LATE_REMITTANCE', `payment ${left.event.paymentId} arrived as the bill was voided`);
    }
    // A claim no batch has taken is voided here; one a batch took is on its way to the payer.
    const taken =
      current !== undefined &&
      (sentClaims.has(current.claimId) || batchedClaims.has(current.claimId) || claimFixConfirmed.has(current.claimId));
    const voidedHere =
      current !== undefined && !taken && (await acts.voidUnsentClaim({ claimId: current.claimId, reason: request.reason })).voided;
    if (current && !voidedHere) {
      // The payer has (or is about to have) the claim: tell it with a void claim (frequency 8),
      // which needs the payer's own claim number from its acknowledgment.
      await setStatus(
        'READY_TO_BATCH',
        "the payer's claim number, then the next batch, to carry the void claim",
        `void requested: ${request.reason}`,
        request.actor,
      );
      accept();
      await waitForIgnoringVoid(() => payerNumbers.has(current.claimId), 'VOID_WAITING_FOR_PAYER');
      await openClaim('VOID', { replaces: current.claimId });
      await record('void-requested', `void claim ${claim!.claimId} for claim ${current.claimId}: ${request.reason}`, request.actor);
      const voiding = claim!;
      await waitForIgnoringVoid(() => sentClaims.has(voiding.claimId) || manualFiles.has(voiding.claimId), 'BATCH_NOT_SENT');
      await acts.setClaimStatus({ claimId: current.claimId, status: 'VOIDED', reason: request.reason });
    }
    const note =
      manualFiles.has(current?.claimId ?? '') && !claimFixConfirmed.has(current?.claimId ?? '')
        ? `voided: ${request.reason}; delete the claim from Office Ally's Claim Fix if it was uploaded`
        : `voided: ${request.reason}`;
    await setStatus('VOIDED', 'nothing', note, request.actor);
    accept();
  }

  /** The void flow of bills already voiding when `void-only-unsent-claims-here` came in. */
  async function voidBillBefore(request: VoidInput): Promise<void> {
    voidRequested = undefined;
    const current = claim;
    const atPayer =
      current !== undefined && (sentClaims.has(current.claimId) || claimFixConfirmed.has(current.claimId)) && view.status !== 'PROCESSED';
    if (current && atPayer) {
      await openClaim('VOID', { replaces: current.claimId });
      await record('void-requested', `void claim ${claim!.claimId} for claim ${current.claimId}: ${request.reason}`, request.actor);
      await setStatus('READY_TO_BATCH', 'the next batch, to carry the void claim', `void claim ${claim!.claimId} is Ready to Batch`);
      voidAccepted = true;
      const voiding = claim!;
      await waitForIgnoringVoid(() => sentClaims.has(voiding.claimId) || manualFiles.has(voiding.claimId), 'BATCH_NOT_SENT');
      await acts.setClaimStatus({ claimId: current.claimId, status: 'VOIDED', reason: request.reason });
    } else if (current) {
      await acts.setClaimStatus({ claimId: current.claimId, status: 'VOIDED', reason: request.reason });
    }
    await setStatus('VOIDED', 'nothing', `voided: ${request.reason}`, request.actor);
    voidAccepted = true;
  }

  async function waitForIgnoringVoid(ready: () => boolean, reason: EscalationReason): Promise<void> {
    let wait = batchNotSentRule.firstAfterMs;
    while (!(await condition(ready, wait))) {
      await escalate(reason);
      wait = batchNotSentRule.repeatAfterMs;
    }
  }

  plan = await acts.loadBillPlan(billId);
  view.payerCode = plan.payers[0]?.payerCode;
  await record('created', 'bill workflow started', SYSTEM);
  try {
    await waitFor(() => submitted || readyRequested, draftRule);
    readyRequested = false;
    let outcome: PayerOutcome = { crossover: false, nothingLeft: false };
    let closing = 'every payer has answered';
    for (const [index, payer] of plan.payers.entries()) {
      // A payer that paid and left the patient owing nothing leaves nothing for the next one
      // (a denial, $0 paid, always goes on). Added while bills were in flight, hence patched().
      if (index > 0 && !outcome.crossover && outcome.nothingLeft && patched('close-when-nothing-left')) {
        closing = `the ${plan.payers[index - 1]!.rank.toLowerCase()} payer left no balance: no ${payer.rank.toLowerCase()} claim is needed`;
        break;
      }
      outcome = await billPayer(payer, outcome.crossover);
    }
    if (voidRequested) {
      // A void asked for as the last payer's answer was posted: the payment stands.
      voidOvertaken = true;
      voidRequested = undefined;
    }
    await setStatus('CLOSED', 'nothing', closing);
  } catch (err) {
    if (!(err instanceof VoidRequested) || !voidRequested) throw err;
    await voidBill(voidRequested);
  }
  await condition(allHandlersFinished);
  return view;
}
