import * as segment from '../read/segment';
import type { Segment } from '../read/segment';
import type { Party } from './types';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { el } = segment;

/** NM1 -> Party. Empty elements are left out. */
export function readParty(seg: Segment): Party {
  const party: Party = { entityCode: el(seg, 1), entityType: el(seg, 2) };
  const last = el(seg, 3);
  if (last !== '') party.lastOrOrganizationName = last;
  const first = el(seg, 4);
  if (first !== '') party.firstName = first;
  const middle = el(seg, 5);
  if (middle !== '') party.middleName = middle;
  const suffix = el(seg, 7);
  if (suffix !== '') party.suffix = suffix;
  if (el(seg, 9) !== '') party.id = { qualifier: el(seg, 8), value: el(seg, 9) };
  return party;
}
