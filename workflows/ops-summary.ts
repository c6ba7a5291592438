/**
 * What ops read in the Temporal UI at a glance, rendered from the workflows' own view and plan:
 * a bill's static summary (one line) and details (markdown), its current details (what it waits
 * for, since when, when it escalates next and why), and the summaries of its timers and
 * activities; the same for the clearinghouse sync and the batches. Ids, statuses, payer codes,
 * amounts and dates of the workflow's own clock only: never patient data (no names, member ids,
 * dates of birth or of service, diagnoses). Pure and deterministic: safe in the workflow sandbox,
 * and the same input always renders the same text. The UI shows details as markdown, rendered
 * through a URL of its own (`/render?content=…`): one more reason they never hold patient data.
 */
import type { BillActivities } from './activity-contract';
import type { BillPlan, BillStatus, BillView, Rank } from './bill/definitions';
import { ESCALATION_TEXT, type EscalationReason } from './bill/escalation';

/** What a bill is, for its static summary and details: known when its workflow starts. */
export interface BillHeadline {
  billId: string;
  practiceId: string;
  /** The practice's name, when the starter has it (a practice is a business, not a patient). */
  practiceName?: string;
  payers: { rank: Rank; payerCode: string; payerName?: string; responseDays?: number; timelyFilingDays?: number }[];
  totalChargeCents: number;
  lineCount?: number;
}

/** The next escalation a bill's wait will raise, as the workflow computes it. */
export interface NextEscalation {
  reason: EscalationReason;
  /** When it fires: an ISO timestamp of the workflow's clock. */
  at: string;
}

