/**
 * Validation before writing. Every issue of every bill is collected; the writer writes
 * nothing when there is one. Format checks only: code sets (is this CPT billable?) are the
 * payer's business.
 */
import { isAdjustmentGroup, sumAdjustments, type Adjustment } from '../common/adjustment';
import { isIsoDate, type IsoDate } from '../common/dates';
import { ranksBefore, cobView } from './cob';
import { isIcd10Code, isModifier, isPlaceOfService, isProcedureCode, isReasonCode, isTaxonomyCode, US_STATES } from './codes';
import { cleanText, describeCharacters, digitsOnly, unsafeCharacters } from './escape';
import type { ValidationIssue, ValidationRule } from './errors';
import type { Address, Adjudication, Bill, Person, Provider } from './model';
import { isValidNpi } from './npi';

export interface ValidateOptions {
  /** Today's date on the practice's calendar: no date of service may be after it. */
  today: IsoDate;
}

/** Limits of 005010X222A1 this writer enforces. */
export const LIMITS = Object.freeze({
  claimIdLength: 20,
  diagnoses: 12,
  serviceLines: 50,
  pointers: 4,
  modifiers: 4,
  /** One CAS segment per group code, six reason/amount/quantity triples in it. */
  adjustmentsPerGroup: 6,
});

const CLAIM_ID = /^[A-Za-z0-9\-./]+$/;

class Collector {
  readonly issues: ValidationIssue[] = [];
  constructor(private readonly billId: string) {}

  add(field: string, rule: ValidationRule, message: string): void {
    this.issues.push({ billId: this.billId, field, rule, message });
  }

  /** A required text that must still hold something once cleaned. */
  text(field: string, value: string | undefined, maxLength = 60): void {
    if (value === undefined || value === null || String(value).trim() === '') {
      this.add(field, 'required', 'is required');
    } else if (typeof value !== 'string') {
      this.add(field, 'format', 'must be text');
    } else if (cleanText(value, maxLength) === '') {
      this.add(field, 'format', 'has no printable character once delimiters and symbols are removed');
    }
  }

  /** An identifier: never cleaned, so a delimiter or an odd character in it is refused. */
  identifier(field: string, value: string | undefined, maxLength: number, required = true): void {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.add(field, 'required', 'is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(field, 'format', 'must be text');
      return;
    }
    const bad = unsafeCharacters(value);
    if (bad.length > 0) {
      this.add(field, 'unsafe-characters', `contains characters that cannot go into an X12 element: ${describeCharacters(bad)}`);
    }
    if (value.trim().length > maxLength) this.add(field, 'length', `is longer than ${maxLength} characters`);
  }

  date(field: string, value: string | undefined, today: IsoDate | undefined, required = true): boolean {
    if (value === undefined || value === null || value === '') {
      if (required) this.add(field, 'required', 'is required');
      return false;
    }
    if (typeof value !== 'string' || !isIsoDate(value)) {
      this.add(field, 'date', `"${String(value)}" is not a calendar date as YYYY-MM-DD`);
      return false;
    }
    if (today !== undefined && value > today) {
      this.add(field, 'future-date', `${value} is after today (${today})`);
      return false;
    }
    return true;
  }

  cents(field: string, value: number | undefined, { allowNegative = false, required = true } = {}): boolean {
    if (value === undefined || value === null) {
      if (required) this.add(field, 'required', 'is required');
      return false;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      this.add(field, 'amount', `must be a whole number of cents, got ${String(value)}`);
      return false;
    }
    if (!allowNegative && value < 0) {
      this.add(field, 'amount', `must not be negative, got ${value}`);
      return false;
    }
    return true;
  }

  npi(field: string, value: string | undefined): void {
    if (value === undefined || value === null || value === '') {
      this.add(field, 'npi-missing', 'NPI is required');
    } else if (typeof value !== 'string' || !/^\d{10}$/.test(value)) {
      this.add(field, 'npi-format', `NPI must be 10 digits, got "${String(value)}"`);
    } else if (!isValidNpi(value)) {
      this.add(field, 'npi-check-digit', `NPI ${value} fails its check digit (Luhn with prefix 80840)`);
    }
  }

