/**
 * An independent check of an 837P file, written apart from the writer (it shares no code
 * with it): it reads the delimiters from the ISA, then verifies the envelope counts and
 * control numbers, the HL tree, and the money: claim charge = sum of line charges, each
 * 2430 line balances (charge = paid + adjustments), and each other payer balances
 * (AMT*D = sum of its SVD02 less its claim-level CAS, or without line detail,
 * claim charge = AMT*D + claim-level CAS). Used by the tests on every file they write.
 */
import { scanDecimal } from '../common/decimal';

export interface CheckReport {
  ok: boolean;
  /** Each problem with the 1-based ordinal of its segment. */
  errors: string[];
  segments: number;
  transactionSets: number;
  claims: number;
  hierarchicalLevels: number;
}

interface HlNode {
  id: string;
  parent: string;
  level: string;
  childCode: string;
  children: number;
  at: number;
}

interface OtherPayer {
  rank: string;
  claimAdjustments: number;
  paid?: number;
  payerId?: string;
  at: number;
}

interface LineAdj {
  payerId: string;
  paid: number;
  adjustments: number;
  at: number;
}

interface Line {
  charge: number;
  at: number;
  adjudications: LineAdj[];
}

interface Claim {
  id: string;
  charge: number;
  at: number;
  otherPayers: OtherPayer[];
  lines: Line[];
}

/** Decimal dollars to cents, refusing anything that is not a plain X12 R amount (read in one linear pass). */
function cents(text: string | undefined): number {
  const decimal = text === undefined ? undefined : scanDecimal(text).decimal;
  if (!decimal) return Number.NaN;
  const value = Number(decimal.whole || '0') * 100 + Number(`${decimal.fraction}00`.slice(0, 2));
  return decimal.negative ? -value : value;
}

function casTotal(elements: readonly string[]): number {
  let total = 0;
  for (let i = 3; i < elements.length; i += 3) {
    const amount = elements[i];
    if (amount) total += cents(amount);
  }
  return total;
}

