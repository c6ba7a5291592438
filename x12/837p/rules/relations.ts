/**
 * Rules between fields: dates that cannot be (a service in the future, a birth after the
 * service, a payer's answer before it), and the Medicare insurance type code (SBR05). The
 * writer's validator and the API both call these. Messages never quote the values.
 */
import { isIsoDate, type IsoDate } from '../../common/dates';
import { MEDICARE_INDICATORS } from '../codes';
import type { RuleFailure } from './fields';

const NOT_A_DATE: RuleFailure = { rule: 'date', message: 'is not a calendar date as YYYY-MM-DD' };

/** A date of service: a calendar date, not after today. */
export function dateOfService(value: string, today: IsoDate): RuleFailure | undefined {
  if (!isIsoDate(value)) return NOT_A_DATE;
  if (value > today) return { rule: 'future-date', message: 'is after today: a date of service cannot be in the future' };
  return undefined;
}

/** A birth date: a calendar date, not after today, and not after the first date of service when there is one. */
export function birthDate(value: string, today: IsoDate, firstDateOfService?: IsoDate): RuleFailure | undefined {
  if (!isIsoDate(value)) return NOT_A_DATE;
  if (value > today) return { rule: 'future-date', message: 'is after today: a birth date cannot be in the future' };
  if (firstDateOfService !== undefined && value > firstDateOfService) {
    return { rule: 'date-order', message: 'is after the date of service: the person was not born yet' };
  }
  return undefined;
}

/** A date of service seen from the other side of the birth-date rule: not before the person's birth. */
export function dateOfServiceAfterBirth(value: string, birth: IsoDate, whose: 'patient' | 'subscriber'): RuleFailure | undefined {
  if (isIsoDate(value) && isIsoDate(birth) && value < birth) {
    return { rule: 'date-order', message: `is before the ${whose}'s birth date: the ${whose} was not born yet` };
  }
  return undefined;
}

/** A payer's adjudication date: a calendar date, not after today, not before the service it answers. */
export function adjudicationDate(value: string, today: IsoDate, dateOfServiceAnswered?: IsoDate): RuleFailure | undefined {
  if (!isIsoDate(value)) return NOT_A_DATE;
  if (value > today) return { rule: 'future-date', message: 'is after today: a payer cannot have answered yet' };
  if (dateOfServiceAnswered !== undefined && value < dateOfServiceAnswered) {
    return { rule: 'date-order', message: 'is before the date of service: a payer cannot adjudicate a service before it happened' };
  }
  return undefined;
}

/** The earliest of some dates of service (calendar dates only), or undefined. */
export function firstDate(dates: readonly unknown[]): IsoDate | undefined {
  let first: IsoDate | undefined;
  for (const d of dates) if (typeof d === 'string' && isIsoDate(d) && (first === undefined || d < first)) first = d;
  return first;
}

export function isMedicare(claimFilingIndicator: string | undefined): boolean {
  return claimFilingIndicator !== undefined && MEDICARE_INDICATORS.has(claimFilingIndicator);
}

/**
 * SBR05 (2000B and 2320): required when the payer is Medicare (claim filing indicator MA or MB)
 * and Medicare is not the primary payer, saying why; not sent for any other policy.
 */
export function insuranceTypeCodeFor(policy: {
  primary: boolean;
  claimFilingIndicator: string | undefined;
  insuranceTypeCode: string | undefined;
}): RuleFailure | undefined {
  const needed = isMedicare(policy.claimFilingIndicator) && !policy.primary;
  const given = policy.insuranceTypeCode !== undefined && policy.insuranceTypeCode !== '';
  if (needed && !given) {
    return {
      rule: 'required',
      message: 'is required when Medicare is a secondary or tertiary payer: it says why Medicare is not primary (e.g. 12, working aged)',
    };
  }
  if (given && !needed) {
    return {
      rule: 'not-applicable',
      message: 'applies only to Medicare as a secondary or tertiary payer; leave it out for this policy',
    };
  }
  return undefined;
}
