/** Value formatting shared by the loops: names, addresses, quantities, yes/no. */
import { cleanText, digitsOnly } from './escape';
import type { Address, Person, Provider } from './model';
import type { SegmentList } from './segment-list';

/** X12 R-type quantity: up to three decimals, no trailing zeros. */
export function formatQuantity(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return String(rounded);
}

export function yesNo(value: boolean | undefined, fallback: boolean): 'Y' | 'N' {
  return (value ?? fallback) ? 'Y' : 'N';
}

/** NM103..NM107 of a person: last, first, middle, (prefix unused), suffix. */
export function personName(p: Person): [string, string | undefined, string | undefined, undefined, string | undefined] {
  return [
    cleanText(p.lastName, 60),
    p.firstName ? cleanText(p.firstName, 35) || undefined : undefined,
    p.middleName ? cleanText(p.middleName, 25) || undefined : undefined,
    undefined,
    p.suffix ? cleanText(p.suffix, 10) || undefined : undefined,
  ];
}

/** NM102..NM107 of a provider. */
export function providerName(p: Provider): [string, string, string | undefined, string | undefined, undefined, string | undefined] {
  if (p.entity === 'organization') {
    return ['2', cleanText(p.lastOrOrganizationName, 60), undefined, undefined, undefined, undefined];
  }
  return ['1', ...personName({ lastName: p.lastOrOrganizationName, firstName: p.firstName, middleName: p.middleName, suffix: p.suffix })];
}

/** N3 and N4 of an address. */
export function addAddress(out: SegmentList, address: Address): void {
  out.add('N3', cleanText(address.line1, 55), address.line2 ? cleanText(address.line2, 55) || undefined : undefined);
  out.add('N4', cleanText(address.city, 30), address.state.toUpperCase(), digitsOnly(address.postalCode));
}