  address(field: string, address: Address | undefined, { nineDigitZip = false } = {}): void {
    if (!address) {
      this.add(field, 'required', 'address is required');
      return;
    }
    this.text(`${field}.line1`, address.line1, 55);
    if (address.line2 !== undefined) this.text(`${field}.line2`, address.line2, 55);
    this.text(`${field}.city`, address.city, 30);
    if (!address.state || !US_STATES.has(address.state.toUpperCase())) {
      this.add(`${field}.state`, 'format', `"${String(address.state)}" is not a US state or territory code`);
    }
    const zip = typeof address.postalCode === 'string' ? address.postalCode : '';
    const zipDigits = digitsOnly(zip);
    if (!/^\d{5}(-?\d{4})?$/.test(zip)) {
      this.add(`${field}.postalCode`, 'format', `"${zip}" is not a 5 or 9 digit ZIP code`);
    } else if (nineDigitZip && zipDigits.length !== 9) {
      this.add(`${field}.postalCode`, 'format', 'the billing provider ZIP code must have 9 digits');
    }
  }

  person(field: string, person: Person | undefined, { demographics }: { demographics: boolean }, today: IsoDate): void {
    if (!person) {
      this.add(field, 'required', 'is required');
      return;
    }
    this.text(`${field}.lastName`, person.lastName, 60);
    if (person.firstName !== undefined) this.text(`${field}.firstName`, person.firstName, 35);
    if (demographics) {
      this.date(`${field}.birthDate`, person.birthDate, today);
      if (!person.gender || !['M', 'F', 'U'].includes(person.gender)) {
        this.add(`${field}.gender`, person.gender ? 'format' : 'required', 'gender must be M, F or U');
      }
      this.address(`${field}.address`, person.address);
    } else {
      if (person.birthDate !== undefined) this.date(`${field}.birthDate`, person.birthDate, today, false);
      if (person.address !== undefined) this.address(`${field}.address`, person.address);
    }
  }

  provider(field: string, provider: Provider): void {
    this.text(`${field}.lastOrOrganizationName`, provider.lastOrOrganizationName, 60);
    this.npi(`${field}.npi`, provider.npi);
    if (provider.taxonomy !== undefined && !isTaxonomyCode(provider.taxonomy)) {
      this.add(`${field}.taxonomy`, 'format', `"${provider.taxonomy}" is not a 10-character provider taxonomy code`);
    }
  }

  adjustments(field: string, adjustments: readonly Adjustment[] | undefined): boolean {
    let ok = true;
    const perGroup = new Map<string, number>();
    (adjustments ?? []).forEach((a, i) => {
      const at = `${field}[${i}]`;
      if (!a || !isAdjustmentGroup(String(a.group))) {
        this.add(`${at}.group`, 'format', `"${String(a?.group)}" is not an adjustment group code (CO, PR, OA, PI, CR)`);
        ok = false;
      } else {
        perGroup.set(a.group, (perGroup.get(a.group) ?? 0) + 1);
      }
      if (!a || typeof a.reason !== 'string' || !isReasonCode(a.reason)) {
        this.add(`${at}.reason`, 'format', `"${String(a?.reason)}" is not a claim adjustment reason code`);
        ok = false;
      }
      if (!this.cents(`${at}.amountCents`, a?.amountCents, { allowNegative: true })) ok = false;
      if (a?.quantity !== undefined && (typeof a.quantity !== 'number' || !Number.isFinite(a.quantity))) {
        this.add(`${at}.quantity`, 'format', 'must be a number');
        ok = false;
      }
    });
    for (const [group, count] of perGroup) {
      if (count > LIMITS.adjustmentsPerGroup) {
        this.add(field, 'count', `${count} ${group} adjustments; one CAS segment holds at most ${LIMITS.adjustmentsPerGroup}`);
        ok = false;
      }
    }
    return ok;
  }
}

