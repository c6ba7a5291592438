import * as fields from '../read/fields';
import * as segment from '../read/segment';
import type { Segment } from '../read/segment';
import type { Party } from './types';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { el } = segment;
const { code, shared } = fields;

/** Patients and insureds: their names and ids seldom repeat within a file. */
const PERSONAL = new Set(['QC', 'IL', '74']);
const asIs = (v: string): string => v;

/** NM1 -> Party. Empty elements are left out. */
export function readParty(seg: Segment): Party {
  const entityCode = code(seg, 1);
  const entityType = code(seg, 2);
  // Providers and payers repeat claim after claim: share their names and ids (see shared).
  const value = PERSONAL.has(entityCode) ? asIs : shared;
  const last = el(seg, 3);
  const idValue = el(seg, 9);
  // The usual shapes in one literal, keys in the same order as below (no properties added later).
  if (last !== '' && idValue !== '' && el(seg, 5) === '' && el(seg, 7) === '') {
    const id = { qualifier: code(seg, 8), value: value(idValue) };
    const first = el(seg, 4);
    if (first === '') return { entityCode, entityType, lastOrOrganizationName: value(last), id };
    return { entityCode, entityType, lastOrOrganizationName: value(last), firstName: value(first), id };
  }
  const party: Party = { entityCode, entityType };
  if (last !== '') party.lastOrOrganizationName = value(last);
  const first = el(seg, 4);
  if (first !== '') party.firstName = value(first);
  const middle = el(seg, 5);
  if (middle !== '') party.middleName = value(middle);
  const suffix = el(seg, 7);
  if (suffix !== '') party.suffix = value(suffix);
  if (el(seg, 9) !== '') party.id = { qualifier: code(seg, 8), value: value(el(seg, 9)) };
  return party;
}
