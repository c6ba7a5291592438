/**
 * Validation before writing. Every issue of every bill is collected, each at a JSON Pointer
 * into the bill; the writer writes nothing when there is one. The rules of single fields and
 * of dates live in rules/ and are the API's too. Format checks only: code sets (is this CPT
 * billable?) are the payer's business.
 */
import type { IsoDate } from '../common/dates';
import { ranksBefore, cobView, RELATIONSHIP_CODE } from './cob';
import type { ValidationIssue } from './errors';
import type { Bill, Policy } from './model';
import { dateOfService, firstDate, insuranceTypeCodeFor, rule } from './rules';
import { validateAdjudication } from './validation/adjudication';
import { ADJUSTMENTS_PER_GROUP, Collector, type Path } from './validation/collector';
import { SharedVerdicts } from './validation/shared';

export interface ValidateOptions {
  /** Today's date (calendarDateOf(now)): no date of service may be after it. */
  today: IsoDate;
  /** Verdicts on values the bills of a batch share, judged once (validateBatch makes one). */
  shared?: SharedVerdicts;
}

/** Limits of 005010X222A1 this writer enforces. */
export const LIMITS = Object.freeze({
  claimIdLength: 20,
  diagnoses: 12,
  serviceLines: 50,
  pointers: 4,
  modifiers: 4,
  /** One CAS segment per group code, six reason/amount/quantity triples in it. */
  adjustmentsPerGroup: ADJUSTMENTS_PER_GROUP,
});

const RANKS: readonly string[] = ['primary', 'secondary', 'tertiary'];
const RELATIONSHIPS = Object.keys(RELATIONSHIP_CODE);

function validateBillingProvider(c: Collector, bp: Bill['billingProvider']): void {
  if (!bp || typeof bp !== 'object') {
    c.add(['billingProvider'], 'required', 'is required');
    return;
  }
  c.provider(['billingProvider'], bp);
  c.check(['billingProvider', 'taxId'], bp.taxId, rule.taxId);
  if (bp.taxIdType !== undefined && bp.taxIdType !== 'EIN' && bp.taxIdType !== 'SSN') {
    c.add(['billingProvider', 'taxIdType'], 'format', 'must be EIN or SSN');
  }
  c.address(['billingProvider', 'address'], bp.address, { billing: true });
  const contact = bp.contact;
  if (contact) {
    c.check(['billingProvider', 'contact', 'name'], contact.name, rule.text(60), false);
    const phone = c.string(['billingProvider', 'contact', 'phone'], contact.phone, false);
    const email = c.string(['billingProvider', 'contact', 'email'], contact.email, false);
    if (phone === undefined && email === undefined) c.add(['billingProvider', 'contact'], 'required', 'needs a phone or an email');
    if (phone !== undefined) c.failure(['billingProvider', 'contact', 'phone'], rule.phone(phone));
    if (email !== undefined) c.failure(['billingProvider', 'contact', 'email'], rule.email(email));
  }
}

type Once = (kind: string, value: unknown, judge: (c: Collector) => void) => void;

function validatePayer(c: Collector, payer: Policy['payer'] | undefined, at: Path): void {
  c.check([...at, 'payer', 'name'], payer?.name, rule.text(60));
  c.check([...at, 'payer', 'payerId'], payer?.payerId, rule.identifier(80));
  if (payer?.address) c.address([...at, 'payer', 'address'], payer.address);
}