export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${(abs % 100).toString().padStart(2, '0')}`;
}

/** `2026-11-02T10:04:05.123Z` -> `2026-11-02 10:04 UTC` (with `seconds`: `2026-11-02 10:04:05 UTC`). */
export function when(iso: string, seconds = false): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
  return m ? `${m[1]} ${m[2]}${seconds ? (m[3] ?? ':00') : ''} UTC` : iso;
}

const RANK_WORD: Record<Rank, string> = { PRIMARY: 'primary', SECONDARY: 'secondary', TERTIARY: 'tertiary' };

const STATUS_WORDS: Record<BillStatus, string> = {
  DRAFT: 'Draft',
  READY_TO_BATCH: 'Ready to Batch',
  BATCHED: 'Batched',
  SUBMITTED: 'Submitted',
  AWAITING_PRIMARY: 'Awaiting primary',
  AWAITING_SECONDARY: 'Awaiting secondary',
  AWAITING_TERTIARY: 'Awaiting tertiary',
  AWAITING_CLAIM_FIX: 'Awaiting Claim Fix',
  PROCESSED: 'Processed',
  CLOSED: 'Closed',
  REJECTED: 'Rejected',
  CROSSOVER: 'Crossover',
  VOIDED: 'Voided',
};

export function statusWords(status: BillStatus): string {
  return STATUS_WORDS[status];
}

/** Markdown inline code, safe for any id (backticks cannot close it early). */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Escapes what markdown would read as formatting in free text (codes and reasons the system wrote). */
function plain(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function payerChain(headline: BillHeadline): string {
  return headline.payers.length === 0 ? 'no payer' : headline.payers.map((p) => p.payerCode).join(' → ');
}

/** The bill from the plan its workflow loads (practice and payer names, when the caller has them). */
export function billHeadlineFromPlan(
  plan: BillPlan,
  names: { practiceName?: string; payerNames?: Record<string, string> } = {},
): BillHeadline {
  return {
    billId: plan.billId,
    practiceId: plan.practiceId,
    practiceName: names.practiceName,
    payers: plan.payers.map((p) => ({
      rank: p.rank,
      payerCode: p.payerCode,
      payerName: names.payerNames?.[p.payerCode],
      responseDays: p.responseDays,
      timelyFilingDays: p.timelyFilingDays,
    })),
    totalChargeCents: plan.totalChargeCents,
    lineCount: plan.lines.length,
  };
}

/** One line, as the UI's workflow list shows it: `Bill 3f2a9c1e · Harbor Counseling · ACME1 → BCN1 · $200.00`. */
export function billStaticSummary(headline: BillHeadline): string {
  const practice = headline.practiceName ?? `practice ${headline.practiceId.slice(0, 8)}`;
  return `Bill ${headline.billId.slice(0, 8)} · ${practice} · ${payerChain(headline)} · ${dollars(headline.totalChargeCents)}`;
}

/** The bill's fixed facts, in markdown. */
export function billStaticDetails(headline: BillHeadline): string {
  const payers = headline.payers.map((p, i) => {
    const terms = [
      p.responseDays !== undefined ? `answer expected within ${p.responseDays} days` : undefined,
      p.timelyFilingDays !== undefined ? `timely filing ${p.timelyFilingDays} days` : undefined,
    ].filter((t): t is string => t !== undefined);
    const name = p.payerName ? ` ${plain(p.payerName)}` : '';
    return `${i + 1}. ${RANK_WORD[p.rank]}: ${code(p.payerCode)}${name}${terms.length ? ` (${terms.join(', ')})` : ''}`;
  });
  const lines = headline.lineCount !== undefined ? ` on ${headline.lineCount} line${headline.lineCount === 1 ? '' : 's'}` : '';
  return [
    `**Bill** ${code(headline.billId)}`,
    '',
    `**Practice** ${headline.practiceName ? `${plain(headline.practiceName)} ` : ''}${code(headline.practiceId)}`,
    '',
    `**Total charge** ${dollars(headline.totalChargeCents)}${lines}`,
    '',
    '**Payers**',
    '',
    ...(payers.length ? payers : ['none']),
    '',
    `Its state: the *view* query, or the search attributes (${code(`BillId = "${headline.billId}"`)}).`,
  ].join('\n');
}

/** Where the bill is now, in markdown: what it waits for and since when, its next escalation and why. */
export function billCurrentDetails(view: BillView, next?: NextEscalation): string {
  const out = [`**${statusWords(view.status)}**: waiting for ${plain(view.waitingFor)} since ${when(view.waitingSince)}`];
  if (view.claimId)
    out.push('', `**Claim** ${code(view.claimId)} (${RANK_WORD[view.rank]}${view.payerCode ? `, payer ${code(view.payerCode)}` : ''})`);
  if (view.manualUpload) out.push('', 'Uploaded to Office Ally by hand.');
  if (view.needsAttention) {
    const reason = view.attentionReason as EscalationReason | undefined;
    const why = reason && reason in ESCALATION_TEXT ? ESCALATION_TEXT[reason] : (view.attentionReason ?? 'flagged');
    out.push('', `**Needs attention**${view.attentionSince ? ` since ${when(view.attentionSince)}` : ''}: ${plain(why)}`);
  }
  if (next)
    out.push('', `**Escalates** ${when(next.at)}, if nothing happens: ${plain(ESCALATION_TEXT[next.reason])} (${code(next.reason)})`);
  else if (view.status !== 'CLOSED' && view.status !== 'VOIDED') out.push('', 'No escalation timer runs now.');
  const last = view.steps[view.steps.length - 1];
  if (last) out.push('', `**Last step** ${when(last.at)}: ${plain(last.note)} (by ${code(last.actor)})`);
  return out.join('\n');
}

/** The summary of the timer a bill waits on: what it is for, in a few words. */
export function escalationTimerSummary(reason: EscalationReason, rank?: Rank): string {
  const payer = rank ? `the ${RANK_WORD[rank]} payer` : 'the payer';
  const words: Record<EscalationReason, string> = {
    DRAFT_NOT_SUBMITTED: 'draft not submitted: remind',
    NO_PAYER_RESPONSE: `no answer from ${payer}: escalate`,
    TIMELY_FILING_NEAR: `timely filing deadline of ${payer}: warn`,
    CLAIM_FIX_NOT_CONFIRMED: 'Claim Fix reminder',
    REJECTION_NOT_CORRECTED: 'rejection not corrected: escalate',
    BATCH_NOT_SENT: 'batch not sent: escalate',
    STAFF_CONFIRMATION_PENDING: `${rank ? RANK_WORD[rank] : 'next'} claim waits for staff: escalate`,
    LATE_REMITTANCE: 'late remittance: review',
    CLAIM_INVALID: 'claim fails an 837P rule: correct the bill',
    VOID_WAITING_FOR_PAYER: "void waits for the payer's claim number: escalate",
    MANUAL_UPLOAD_PENDING: 'claim not downloaded for manual upload: remind',
    REMITTANCE_DISCREPANCY: 'an ERA differs from the payment posted: staff choose',
    OVERPAID: 'credit balance: refund or expect it taken back',
    ADJUDICATION_CHANGED: 'an answer changed after the bill moved on: review',
    LATE_REJECTION: 'late rejection: review',
  };
  return words[reason];
}

/** The summary each bill activity carries in the UI's event list. */
export const BILL_ACTIVITY_SUMMARIES: Record<keyof BillActivities, string> = {
  loadBillPlan: "load the bill's payers and line charges",
  recordBillState: "record the bill's status and step",
  openClaim: 'open the claim for the payer',
  setClaimStatus: "record the claim's outcome",
  voidUnsentClaim: 'void the claim no batch has taken',
  writeManualClaimFile: "write the claim's 837P for manual upload",
  postEobPayment: 'post the payment from the EOB',
  attachRemittance: 'attach the paper remittance',
  applyBillCorrection: "apply staff's correction of the bill",
  checkEraMatch: 'check a match by hand against the claim',
  postMatchedEra: 'post the ERA claim matched by hand',
  undoEraMatch: 'undo a match by hand (reversal entry)',
  reversePayment: 'take back a payment posted by mistake',
  resolveDiscrepancy: 'record which adjudication stands',
  billBalances: "compute the bill's balances",
  loadBillSnapshot: 'load a finished bill to watch it',
};

/** The clearinghouse sync workflow, one line. */
export function syncSummary(everySeconds: number): string {
  return `Clearinghouse sync: polls for 999, 277CA and 835 files every ${everySeconds} s`;
}

export interface SyncRound {
  at: string;
  outcome: 'ok' | 'failed';
  files: number;
  failedFiles: number;
  events: number;
  error?: string;
}

/** The sync's current details: its last round and when the next one runs. */
export function syncCurrentDetails(last: SyncRound | undefined, nextAt: string, roundsThisRun: number): string {
  const out = [
    `**Next poll** ${when(nextAt, true)}`,
    '',
    `**Rounds in this run** ${roundsThisRun} (the workflow continues as new to keep its history short)`,
  ];
  if (last) {
    const what =
      last.outcome === 'ok'
        ? `${last.files} file${last.files === 1 ? '' : 's'} (${last.failedFiles} failed), ${last.events} bill event${last.events === 1 ? '' : 's'}`
        : `failed: ${plain(last.error ?? 'no reason given')}`;
    out.unshift(`**Last poll** ${when(last.at, true)}: ${what}`, '');
  }
  return out.join('\n');
}

/** A batch workflow, one line, set by whoever starts it. */
export function batchSummary(input: { practiceId: string; practiceName?: string; trigger: 'schedule' | 'staff' }): string {
  const practice = input.practiceName ?? `practice ${input.practiceId.slice(0, 8)}`;
  return `Batch for ${practice} (${input.trigger === 'schedule' ? "the practice's schedule" : 'asked for by staff'})`;
}
