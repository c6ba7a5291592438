/**
 * The writer: many bills, primary and secondary mixed, into one interchange with one
 * functional group. Claims are split into transaction sets of at most
 * `maxClaimsPerTransactionSet`; inside a set, claims of the same billing provider share
 * one 2000A level, and every claim gets its own subscriber (and patient) level.
 * Pure: the clock, the control numbers and the configuration come in as parameters.
 */
import { isIsoDate, type IsoDate } from '../common/dates';
import { DEFAULT_DELIMITERS } from '../common/segments';
import { cobView } from './cob';
import type { ClearinghouseConfig } from './config';
import { geSegment, gsSegment, ieaSegment, isaSegment, transactionSetControlNumber, VERSION } from './envelope';
import { ClaimValidationError, type ValidationIssue } from './errors';
import { unsafeCharacters } from './escape';
import { writeBillingProvider } from './loops/billing-provider';
import { writeClaim } from './loops/claim';
import { writeHeader } from './loops/header';
import { writeOtherPayer } from './loops/other-payers';
import { writeServiceLines } from './loops/service-lines';
import { writeSubscriberAndPatient } from './loops/subscriber';
import type { Bill, BillingProvider, ControlNumbers, CreatedAt } from './model';
import { SegmentList } from './segment-list';
import { rule, type RuleFailure } from './rules';
import { validateBatch } from './validate';

export interface Batch837POptions {
  /** Claims per transaction set; default 5000. */
  maxClaimsPerTransactionSet?: number;
  /** Text after each segment terminator: "" (default) or "\n" for a file people can read. */
  segmentSuffix?: '' | '\n' | '\r\n';
}

/** Everything one 837P file needs. */
export interface Batch837PInput {
  /** The bills, each one claim; at least one. */
  bills: readonly Bill[];
  /** Office Ally (or another receiver) and the submitter: see `officeAllyConfig`. */
  config: ClearinghouseConfig;
  /** Control numbers reserved in the database for this file. */
  controlNumbers: ControlNumbers;
  /** Creation date and time of the file (ISA09/10, GS04/05, BHT04/05). */
  createdAt: CreatedAt;
  /** "test" writes ISA15 T, "production" writes P. */
  mode: 'test' | 'production';
  /** Today's date for the "no future date of service" rule; default createdAt.date. */
  today?: IsoDate;
  options?: Batch837POptions;
}

export interface TransactionSetReport {
  /** ST02 as written. */
  controlNumber: string;
  /** CLM01 of the claims it carries, in order. */
  claimIds: string[];
}

export interface Batch837PResult {
  x12: string;
  transactionSets: TransactionSetReport[];
}

const MAX_CONTROL = 999_999_999;
const DEFAULT_MAX_CLAIMS = 5000;

function envelopeIssues(input: Batch837PInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (pointer: string, message: string, rule: ValidationIssue['rule'] = 'format'): void => {
    issues.push({ billId: '(envelope)', pointer, rule, message });
  };
  const { config, controlNumbers, createdAt } = input;
  if (!Array.isArray(input.bills) || input.bills.length === 0) add('/bills', 'at least one bill is required', 'required');
  const setsNeeded = Math.max(1, Math.ceil((input.bills?.length ?? 0) / (input.options?.maxClaimsPerTransactionSet ?? DEFAULT_MAX_CLAIMS)));
  for (const [key, value, extra] of [
    ['interchange', controlNumbers?.interchange, 0],
    ['group', controlNumbers?.group, 0],
    ['transactionSet', controlNumbers?.transactionSet, setsNeeded - 1],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1 || value + extra > MAX_CONTROL) {
      add(`/controlNumbers/${key}`, `must be an integer from 1 to ${MAX_CONTROL}${extra ? ` (${setsNeeded} transaction sets)` : ''}`);
    }
  }
  if (!createdAt || !isIsoDate(createdAt.date)) add('/createdAt/date', 'must be a YYYY-MM-DD date');
  if (!createdAt || !/^([01]\d|2[0-3]):?[0-5]\d$/.test(createdAt.time)) add('/createdAt/time', 'must be HH:MM (24-hour)');
  if (input.today !== undefined && !isIsoDate(input.today)) add('/today', 'must be a YYYY-MM-DD date');
  if (input.mode !== 'test' && input.mode !== 'production') add('/mode', 'must be "test" or "production"');
  const max = input.options?.maxClaimsPerTransactionSet;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1))
    add('/options/maxClaimsPerTransactionSet', 'must be a positive integer');
  if (!config?.submitter) {
    add('/config/submitter', 'is required', 'required');
    return issues;
  }
  const ids: [string, string | undefined, number][] = [
    ['/config/senderId', config.senderId, 15],
    ['/config/receiverId', config.receiverId, 15],
    ['/config/applicationSenderCode', config.applicationSenderCode, 15],
    ['/config/applicationReceiverCode', config.applicationReceiverCode, 15],
    ['/config/receiverIdentifier', config.receiverIdentifier, 80],
    ['/config/submitter/id', config.submitter.id, 80],
    ['/config/senderQualifier', config.senderQualifier, 2],
    ['/config/receiverQualifier', config.receiverQualifier, 2],
  ];
  for (const [field, value, maxLength] of ids) {
    if (!value) add(field, 'is required', 'required');
    else if (unsafeCharacters(value).length > 0 || value.length > maxLength) add(field, `must be at most ${maxLength} plain characters`);
  }
  const submitter = config.submitter;
  const name = submitter.name ? rule.text(60)(submitter.name) : rule.REQUIRED;
  if (name) add('/config/submitter/name', name.message, name.rule);
  const contact = submitter.contact;
  if (!contact?.phone && !contact?.email) add('/config/submitter/contact', 'needs a phone or an email', 'required');
  const problems: [string, RuleFailure | undefined][] = [
    ['/config/submitter/contact/name', contact?.name ? rule.text(60)(contact.name) : undefined],
    ['/config/submitter/contact/phone', contact?.phone ? rule.phone(contact.phone) : undefined],
    ['/config/submitter/contact/email', contact?.email ? rule.email(contact.email) : undefined],
  ];
  for (const [pointer, failure] of problems) if (failure) add(pointer, failure.message, failure.rule);
  return issues;
}