function validatePolicy(c: Collector, p: Policy, at: Path, today: IsoDate, firstService: IsoDate | undefined, once: Once): void {
  once(`payer${at.join('/')}`, p.payer, (sc) => validatePayer(sc, p.payer, at));
  c.check([...at, 'memberId'], p.memberId, rule.identifier(80));
  c.check([...at, 'groupNumber'], p.groupNumber, rule.identifier(50), false);
  c.check([...at, 'groupName'], p.groupName, rule.text(60), false);
  const indicatorOk = c.check([...at, 'claimFilingIndicator'], p.claimFilingIndicator, rule.claimFilingIndicator);
  const typeOk = c.check([...at, 'insuranceTypeCode'], p.insuranceTypeCode, rule.insuranceTypeCode, false);
  if (indicatorOk && typeOk) {
    c.failure(
      [...at, 'insuranceTypeCode'],
      insuranceTypeCodeFor({
        primary: p.rank === 'primary',
        claimFilingIndicator: p.claimFilingIndicator,
        insuranceTypeCode: p.insuranceTypeCode,
      }),
    );
  }
  if (!p.relationship || !RELATIONSHIPS.includes(p.relationship)) {
    c.add([...at, 'relationship'], p.relationship ? 'format' : 'required', `must be one of ${RELATIONSHIPS.join(', ')}`);
  } else if (p.relationship !== 'self') {
    c.person([...at, 'subscriber'], p.subscriber, false, today, firstService);
  }
}

function validateServiceLines(c: Collector, bill: Bill, diagnoses: number, today: IsoDate): void {
  const lines = Array.isArray(bill.serviceLines) ? bill.serviceLines : [];
  if (lines.length === 0) c.add(['serviceLines'], 'required', 'at least one service line is required');
  if (lines.length > LIMITS.serviceLines) c.add(['serviceLines'], 'count', `at most ${LIMITS.serviceLines} service lines per claim`);
  lines.forEach((line, i) => {
    const at = ['serviceLines', i];
    c.check([...at, 'procedureCode'], line.procedureCode, rule.procedureCode);
    const modifiers = line.modifiers ?? [];
    if (modifiers.length > LIMITS.modifiers) c.add([...at, 'modifiers'], 'count', `at most ${LIMITS.modifiers} modifiers`);
    modifiers.forEach((m, j) => c.check([...at, 'modifiers', j], m, rule.modifier));
    c.cents([...at, 'chargeCents'], line.chargeCents);
    if (
      typeof line.units !== 'number' ||
      !Number.isFinite(line.units) ||
      line.units <= 0 ||
      Math.round(line.units * 1000) !== line.units * 1000
    ) {
      c.add([...at, 'units'], 'format', 'must be a positive number with at most 3 decimals');
    }
    c.check([...at, 'placeOfService'], line.placeOfService, rule.placeOfService, false);
    const pointers = Array.isArray(line.diagnosisPointers) ? line.diagnosisPointers : [];
    if (pointers.length === 0) c.add([...at, 'diagnosisPointers'], 'required', 'at least one diagnosis pointer is required');
    if (pointers.length > LIMITS.pointers) c.add([...at, 'diagnosisPointers'], 'count', `at most ${LIMITS.pointers} diagnosis pointers`);
    const seen = new Set<number>();
    pointers.forEach((p, j) => {
      if (!Number.isInteger(p) || p < 1 || p > diagnoses) {
        c.add([...at, 'diagnosisPointers', j], 'diagnosis-pointer', `points past the ${diagnoses} diagnosis code(s)`);
      } else if (seen.has(p)) {
        c.add([...at, 'diagnosisPointers', j], 'duplicate', `pointer ${p} is repeated`);
      }
      seen.add(p);
    });
    c.check([...at, 'serviceDate'], line.serviceDate, (v) => dateOfService(v, today));
    c.check([...at, 'lineControlNumber'], line.lineControlNumber, rule.identifier(50), false);
  });
}