/** Validates one bill; returns every issue found (empty when the bill can be written). */
export function validateBill(bill: Bill, options: ValidateOptions): ValidationIssue[] {
  const billId = typeof bill?.billId === 'string' && bill.billId !== '' ? bill.billId : '(no billId)';
  const c = new Collector(billId);
  const today = options.today;
  if (!bill || typeof bill !== 'object') {
    c.add('', 'required', 'bill is missing');
    return c.issues;
  }
  if (!bill.billId) c.add('billId', 'required', 'is required');

  // Claim header.
  c.identifier('claimId', bill.claimId, LIMITS.claimIdLength);
  if (typeof bill.claimId === 'string' && bill.claimId !== '' && !CLAIM_ID.test(bill.claimId)) {
    c.add('claimId', 'format', 'the patient control number may hold only letters, digits, "-", "." and "/"');
  }
  if (!['primary', 'secondary', 'tertiary'].includes(bill.submitTo)) {
    c.add('submitTo', 'format', 'must be primary, secondary or tertiary');
  }
  const frequency = bill.frequency ?? '1';
  if (!['1', '7', '8'].includes(frequency)) c.add('frequency', 'format', 'claim frequency must be 1, 7 or 8');
  if (frequency === '7' || frequency === '8') {
    if (!bill.payerClaimControlNumber) {
      c.add(
        'payerClaimControlNumber',
        'frequency-reference',
        `a ${frequency === '7' ? 'replacement' : 'void'} claim needs the payer's claim control number of the claim it replaces`,
      );
    }
  }
  c.identifier('payerClaimControlNumber', bill.payerClaimControlNumber, 50, false);
  c.identifier('priorAuthorization', bill.priorAuthorization, 50, false);
  if (!isPlaceOfService(String(bill.placeOfService ?? ''))) {
    c.add('placeOfService', 'format', `"${String(bill.placeOfService)}" is not a two-digit place of service code`);
  }

  // Providers.
  if (!bill.billingProvider) {
    c.add('billingProvider', 'required', 'is required');
  } else {
    const bp = bill.billingProvider;
    c.provider('billingProvider', bp);
    const tax = typeof bp.taxId === 'string' ? digitsOnly(bp.taxId) : '';
    if (!bp.taxId) c.add('billingProvider.taxId', 'required', 'is required');
    else if (tax.length !== 9 || !/^[\d-]+$/.test(bp.taxId)) c.add('billingProvider.taxId', 'format', 'tax id must be 9 digits');
    c.address('billingProvider.address', bp.address, { nineDigitZip: true });
    if (bp.address?.line1 && /\bP\.?\s*O\.?\s*BOX\b/i.test(bp.address.line1)) {
      c.add('billingProvider.address.line1', 'format', 'the billing provider address must be a street address, not a P.O. box');
    }
    if (bp.contact) {
      if (!bp.contact.phone && !bp.contact.email) c.add('billingProvider.contact', 'required', 'a contact needs a phone or an email');
      if (bp.contact.phone && digitsOnly(bp.contact.phone).length !== 10)
        c.add('billingProvider.contact.phone', 'format', 'phone must have 10 digits');
      c.identifier('billingProvider.contact.email', bp.contact.email, 256, false);
    }
  }
  if (bill.renderingProvider) c.provider('renderingProvider', bill.renderingProvider);

  // Patient.
  c.person('patient', bill.patient, { demographics: true }, today);

  // Policies.
  const policies = Array.isArray(bill.policies) ? bill.policies : [];
  if (policies.length === 0) c.add('policies', 'required', 'at least the billed policy is required');
  const seenRanks = new Set<string>();
  policies.forEach((p, i) => {
    const at = `policies[${i}]`;
    if (!p || !['primary', 'secondary', 'tertiary'].includes(p.rank)) {
      c.add(`${at}.rank`, 'format', 'must be primary, secondary or tertiary');
      return;
    }
    if (seenRanks.has(p.rank)) c.add(`${at}.rank`, 'duplicate', `two policies are ranked ${p.rank}`);
    seenRanks.add(p.rank);
    c.text(`${at}.payer.name`, p.payer?.name, 60);
    c.identifier(`${at}.payer.payerId`, p.payer?.payerId, 80);
    if (p.payer?.address) c.address(`${at}.payer.address`, p.payer.address);
    c.identifier(`${at}.memberId`, p.memberId, 80);
    c.identifier(`${at}.groupNumber`, p.groupNumber, 50, false);
    if (p.groupName !== undefined) c.text(`${at}.groupName`, p.groupName, 60);
    if (!p.relationship || !['self', 'spouse', 'child', 'employee', 'life-partner', 'other', 'unknown'].includes(p.relationship)) {
      c.add(
        `${at}.relationship`,
        p.relationship ? 'format' : 'required',
        'relationship must be self, spouse, child, employee, life-partner, other or unknown',
      );
    } else if (p.relationship !== 'self') {
      c.person(`${at}.subscriber`, p.subscriber, { demographics: false }, today);
    }
  });

  // Diagnoses.
  const diagnoses = Array.isArray(bill.diagnoses) ? bill.diagnoses : [];
  if (diagnoses.length === 0) c.add('diagnoses', 'required', 'at least one ICD-10 diagnosis is required');
  if (diagnoses.length > LIMITS.diagnoses) c.add('diagnoses', 'count', `at most ${LIMITS.diagnoses} diagnoses fit in HI`);
  diagnoses.forEach((code, i) => {
    if (typeof code !== 'string' || !isIcd10Code(code.toUpperCase())) {
      c.add(`diagnoses[${i}]`, 'icd10-format', `"${String(code)}" is not an ICD-10-CM code`);
    }
  });

  // Service lines.
  const lines = Array.isArray(bill.serviceLines) ? bill.serviceLines : [];
  if (lines.length === 0) c.add('serviceLines', 'required', 'at least one service line is required');
  if (lines.length > LIMITS.serviceLines) c.add('serviceLines', 'count', `at most ${LIMITS.serviceLines} service lines per claim`);
  lines.forEach((line, i) => {
    const at = `serviceLines[${i}]`;
    if (typeof line.procedureCode !== 'string' || !isProcedureCode(line.procedureCode)) {
      c.add(`${at}.procedureCode`, 'procedure-code-format', `"${String(line.procedureCode)}" is not a CPT or HCPCS code`);
    }
    const modifiers = line.modifiers ?? [];
    if (modifiers.length > LIMITS.modifiers) c.add(`${at}.modifiers`, 'count', `at most ${LIMITS.modifiers} modifiers`);
    modifiers.forEach((m, j) => {
      if (typeof m !== 'string' || !isModifier(m))
        c.add(`${at}.modifiers[${j}]`, 'modifier-format', `"${String(m)}" is not a two-character modifier`);
    });
    c.cents(`${at}.chargeCents`, line.chargeCents);
    if (
      typeof line.units !== 'number' ||
      !Number.isFinite(line.units) ||
      line.units <= 0 ||
      Math.round(line.units * 1000) !== line.units * 1000
    ) {
      c.add(`${at}.units`, 'format', 'units must be a positive number with at most 3 decimals');
    }
    if (line.placeOfService !== undefined && !isPlaceOfService(line.placeOfService)) {
      c.add(`${at}.placeOfService`, 'format', `"${line.placeOfService}" is not a two-digit place of service code`);
    }
    const pointers = Array.isArray(line.diagnosisPointers) ? line.diagnosisPointers : [];
    if (pointers.length === 0) c.add(`${at}.diagnosisPointers`, 'required', 'at least one diagnosis pointer is required');
    if (pointers.length > LIMITS.pointers) c.add(`${at}.diagnosisPointers`, 'count', `at most ${LIMITS.pointers} diagnosis pointers`);
    const seen = new Set<number>();
    pointers.forEach((p, j) => {
      if (!Number.isInteger(p) || p < 1 || p > diagnoses.length) {
        c.add(
          `${at}.diagnosisPointers[${j}]`,
          'diagnosis-pointer',
          `pointer ${String(p)} points past the ${diagnoses.length} diagnosis code(s)`,
        );
      } else if (seen.has(p)) {
        c.add(`${at}.diagnosisPointers[${j}]`, 'duplicate', `pointer ${p} is repeated`);
      }
      seen.add(p);
    });
    c.date(`${at}.serviceDate`, line.serviceDate, today);
    c.identifier(`${at}.lineControlNumber`, line.lineControlNumber, 50, false);
  });

  // Coordination of benefits.
  if (['primary', 'secondary', 'tertiary'].includes(bill.submitTo) && policies.length > 0) {
    const cob = cobView(bill);
    if (!cob.target) c.add('policies', 'missing-policy', `no ${bill.submitTo} policy to bill`);
    for (const rank of ranksBefore(bill.submitTo)) {
      if (!cob.earlier.some((p) => p.policy.rank === rank)) {
        c.add('policies', 'missing-policy', `a ${bill.submitTo} claim needs the ${rank} policy and its adjudication`);
      }
    }
    const totalCharge = lines.reduce((sum, l) => sum + (Number.isSafeInteger(l.chargeCents) ? l.chargeCents : 0), 0);
    for (const { policy, index } of cob.earlier) {
      validateAdjudication(c, `policies[${index}].adjudication`, policy.adjudication, bill, totalCharge, today, policy.rank);
    }
  }
  return c.issues;
}