export function check837P(text: string): CheckReport {
  const errors: string[] = [];
  const report = (at: number, message: string): void => {
    errors.push(`segment ${at}: ${message}`);
  };
  const body = text.replace(/^\s+/, '');
  const result: CheckReport = { ok: false, errors, segments: 0, transactionSets: 0, claims: 0, hierarchicalLevels: 0 };
  if (!body.startsWith('ISA') || body.length < 106) {
    errors.push('the file does not start with a 106-character ISA segment');
    return result;
  }
  const elementSep = body[3] ?? '*';
  const componentSep = body[104] ?? ':';
  const segmentTerm = body[105] ?? '~';
  const isa = body.slice(0, 105).split(elementSep);
  if (isa.length !== 17) errors.push(`ISA has ${isa.length - 1} elements, not 16 (fixed-width ISA broken)`);
  if ((isa[6] ?? '').length !== 15 || (isa[8] ?? '').length !== 15) errors.push('ISA06 and ISA08 must be 15 characters');
  if (!/^\d{9}$/.test(isa[13] ?? '')) errors.push('ISA13 must be 9 digits');
  if (isa[16] !== componentSep) errors.push('ISA16 is not the component separator');
  if (!['T', 'P'].includes(isa[15] ?? '')) errors.push('ISA15 must be T or P');

  const segments = body
    .split(segmentTerm)
    .map((s) => s.replace(/^[\r\n]+|[\r\n]+$/g, ''))
    .filter((s, i, all) => !(s === '' && i === all.length - 1));
  result.segments = segments.length;

  let groups = 0;
  let groupControl: string | undefined;
  let setsInGroup = 0;
  let setIds = new Set<string>();
  let stControl: string | undefined;
  let stStart = 0;
  let version: string | undefined;
  let hl = new Map<string, HlNode>();
  let lastHl = 0;
  let currentHl: HlNode | undefined;
  const claimIds = new Set<string>();
  let claim: Claim | undefined;
  let line: Line | undefined;
  let lineAdj: LineAdj | undefined;
  let payer: OtherPayer | undefined;
  let interchangeClosed = false;

  const closeClaim = (): void => {
    if (!claim) return;
    const c = claim;
    const lineTotal = c.lines.reduce((s, l) => s + l.charge, 0);
    if (lineTotal !== c.charge) report(c.at, `CLM02 of ${c.id} is ${c.charge} cents but its lines add up to ${lineTotal}`);
    for (const l of c.lines) {
      for (const a of l.adjudications) {
        if (l.charge !== a.paid + a.adjustments) {
          report(a.at, `claim ${c.id}: line charge ${l.charge} ≠ SVD02 ${a.paid} + CAS ${a.adjustments} (payer ${a.payerId})`);
        }
      }
    }
    for (const p of c.otherPayers) {
      if (p.paid === undefined) continue;
      const adjudications = c.lines.flatMap((l) => l.adjudications.filter((a) => a.payerId === p.payerId));
      if (adjudications.length > 0) {
        const linesPaid = adjudications.reduce((s, a) => s + a.paid, 0);
        if (linesPaid - p.claimAdjustments !== p.paid) {
          report(p.at, `claim ${c.id}: payer ${p.payerId} AMT*D ${p.paid} ≠ sum of SVD02 ${linesPaid} − claim CAS ${p.claimAdjustments}`);
        }
      } else if (c.charge !== p.paid + p.claimAdjustments) {
        report(
          p.at,
          `claim ${c.id}: payer ${p.payerId} has no line detail and CLM02 ${c.charge} ≠ AMT*D ${p.paid} + claim CAS ${p.claimAdjustments}`,
        );
      }
    }
    const payerIds = new Set(c.otherPayers.map((p) => p.payerId));
    for (const l of c.lines) {
      for (const a of l.adjudications) {
        if (!payerIds.has(a.payerId)) report(a.at, `claim ${c.id}: SVD01 ${a.payerId} matches no 2330B payer`);
      }
    }
    claim = undefined;
    line = undefined;
    lineAdj = undefined;
    payer = undefined;
  };

  const closeSet = (at: number): void => {
    for (const node of hl.values()) {
      const hasChildren = node.children > 0;
      if ((node.childCode === '1') !== hasChildren) {
        report(node.at, `HL ${node.id} says child code ${node.childCode} but has ${node.children} child level(s)`);
      }
      if (node.level === '22' && node.childCode === '1' && node.children === 0)
        report(node.at, `subscriber HL ${node.id} lacks its patient level`);
    }
    void at;
  };

  segments.forEach((raw, i) => {
    const at = i + 1;
    const el = raw.split(elementSep);
    const id = el[0] ?? '';
    if (interchangeClosed) report(at, `${id} after IEA`);
    switch (id) {
      case 'ISA':
        if (i !== 0) report(at, 'ISA must be the first segment, once');
        break;
      case 'IEA':
        if (el[1] !== String(groups)) report(at, `IEA01 is ${el[1]} but there are ${groups} functional group(s)`);
        if (el[2] !== isa[13]) report(at, `IEA02 ${el[2]} ≠ ISA13 ${isa[13]}`);
        interchangeClosed = true;
        break;
      case 'GS':
        groups++;
        groupControl = el[6];
        version = el[8];
        setsInGroup = 0;
        setIds = new Set();
        if (el[1] !== 'HC') report(at, 'GS01 must be HC');
        if (version !== '005010X222A1') report(at, `GS08 is ${version}, not 005010X222A1`);
        break;
      case 'GE':
        if (el[1] !== String(setsInGroup)) report(at, `GE01 is ${el[1]} but the group has ${setsInGroup} transaction set(s)`);
        if (el[2] !== groupControl) report(at, `GE02 ${el[2]} ≠ GS06 ${groupControl}`);
        break;
      case 'ST':
        setsInGroup++;
        result.transactionSets++;
        stControl = el[2];
        stStart = at;
        if (!stControl || setIds.has(stControl)) report(at, `ST02 ${stControl} is missing or repeated in the group`);
        if (stControl) setIds.add(stControl);
        if (el[1] !== '837') report(at, 'ST01 must be 837');
        if (el[3] !== version) report(at, `ST03 ${el[3]} ≠ GS08 ${version}`);
        hl = new Map();
        lastHl = 0;
        currentHl = undefined;
        break;
      case 'SE': {
        closeClaim();
        closeSet(at);
        const count = at - stStart + 1;
        if (el[1] !== String(count)) report(at, `SE01 is ${el[1]} but the transaction set has ${count} segments`);
        if (el[2] !== stControl) report(at, `SE02 ${el[2]} ≠ ST02 ${stControl}`);
        break;
      }
      case 'HL': {
        closeClaim();
        result.hierarchicalLevels++;
        const node: HlNode = { id: el[1] ?? '', parent: el[2] ?? '', level: el[3] ?? '', childCode: el[4] ?? '', children: 0, at };
        if (node.id !== String(lastHl + 1)) report(at, `HL01 ${node.id} should be ${lastHl + 1}`);
        lastHl = Number(node.id) || lastHl + 1;
        const expectedParentLevel = { '20': undefined, '22': '20', '23': '22' }[node.level];
        if (!['20', '22', '23'].includes(node.level)) report(at, `HL03 ${node.level} is not 20, 22 or 23`);
        if (node.level === '20') {
          if (node.parent !== '') report(at, 'a billing provider HL has no parent');
        } else {
          const parent = hl.get(node.parent);
          if (!parent) report(at, `HL02 ${node.parent} refers to no earlier HL`);
          else {
            parent.children++;
            if (parent.level !== expectedParentLevel) report(at, `HL level ${node.level} under level ${parent.level}`);
          }
        }
        hl.set(node.id, node);
        currentHl = node;
        break;
      }
      case 'CLM': {
        closeClaim();
        result.claims++;
        const claimId = el[1] ?? '';
        if (claimIds.has(claimId)) report(at, `CLM01 ${claimId} is repeated`);
        claimIds.add(claimId);
        if (claimId.length < 1 || claimId.length > 20) report(at, 'CLM01 must be 1 to 20 characters');
        if (!currentHl || !(currentHl.level === '23' || (currentHl.level === '22' && currentHl.childCode === '0'))) {
          report(at, 'CLM must follow a subscriber HL without patient level, or a patient HL');
        }
        const composite = (el[5] ?? '').split(componentSep);
        if (composite[1] !== 'B' || !['1', '7', '8'].includes(composite[2] ?? '')) report(at, 'CLM05 must be POS:B:frequency');
        claim = { id: claimId, charge: cents(el[2]), at, otherPayers: [], lines: [] };
        break;
      }
      case 'SBR':
        if (claim && !line) {
          payer = { rank: el[1] ?? '', claimAdjustments: 0, at };
          claim.otherPayers.push(payer);
        }
        break;
      case 'AMT':
        if (payer && !line && el[1] === 'D') {
          payer.paid = cents(el[2]);
          payer.at = at;
        }
        break;
      case 'NM1':
        if (payer && !line && el[1] === 'PR') payer.payerId = el[9];
        break;
      case 'CAS':
        if (lineAdj) lineAdj.adjustments += casTotal(el);
        else if (payer && !line) payer.claimAdjustments += casTotal(el);
        else report(at, 'CAS outside a 2320 or 2430 loop');
        break;
      case 'LX':
        if (!claim) report(at, 'LX outside a claim');
        lineAdj = undefined;
        line = { charge: Number.NaN, at, adjudications: [] };
        claim?.lines.push(line);
        if (claim && el[1] !== String(claim.lines.length)) report(at, `LX01 ${el[1]} should be ${claim.lines.length}`);
        break;
      case 'SV1':
        if (line) line.charge = cents(el[2]);
        break;
      case 'SVD':
        if (!line) report(at, 'SVD outside a service line');
        else {
          lineAdj = { payerId: el[1] ?? '', paid: cents(el[2]), adjustments: 0, at };
          line.adjudications.push(lineAdj);
        }
        break;
      default:
        break;
    }
  });
  if (!interchangeClosed) errors.push('the interchange has no IEA');
  result.ok = errors.length === 0;
  return result;
}
