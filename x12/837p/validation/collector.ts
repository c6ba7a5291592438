/**
 * Collects every issue of one bill, each at a JSON Pointer into the bill. The checks call the
 * shared rules (rules/): the API applies the same ones at its door.
 */
import { isAdjustmentGroup, type Adjustment } from '../../common/adjustment';
import type { IsoDate } from '../../common/dates';
import type { ValidationIssue, ValidationRule } from '../errors';
import type { Address, Person, Provider } from '../model';
import { birthDate, jsonPointer, rule, type FieldRule, type RuleFailure } from '../rules';

export type Path = readonly (string | number)[];

/** One CAS segment per group code holds six reason/amount/quantity triples. */
export const ADJUSTMENTS_PER_GROUP = 6;

const GENDERS: ReadonlySet<string> = new Set(['M', 'F', 'U']);

export class Collector {
  readonly issues: ValidationIssue[] = [];
  constructor(private readonly billId: string) {}

  add(path: Path, ruleName: ValidationRule, message: string): void {
    this.issues.push({ billId: this.billId, pointer: jsonPointer(path), rule: ruleName, message });
  }

  /** Adds issues found earlier for the same value (see shared.ts), under this bill's id. */
  replay(found: readonly Omit<ValidationIssue, 'billId'>[]): void {
    for (const f of found) this.issues.push({ billId: this.billId, pointer: f.pointer, rule: f.rule, message: f.message });
  }

  failure(path: Path, failure: RuleFailure | undefined): boolean {
    if (failure) this.add(path, failure.rule, failure.message);
    return failure === undefined;
  }

  /**
   * A text value: undefined when absent (an empty or blank string counts as absent, and is an
   * issue only when the value is required), or when it is not text at all (an issue).
   */
  string(path: Path, value: unknown, required: boolean): string | undefined {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.add(path, 'required', 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(path, 'format', 'must be text');
      return undefined;
    }
    return value;
  }

  /** Applies a shared rule to a text value; false when the value is refused (absent and optional is fine). */
  check(path: Path, value: unknown, fieldRule: FieldRule, required = true): boolean {
    const before = this.issues.length;
    const text = this.string(path, value, required);
    if (text === undefined) return this.issues.length === before;
    return this.failure(path, fieldRule(text));
  }

  cents(path: Path, value: unknown, { allowNegative = false, required = true } = {}): value is number {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'required', 'is required');
      return false;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      this.add(path, 'amount', 'must be a whole number of cents');
      return false;
    }
    if (!allowNegative && value < 0) {
      this.add(path, 'amount', 'must not be negative');
      return false;
    }
    return true;
  }

  address(path: Path, address: Address | undefined, { billing = false } = {}): void {
    if (!address || typeof address !== 'object') {
      this.add(path, 'required', 'is required');
      return;
    }
    this.check([...path, 'line1'], address.line1, billing ? rule.billingStreet : rule.text(55));
    this.check([...path, 'line2'], address.line2, rule.text(55), false);
    this.check([...path, 'city'], address.city, rule.text(30));
    this.check([...path, 'state'], address.state, rule.usState);
    this.check([...path, 'postalCode'], address.postalCode, billing ? rule.billingPostalCode : rule.postalCode);
  }

  /** A patient (demographics required) or a subscriber; birth dates are judged against the first date of service. */
  person(path: Path, person: Person | undefined, demographics: boolean, today: IsoDate, firstDateOfService?: IsoDate): void {
    if (!person || typeof person !== 'object') {
      this.add(path, 'required', 'is required');
      return;
    }
    this.check([...path, 'lastName'], person.lastName, rule.text(60));
    this.check([...path, 'firstName'], person.firstName, rule.text(35), false);
    this.check([...path, 'middleName'], person.middleName, rule.text(25), false);
    this.check([...path, 'suffix'], person.suffix, rule.text(10), false);
    this.check([...path, 'birthDate'], person.birthDate, (v) => birthDate(v, today, firstDateOfService), demographics);
    if (demographics || person.gender !== undefined) {
      if (!person.gender) this.add([...path, 'gender'], 'required', 'is required');
      else if (!GENDERS.has(person.gender)) this.add([...path, 'gender'], 'format', 'must be M, F or U');
    }
    if (demographics || person.address !== undefined) this.address([...path, 'address'], person.address);
  }

  provider(path: Path, provider: Provider): void {
    this.check([...path, 'lastOrOrganizationName'], provider.lastOrOrganizationName, rule.text(60));
    this.check([...path, 'firstName'], provider.firstName, rule.text(35), false);
    this.check([...path, 'middleName'], provider.middleName, rule.text(25), false);
    this.check([...path, 'suffix'], provider.suffix, rule.text(10), false);
    this.check([...path, 'npi'], provider.npi, rule.npi);
    this.check([...path, 'taxonomy'], provider.taxonomy, rule.taxonomy, false);
  }

  adjustments(path: Path, adjustments: readonly Adjustment[] | undefined): boolean {
    let ok = true;
    const perGroup = new Map<string, number>();
    (adjustments ?? []).forEach((a, i) => {
      const at = [...path, i];
      if (!a || !isAdjustmentGroup(String(a.group))) {
        this.add([...at, 'group'], 'format', 'is not an adjustment group code (CO, PR, OA, PI, CR)');
        ok = false;
      } else {
        perGroup.set(a.group, (perGroup.get(a.group) ?? 0) + 1);
      }
      if (!this.check([...at, 'reason'], a?.reason, rule.reasonCode)) ok = false;
      if (!this.cents([...at, 'amountCents'], a?.amountCents, { allowNegative: true })) ok = false;
      if (a?.quantity !== undefined && (typeof a.quantity !== 'number' || !Number.isFinite(a.quantity))) {
        this.add([...at, 'quantity'], 'format', 'must be a number');
        ok = false;
      }
    });
    for (const [group, count] of perGroup) {
      if (count > ADJUSTMENTS_PER_GROUP) {
        this.add(path, 'count', `${count} ${group} adjustments; one CAS segment holds at most ${ADJUSTMENTS_PER_GROUP}`);
        ok = false;
      }
    }
    return ok;
  }
}
