import { MalformedX12Error } from '../read/errors';
import * as fields from '../read/fields';
import * as dates from './dates';
import * as segment from '../read/segment';
import type { Loop, Segment } from '../read/segment';
import * as cas from './cas';
import * as codes from './codes';
import * as party from './party';
import * as serviceLine from './service-line';
import type { Claim835, RemarkCode } from './types';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { amount, code, optionalAmount, optionalNumber, required } = fields;
const { dateOrFinding } = dates;
const { el, isLoop, ref } = segment;
const { readCas } = cas;
const { CLAIM_FILING_INDICATOR_835, CLAIM_STATUS, coded, inTable, unknownCodeFinding } = codes;
const { readParty } = party;
const { readServiceLine } = serviceLine;

const PROCESSED_AS: Readonly<Record<string, Claim835['processedAs']>> = {
  '1': 'primary',
  '19': 'primary',
  '2': 'secondary',
  '20': 'secondary',
  '3': 'tertiary',
  '21': 'tertiary',
};
const FORWARDED = new Set(['19', '20', '21', '23']);

/** MOA03-07 and MIA05, MIA20-24 carry remark codes. */
const REMARK_ELEMENTS = { MOA: [3, 4, 5, 6, 7], MIA: [5, 20, 21, 22, 23, 24] } as const;

/** Loop 2100 (with its 2110 loops) -> Claim835. Fatal problems throw MalformedX12Error. */
export function readClaim(loop: Loop, stIndex: number): Claim835 {
  const clp = loop.start;
  const patientControlNumber = required(clp, 1, 'patient control number');
  const status = required(clp, 2, 'claim status code');
  const claim: Claim835 = {
    patientControlNumber,
    status: coded(CLAIM_STATUS, status),
    isReversal: status === '22',
    forwardedToAnotherPayer: FORWARDED.has(status),
    chargeCents: amount(clp, 3, 'total claim charge amount'),
    paidCents: amount(clp, 4, 'claim payment amount'),
    adjustments: [],
    otherParties: [],
    adjudication: [],
    remarkCodes: [],
    amounts: [],
    quantities: [],
    references: [],
    serviceLines: [],
    findings: [],
    segment: ref(clp, stIndex),
  };
  const processedAs = PROCESSED_AS[status];
  if (processedAs) claim.processedAs = processedAs;
  const sink = { findings: claim.findings, stIndex, patientControlNumber };
  // The status says what happened to the claim: one we do not know leaves the claim for a person.
  unknownCodeFinding(clp, 2, inTable(CLAIM_STATUS), 'a claim status code', sink, 'error');
  unknownCodeFinding(clp, 6, inTable(CLAIM_FILING_INDICATOR_835), 'a claim filing indicator code', sink);
  const patientResponsibility = optionalAmount(clp, 5, 'patient responsibility amount');
  if (patientResponsibility !== undefined) claim.patientResponsibilityCents = patientResponsibility;
  const filing = code(clp, 6);
  if (filing !== '') claim.claimFilingIndicator = filing;
  const payerClaim = el(clp, 7);
  if (payerClaim !== '') claim.payerClaimControlNumber = payerClaim;
  const facility = code(clp, 8);
  if (facility !== '') claim.facilityTypeCode = facility;
  const frequency = code(clp, 9);
  if (frequency !== '') claim.frequencyCode = frequency;

  for (const item of loop.items) {
    if (isLoop(item)) {
      claim.serviceLines.push(
        readServiceLine(item, { patientControlNumber, ordinal: claim.serviceLines.length + 1, stIndex, findings: claim.findings }),
      );
    } else {
      readClaimSegment(claim, item, stIndex);
    }
  }
  return claim;
}

function readClaimSegment(claim: Claim835, seg: Segment, stIndex: number): void {
  switch (seg.id) {
    case 'CAS':
      claim.adjustments.push(...readCas(seg));
      return;
    case 'NM1': {
      const party = readParty(seg);
      switch (party.entityCode) {
        case 'QC':
          claim.patient = party;
          return;
        case 'IL':
          claim.insured = party;
          return;
        case '74':
          claim.correctedInsured = party;
          return;
        case '82':
          claim.renderingProvider = party;
          return;
        case 'TT':
          claim.crossoverCarrier = party;
          return;
        case 'PR':
          claim.correctedPriorityPayer = party;
          return;
        default:
          claim.otherParties.push(party);
          return;
      }
    }
    case 'MOA':
    case 'MIA': {
      const elements: Record<string, string> = {};
      for (const [k, v] of Object.entries(seg.data)) if (k !== 'name' && v !== '') elements[k] = v;
      claim.adjudication.push({ kind: seg.id, elements });
      for (const n of REMARK_ELEMENTS[seg.id]) {
        const code = el(seg, n);
        if (code !== '') claim.remarkCodes.push({ source: seg.id, qualifier: 'HE', code } satisfies RemarkCode);
      }
      return;
    }
    case 'DTM': {
      const qualifier = el(seg, 1);
      const d = dateOrFinding(seg, 2, `claim date (DTM01 ${qualifier})`, {
        findings: claim.findings,
        stIndex,
        patientControlNumber: claim.patientControlNumber,
      });
      if (qualifier === '232') claim.statementFrom = d;
      else if (qualifier === '233') claim.statementTo = d;
      else if (qualifier === '050') claim.receivedDate = d;
      else if (qualifier === '036') claim.coverageExpirationDate = d;
      return;
    }
    case 'REF':
      claim.references.push({ qualifier: code(seg, 1), value: el(seg, 2) });
      return;
    case 'AMT':
      claim.amounts.push({ qualifier: code(seg, 1), amountCents: amount(seg, 2, `claim supplemental amount (${el(seg, 1)})`) });
      return;
    case 'QTY':
      claim.quantities.push({ qualifier: code(seg, 1), quantity: optionalNumber(seg, 2, 'claim supplemental quantity') ?? 0 });
      return;
    case 'PER':
      return; // claim contact information: nothing to post
    default:
      throw new MalformedX12Error(
        'SEGMENT_ORDER',
        `${seg.id} is not allowed in claim payment loop 2100 (claim ${claim.patientControlNumber})`,
        ref(seg, stIndex),
      );
  }
}
