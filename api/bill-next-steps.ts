/**
 * What a bill's page tells staff beyond its data: when the bill escalates if nothing happens
 * (from the same rules its workflow runs, workflows/bill/escalation.ts, applied to the time it
 * entered its status), and which staff actions its state allows now. The workflow stays the
 * judge: an action listed here can still be refused with the reason.
 */
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
} from '../workflows/bill/escalation';
import { CORRECTABLE_STATUSES, type BillStatus } from '../workflows/bill/definitions';

export interface EscalationInput {
  status: BillStatus;
  statusSince: Date;
  /** What the workflow says it waits for (null when it cannot be asked). */
  waitingFor: string | null;
  firstDateOfService: string | null;
  /** The payer the bill is with now. */
  payer: { responseDays: number; timelyFilingDays: number } | null;
}

export interface NextEscalation {
  reason: EscalationReason;
  text: string;
  at: string;
}

const AWAITING: readonly BillStatus[] = ['AWAITING_PRIMARY', 'AWAITING_SECONDARY', 'AWAITING_TERTIARY', 'CROSSOVER', 'SUBMITTED'];

/** The rule the bill waits under in its status, with its first firing as an absolute time. */
function ruleFor(input: EscalationInput): { rule: EscalationRule; firstAt: number } | undefined {
  const since = input.statusSince.getTime();
  const relative = (rule: EscalationRule) => ({ rule, firstAt: since + rule.firstAfterMs });
  const timely = (reason?: EscalationReason) => {
    if (!input.payer || !input.firstDateOfService) return undefined;
    const rule = timelyFilingRule(input.firstDateOfService, input.payer.timelyFilingDays, since, reason);
    return { rule, firstAt: since + rule.firstAfterMs };
  };
  switch (input.status) {
    case 'DRAFT':
      return relative(draftRule);
    case 'READY_TO_BATCH':
      return timely();
    case 'BATCHED':
      return relative(batchNotSentRule);
    case 'AWAITING_CLAIM_FIX':
      return relative(claimFixRule);
    case 'REJECTED':
      return relative(rejectionRule);
    case 'PROCESSED':
      return input.waitingFor?.startsWith('staff to set') ? timely('STAFF_CONFIRMATION_PENDING') : undefined;
    default:
      return AWAITING.includes(input.status) && input.payer ? relative(noResponseRule(input.payer.responseDays)) : undefined;
  }
}

/** When the bill next escalates if nothing happens; null when it waits under no timer. */
export function nextEscalation(input: EscalationInput, now: Date = new Date()): NextEscalation | null {
  const found = ruleFor(input);
  if (!found) return null;
  let at = found.firstAt;
  if (at <= now.getTime() && found.rule.repeatAfterMs > 0) {
    at += Math.ceil((now.getTime() - at + 1) / found.rule.repeatAfterMs) * found.rule.repeatAfterMs;
  }
  return { reason: found.rule.reason, text: ESCALATION_TEXT[found.rule.reason], at: new Date(at).toISOString() };
}

export function attentionText(reason: string | null): string | null {
  if (!reason) return null;
  return (ESCALATION_TEXT as Record<string, string>)[reason] ?? reason;
}

export const STAFF_ACTIONS = [
  'submit',
  'correct',
  'resubmit',
  'ready-to-batch',
  'batch',
  'manual-upload',
  'claim-fix-cleared',
  'post-payment',
  'attach-remittance',
  'void',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export interface ActionInput {
  status: BillStatus;
  waitingFor: string | null;
  submitsManually: boolean;
  anyClaimBatched: boolean;
  anyPaymentPosted: boolean;
  /** An ERA differs from a payment posted: the next claim waits until staff choose which stands. */
  held?: boolean;
}

/** The staff actions the bill's state allows now, in the order a person would take them. */
export function allowedActions(input: ActionInput): StaffAction[] {
  const { status } = input;
  const out: StaffAction[] = [];
  if (status === 'DRAFT') out.push('submit');
  if (status === 'PROCESSED' && input.waitingFor?.startsWith('staff to set')) out.push('ready-to-batch');
  if (status === 'READY_TO_BATCH' && !input.held)
    out.push(...(input.submitsManually ? ['manual-upload' as const] : ['batch' as const, 'manual-upload' as const]));
  if (status === 'AWAITING_CLAIM_FIX') out.push('claim-fix-cleared', 'manual-upload');
  if (['AWAITING_PRIMARY', 'AWAITING_SECONDARY', 'AWAITING_TERTIARY', 'CROSSOVER'].includes(status))
    out.push('post-payment', 'attach-remittance');
  if (status === 'REJECTED') out.push('correct', 'resubmit');
  else if (CORRECTABLE_STATUSES.includes(status) && !input.anyClaimBatched) out.push('correct');
  if (!['CLOSED', 'VOIDED', 'BATCHED'].includes(status) && !input.anyPaymentPosted) out.push('void');
  return out;
}