function providerKey(bp: BillingProvider): string {
  return JSON.stringify([
    bp.npi,
    bp.taxId,
    bp.taxIdType,
    bp.entity,
    bp.lastOrOrganizationName,
    bp.firstName,
    bp.middleName,
    bp.suffix,
    bp.taxonomy,
    bp.address,
    bp.contact,
  ]);
}

/** Groups bills by billing provider, in order of first appearance. */
function byBillingProvider(bills: readonly Bill[]): Bill[][] {
  const groups = new Map<string, Bill[]>();
  for (const bill of bills) {
    const key = providerKey(bill.billingProvider);
    const group = groups.get(key);
    if (group) group.push(bill);
    else groups.set(key, [bill]);
  }
  return [...groups.values()];
}

function writeTransactionSet(input: Batch837PInput, bills: readonly Bill[], controlNumber: string, terminator: string): string {
  const out = new SegmentList(DEFAULT_DELIMITERS, terminator);
  out.add('ST', '837', controlNumber, VERSION);
  writeHeader(out, input.config, input.createdAt, controlNumber);
  let hl = 0;
  for (const group of byBillingProvider(bills)) {
    const first = group[0];
    if (!first) continue;
    const providerHl = ++hl;
    writeBillingProvider(out, providerHl, first.billingProvider);
    for (const bill of group) {
      const cob = cobView(bill);
      if (!cob.target) throw new Error(`bill ${bill.billId} has no ${bill.submitTo} policy`); // validation prevents it
      hl += writeSubscriberAndPatient(out, hl + 1, providerHl, bill, cob.target.policy);
      writeClaim(out, bill);
      for (const { policy } of cob.earlier) writeOtherPayer(out, bill, policy, true);
      for (const { policy } of cob.later) writeOtherPayer(out, bill, policy, false);
      writeServiceLines(
        out,
        bill,
        cob.earlier.map((p) => p.policy),
      );
    }
  }
  out.add('SE', String(out.length + 1), controlNumber);
  return out.text();
}

/** Validates every bill and the envelope; throws ClaimValidationError listing every issue. */
export function assertBatchValid(input: Batch837PInput): void {
  const issues = envelopeIssues(input);
  if (Array.isArray(input.bills)) {
    // Without a valid date to compare with, dates of service are not judged against it
    // (the envelope issue already stops the batch).
    const fallback = input.createdAt && isIsoDate(input.createdAt.date) ? input.createdAt.date : '9999-12-31';
    const today = input.today !== undefined && isIsoDate(input.today) ? input.today : fallback;
    issues.push(...validateBatch(input.bills, { today }));
  }
  if (issues.length > 0) throw new ClaimValidationError(issues);
}

/** Writes the 837P interchange and reports which claims went into which transaction set. */
export function buildBatch837P(input: Batch837PInput): Batch837PResult {
  assertBatchValid(input);
  const d = DEFAULT_DELIMITERS;
  const max = input.options?.maxClaimsPerTransactionSet ?? DEFAULT_MAX_CLAIMS;
  const sets: TransactionSetReport[] = [];
  const terminator = d.segment + (input.options?.segmentSuffix ?? '');
  const parts: string[] = [
    isaSegment(input.config, d, input.createdAt, input.controlNumbers.interchange, input.mode === 'test' ? 'T' : 'P') + terminator,
    gsSegment(input.config, d, input.createdAt, input.controlNumbers.group) + terminator,
  ];
  for (let start = 0, n = 0; start < input.bills.length; start += max, n++) {
    const chunk = input.bills.slice(start, start + max);
    const controlNumber = transactionSetControlNumber(input.controlNumbers.transactionSet + n);
    parts.push(writeTransactionSet(input, chunk, controlNumber, terminator));
    sets.push({ controlNumber, claimIds: chunk.map((b) => b.claimId) });
  }
  parts.push(geSegment(d, sets.length, input.controlNumbers.group) + terminator);
  parts.push(ieaSegment(d, 1, input.controlNumbers.interchange) + terminator);
  return { x12: parts.join(''), transactionSets: sets };
}

/** Writes the 837P interchange of a batch of bills. Throws ClaimValidationError, writing nothing, when any bill is invalid. */
export function writeBatch837P(input: Batch837PInput): string {
  return buildBatch837P(input).x12;
}
