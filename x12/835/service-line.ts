import { parseCents } from '../common/money';
import { sumAdjustments } from '../common/adjustment';
import { MalformedX12Error, shown } from '../read/errors';
import * as fields from '../read/fields';
import * as dates from './dates';
import * as segment from '../read/segment';
import type { Loop, Segment } from '../read/segment';
import * as cas from './cas';
import type { Finding835, Procedure, ServiceLine835 } from './types';

// Imported functions bound once: under tsx (esbuild, CommonJS) each call of an imported
// function would go through two property getters; these run for every segment of a file.
const { amount, code, optionalNumber, required, shared } = fields;
const { dateOrFinding } = dates;
const { components, el, isLoop, ref } = segment;
const { readCas } = cas;

/** Context a service line needs to report findings. */
export interface LineContext {
  patientControlNumber: string;
  /** 1-based ordinal of the line in its claim. */
  ordinal: number;
  stIndex: number;
  findings: Finding835[];
}

const FOREIGN_SEPARATOR = /^([A-Z0-9]{2})([^A-Za-z0-9 ])(.+)$/;

function procedureFrom(parts: string[]): Procedure | undefined {
  const [qualifier = '', procedureCode = '', m1 = '', m2 = '', m3 = '', m4 = '', description = ''] = parts;
  if (qualifier === '' || procedureCode === '') return undefined;
  const modifiers = [m1, m2, m3, m4].filter((m) => m !== '').map(shared);
  const procedure: Procedure = { qualifier: shared(qualifier), code: shared(procedureCode), modifiers };
  if (description !== '') procedure.description = description;
  return procedure;
}

function tryCents(text: string): number | undefined {
  try {
    return text === '' ? undefined : parseCents(text);
  } catch {
    return undefined;
  }
}

/** Reads SVC01, reporting a malformed composite instead of failing. */
function readSvc01(svc: Segment, ctx: LineContext): { procedure?: Procedure; asSent: string; malformed: boolean } {
  const parts = components(svc, 1);
  const asSent = shared(parts.join(':'));
  const procedure = procedureFrom(parts);
  if (procedure) return { procedure, asSent, malformed: false };
  const foreign = parts.length === 1 ? FOREIGN_SEPARATOR.exec(parts[0] ?? '') : null;
  if (foreign) {
    const separator = foreign[2] ?? '';
    const lenient = procedureFrom((parts[0] ?? '').split(separator));
    if (lenient) {
      ctx.findings.push({
        code: 'COMPONENT_SEPARATOR_MISMATCH',
        severity: 'warning',
        message: `claim ${ctx.patientControlNumber}, service line ${ctx.ordinal}: SVC01 ${shown(parts[0] ?? '')} separates its components with "${separator}", not with the component separator the ISA declares (ISA16); read as procedure ${lenient.qualifier} ${lenient.code}${lenient.modifiers.length ? ` modifier(s) ${lenient.modifiers.join(',')}` : ''}`,
        segment: ref(svc, ctx.stIndex),
        patientControlNumber: ctx.patientControlNumber,
        serviceLine: ctx.ordinal,
      });
      return { procedure: lenient, asSent, malformed: false };
    }
  }
  return { asSent, malformed: true };
}

/**
 * Loop 2110 -> ServiceLine835. A malformed SVC01 is reported as a finding (the line is kept with
 * its amounts as sent and no procedure); an unreadable amount or an unexpected segment is fatal.
 */
