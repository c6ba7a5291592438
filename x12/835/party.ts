import { el, type Segment } from '../read/segment';
import type { Party } from './types';

/** NM1 -> Party. Empty elements are left out. */
export function readParty(seg: Segment): Party {
  const party: Party = { entityCode: el(seg, 1), entityType: el(seg, 2) };
  const set = (key: 'lastOrOrganizationName' | 'firstName' | 'middleName' | 'suffix', n: number): void => {
    const v = el(seg, n);
    if (v !== '') party[key] = v;
  };
  set('lastOrOrganizationName', 3);
  set('firstName', 4);
  set('middleName', 5);
  set('suffix', 7);
  if (el(seg, 9) !== '') party.id = { qualifier: el(seg, 8), value: el(seg, 9) };
  return party;
}