function validateAdjudication(
  c: Collector,
  at: string,
  adj: Adjudication | undefined,
  bill: Bill,
  totalCharge: number,
  today: IsoDate,
  rank: string,
): void {
  if (!adj) {
    c.add(
      at,
      'missing-prior-adjudication',
      `the ${rank} payer's adjudication (payment, adjustments, date) is required to bill the ${bill.submitTo} payer`,
    );
    return;
  }
  c.date(`${at}.adjudicationDate`, adj.adjudicationDate, today);
  let sound = c.cents(`${at}.paidCents`, adj.paidCents);
  if (adj.remainingPatientLiabilityCents !== undefined) c.cents(`${at}.remainingPatientLiabilityCents`, adj.remainingPatientLiabilityCents);
  c.identifier(`${at}.payerClaimControlNumber`, adj.payerClaimControlNumber, 50, false);
  if (!c.adjustments(`${at}.claimAdjustments`, adj.claimAdjustments)) sound = false;
  const claimAdjustments = sumAdjustments(adj.claimAdjustments ?? []);
  const serviceLines = bill.serviceLines ?? [];

  if (adj.lines === undefined) {
    if (sound && totalCharge !== adj.paidCents + claimAdjustments) {
      c.add(at, 'payer-balance', `claim charge ${totalCharge} ≠ paid ${adj.paidCents} + claim adjustments ${claimAdjustments} (cents)`);
    }
    return;
  }
  const covered = new Set<number>();
  let linesPaid = 0;
  adj.lines.forEach((la, j) => {
    const lat = `${at}.lines[${j}]`;
    const line = Number.isInteger(la.line) ? serviceLines[la.line - 1] : undefined;
    if (!line) {
      c.add(`${lat}.line`, 'line-adjudication', `line ${String(la.line)} is not a service line of the bill (1 to ${serviceLines.length})`);
      sound = false;
      return;
    }
    if (covered.has(la.line)) {
      c.add(`${lat}.line`, 'duplicate', `line ${la.line} is adjudicated twice by the same payer`);
      sound = false;
    }
    covered.add(la.line);
    let lineSound = c.cents(`${lat}.paidCents`, la.paidCents);
    if (!c.adjustments(`${lat}.adjustments`, la.adjustments)) lineSound = false;
    if (la.adjudicationDate !== undefined) c.date(`${lat}.adjudicationDate`, la.adjudicationDate, today);
    if (la.procedureCode !== undefined && !isProcedureCode(la.procedureCode)) {
      c.add(`${lat}.procedureCode`, 'procedure-code-format', `"${la.procedureCode}" is not a CPT or HCPCS code`);
    }
    (la.modifiers ?? []).forEach((m, k) => {
      if (!isModifier(m)) c.add(`${lat}.modifiers[${k}]`, 'modifier-format', `"${m}" is not a two-character modifier`);
    });
    if (la.paidUnits !== undefined && (!Number.isFinite(la.paidUnits) || la.paidUnits < 0)) {
      c.add(`${lat}.paidUnits`, 'format', 'paid units must be a number ≥ 0');
    }
    if (!lineSound || !Number.isSafeInteger(line.chargeCents)) {
      sound = false;
      return;
    }
    const lineAdjustments = sumAdjustments(la.adjustments ?? []);
    if (line.chargeCents !== la.paidCents + lineAdjustments) {
      c.add(
        lat,
        'line-balance',
        `line ${la.line} charge ${line.chargeCents} ≠ paid ${la.paidCents} + adjustments ${lineAdjustments} (cents)`,
      );
    }
    linesPaid += la.paidCents;
  });
  serviceLines.forEach((_, i) => {
    if (!covered.has(i + 1)) {
      c.add(`${at}.lines`, 'line-adjudication', `service line ${i + 1} has no adjudication from this payer; give every line or none`);
      sound = false;
    }
  });
  if (sound && adj.paidCents !== linesPaid - claimAdjustments) {
    c.add(at, 'payer-balance', `paid ${adj.paidCents} ≠ lines paid ${linesPaid} − claim adjustments ${claimAdjustments} (cents)`);
  }
}

/** Validates a batch: every bill, plus patient control numbers unique across the batch. */
export function validateBatch(bills: readonly Bill[], options: ValidateOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, string>();
  bills.forEach((bill) => {
    issues.push(...validateBill(bill, options));
    if (bill && typeof bill.claimId === 'string') {
      const other = seen.get(bill.claimId);
      if (other !== undefined) {
        issues.push({
          billId: bill.billId,
          field: 'claimId',
          rule: 'duplicate',
          message: `claim id ${bill.claimId} is also used by bill ${other}`,
        });
      } else {
        seen.set(bill.claimId, bill.billId);
      }
    }
  });
  return issues;
}