/** Validates one bill; returns every issue found (empty when the bill can be written). */
export function validateBill(bill: Bill, options: ValidateOptions): ValidationIssue[] {
  const billId = typeof bill?.billId === 'string' && bill.billId !== '' ? bill.billId : '(no billId)';
  const c = new Collector(billId);
  const today = options.today;
  if (!bill || typeof bill !== 'object') {
    c.add([], 'required', 'bill is missing');
    return c.issues;
  }
  c.string(['billId'], bill.billId, true);
  const firstService = firstDate((Array.isArray(bill.serviceLines) ? bill.serviceLines : []).map((l) => l?.serviceDate));

  // Claim header.
  c.check(['claimId'], bill.claimId, rule.claimId);
  if (!RANKS.includes(bill.submitTo)) c.add(['submitTo'], 'format', 'must be primary, secondary or tertiary');
  const frequency = bill.frequency ?? '1';
  if (!['1', '7', '8'].includes(frequency)) c.add(['frequency'], 'format', 'claim frequency must be 1, 7 or 8');
  if (
    (frequency === '7' || frequency === '8') &&
    c.string(['payerClaimControlNumber'], bill.payerClaimControlNumber, false) === undefined
  ) {
    c.add(
      ['payerClaimControlNumber'],
      'frequency-reference',
      `a ${frequency === '7' ? 'replacement' : 'void'} claim needs the payer's claim control number of the claim it replaces`,
    );
  }
  c.check(['payerClaimControlNumber'], bill.payerClaimControlNumber, rule.identifier(50), false);
  c.check(['priorAuthorization'], bill.priorAuthorization, rule.identifier(50), false);
  c.check(['placeOfService'], bill.placeOfService, rule.placeOfService);

  const shared = options.shared;
  const once = (kind: string, value: unknown, judge: (c: Collector) => void): void =>
    shared ? shared.judge(c, kind, value, judge) : judge(c);
  once('billingProvider', bill.billingProvider, (sc) => validateBillingProvider(sc, bill.billingProvider));
  const rendering = bill.renderingProvider;
  if (rendering) once('renderingProvider', rendering, (sc) => sc.provider(['renderingProvider'], rendering));
  c.person(['patient'], bill.patient, true, today, firstService);

  // Policies.
  const policies = Array.isArray(bill.policies) ? bill.policies : [];
  if (policies.length === 0) c.add(['policies'], 'required', 'at least the billed policy is required');
  const seenRanks = new Set<string>();
  policies.forEach((p, i) => {
    const at = ['policies', i];
    if (!p || !RANKS.includes(p.rank)) {
      c.add([...at, 'rank'], 'format', 'must be primary, secondary or tertiary');
      return;
    }
    if (seenRanks.has(p.rank)) c.add([...at, 'rank'], 'duplicate', `two policies are ranked ${p.rank}`);
    seenRanks.add(p.rank);
    validatePolicy(c, p, at, today, firstService, once);
  });

  // Diagnoses.
  const diagnoses = Array.isArray(bill.diagnoses) ? bill.diagnoses : [];
  if (diagnoses.length === 0) c.add(['diagnoses'], 'required', 'at least one ICD-10 diagnosis is required');
  if (diagnoses.length > LIMITS.diagnoses) c.add(['diagnoses'], 'count', `at most ${LIMITS.diagnoses} diagnoses fit in HI`);
  diagnoses.forEach((code, i) => c.check(['diagnoses', i], code, rule.icd10));

  validateServiceLines(c, bill, diagnoses.length, today);

  // Coordination of benefits.
  if (RANKS.includes(bill.submitTo) && policies.length > 0) {
    const cob = cobView(bill);
    if (!cob.target) c.add(['policies'], 'missing-policy', `no ${bill.submitTo} policy to bill`);
    for (const rank of ranksBefore(bill.submitTo)) {
      if (!cob.earlier.some((p) => p.policy.rank === rank)) {
        c.add(['policies'], 'missing-policy', `a ${bill.submitTo} claim needs the ${rank} policy and its adjudication`);
      }
    }
    for (const { policy, index } of cob.earlier) {
      validateAdjudication(c, ['policies', index, 'adjudication'], policy.adjudication, bill, today, policy.rank);
    }
  }
  return c.issues;
}

/** Validates a batch: every bill, plus patient control numbers unique across the batch. */
export function validateBatch(bills: readonly Bill[], options: ValidateOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const billOptions: ValidateOptions = { ...options, shared: options.shared ?? new SharedVerdicts() };
  const seen = new Map<string, string>();
  bills.forEach((bill) => {
    for (const issue of validateBill(bill, billOptions)) issues.push(issue);
    if (bill && typeof bill.claimId === 'string') {
      const other = seen.get(bill.claimId);
      if (other !== undefined) {
        issues.push({ billId: bill.billId, pointer: '/claimId', rule: 'duplicate', message: `is also the claim id of bill ${other}` });
      } else {
        seen.set(bill.claimId, bill.billId);
      }
    }
  });
  return issues;
}