export function readServiceLine(loop: Loop, ctx: LineContext): ServiceLine835 {
  const svc = loop.start;
  const svc01 = readSvc01(svc, ctx);
  const line: ServiceLine835 = {
    procedureAsSent: svc01.asSent,
    chargeCents: amount(svc, 2, 'line item charge amount'),
    paidCents: amount(svc, 3, 'line item provider payment amount'),
    units: optionalNumber(svc, 5, 'units of service paid') ?? 1,
    adjustments: [],
    remarkCodes: [],
    amounts: [],
    quantities: [],
    references: [],
    segment: ref(svc, ctx.stIndex),
  };
  if (svc01.procedure) line.procedure = svc01.procedure;
  if (el(svc, 4) !== '') line.revenueCode = el(svc, 4);
  if (!svc01.malformed) {
    const original = procedureFrom(components(svc, 6));
    if (original) line.originalProcedure = original;
    const originalUnits = optionalNumber(svc, 7, 'original units of service');
    if (originalUnits !== undefined) line.originalUnits = originalUnits;
  }

  for (const item of loop.items) {
    if (isLoop(item)) {
      throw new MalformedX12Error(
        'SEGMENT_ORDER',
        `loop ${item.name} cannot be nested in service line loop 2110`,
        ref(item.start, ctx.stIndex),
      );
    }
    readLineSegment(line, item, ctx);
  }

  if (svc01.malformed) ctx.findings.push(malformedSvc01Finding(svc, line, ctx));
  return line;
}

function readLineSegment(line: ServiceLine835, seg: Segment, ctx: LineContext): void {
  switch (seg.id) {
    case 'CAS':
      line.adjustments.push(...readCas(seg));
      return;
    case 'DTM': {
      const qualifier = el(seg, 1);
      const sink = {
        findings: ctx.findings,
        stIndex: ctx.stIndex,
        patientControlNumber: ctx.patientControlNumber,
        serviceLine: ctx.ordinal,
      };
      const d = dateOrFinding(seg, 2, `service date (DTM01 ${qualifier})`, sink);
      if (qualifier === '472') line.serviceDate = d;
      else if (qualifier === '150') line.servicePeriodStart = d;
      else if (qualifier === '151') line.servicePeriodEnd = d;
      return;
    }
    case 'REF':
      if (el(seg, 1) === '6R') line.lineItemControlNumber = required(seg, 2, 'line item control number');
      else line.references.push({ qualifier: code(seg, 1), value: el(seg, 2) });
      return;
    case 'AMT': {
      const a = amount(seg, 2, `service supplemental amount (${el(seg, 1)})`);
      if (el(seg, 1) === 'B6') line.allowedCents = a;
      line.amounts.push({ qualifier: code(seg, 1), amountCents: a });
      return;
    }
    case 'QTY':
      line.quantities.push({ qualifier: code(seg, 1), quantity: optionalNumber(seg, 2, 'quantity') ?? 0 });
      return;
    case 'LQ':
      line.remarkCodes.push({ source: 'LQ', qualifier: code(seg, 1), code: shared(required(seg, 2, 'remark code')) });
      return;
    default:
      throw new MalformedX12Error(
        'SEGMENT_ORDER',
        `${seg.id} is not allowed in service line loop 2110 (claim ${ctx.patientControlNumber}, service line ${ctx.ordinal})`,
        ref(seg, ctx.stIndex),
      );
  }
}

function malformedSvc01Finding(svc: Segment, line: ServiceLine835, ctx: LineContext): Finding835 {
  let message = `claim ${ctx.patientControlNumber}, service line ${ctx.ordinal}: SVC01 ${shown(line.procedureAsSent)} has no procedure code (a qualifier and a code are required)`;
  // Diagnose the usual slip: the code pushed into SVC02 shifts every amount one element right.
  const shiftedCharge = tryCents(el(svc, 3));
  const shiftedPaid = tryCents(el(svc, 4));
  if (/^\d/.test(el(svc, 2)) && shiftedCharge !== undefined && shiftedPaid !== undefined) {
    const balances = shiftedCharge - sumAdjustments(line.adjustments) === shiftedPaid;
    message += `; SVC02 ${shown(el(svc, 2))} looks like the procedure code slipped into the charge element`;
    if (balances) {
      message += `: read one element to the left, charge ${el(svc, 3)} and paid ${el(svc, 4)} balance with the line's adjustments`;
    }
  }
  return {
    code: 'SVC01_MALFORMED',
    severity: 'error',
    message,
    segment: ref(svc, ctx.stIndex),
    patientControlNumber: ctx.patientControlNumber,
    serviceLine: ctx.ordinal,
  };
}
