/**
 * The EOB form's live check, before anything is sent: every amount parses, every line balances
 * (charge = paid + its adjustments), the claim balances (charge = paid + every adjustment), and
 * patient responsibility is the sum of the PR adjustments. The bill's workflow checks it again.
 */
import { parseDollars } from './money';

export interface AdjustmentDraft {
  group: string;
  reason: string;
  amount: string;
}

export interface LineDraft {
  lineNumber: number;
  procedureCode: string;
  chargeCents: number;
  paid: string;
  adjustments: AdjustmentDraft[];
}

export interface LineCheck {
  lineNumber: number;
  chargeCents: number;
  paidCents: number | undefined;
  adjustmentsCents: number | undefined;
  /** charge - (paid + adjustments), when everything parses. */
  offByCents: number | undefined;
  problems: string[];
}

export interface EobCheck {
  lines: LineCheck[];
  chargeCents: number;
  paidCents: number | undefined;
  adjustmentsCents: number | undefined;
  offByCents: number | undefined;
  patientResponsibilityCents: number | undefined;
  problems: string[];
  ok: boolean;
}

const REASON = /^[A-Z0-9]{1,5}$/;
const GROUPS = new Set(['CO', 'PR', 'OA', 'PI', 'CR']);

export interface ParsedAdjustment {
  group: 'CO' | 'PR' | 'OA' | 'PI' | 'CR';
  reason: string;
  amountCents: number;
}

function parseAdjustments(list: AdjustmentDraft[], where: string, problems: string[]): ParsedAdjustment[] | undefined {
  const out: ParsedAdjustment[] = [];
  let ok = true;
  list.forEach((a, i) => {
    const amount = parseDollars(a.amount, true);
    const reason = a.reason.trim().toUpperCase();
    if (!GROUPS.has(a.group)) {
      problems.push(`${where}, adjustment ${i + 1}: choose a group`);
      ok = false;
    }
    if (!REASON.test(reason)) {
      problems.push(`${where}, adjustment ${i + 1}: the reason code is missing or not a CARC`);
      ok = false;
    }
    if (amount === undefined) {
      problems.push(`${where}, adjustment ${i + 1}: the amount is not an amount`);
      ok = false;
    } else out.push({ group: a.group as ParsedAdjustment['group'], reason, amountCents: amount });
  });
  return ok ? out : undefined;
}

const sum = (xs: { amountCents: number }[]) => xs.reduce((t, a) => t + a.amountCents, 0);

export function checkEob(lines: LineDraft[], claimAdjustments: AdjustmentDraft[]): EobCheck & { parsed?: ParsedEob } {
  const problems: string[] = [];
  const parsedLines: ParsedEob['lines'] = [];
  const lineChecks = lines.map((l): LineCheck => {
    const where = `Line ${l.lineNumber}`;
    const own: string[] = [];
    const paid = parseDollars(l.paid);
    if (paid === undefined) own.push(`${where}: the paid amount is not an amount`);
    const adjustments = parseAdjustments(l.adjustments, where, own);
    const adjustmentsCents = adjustments ? sum(adjustments) : undefined;
    const offByCents = paid !== undefined && adjustmentsCents !== undefined ? l.chargeCents - paid - adjustmentsCents : undefined;
    if (offByCents !== undefined && offByCents !== 0) own.push(`${where} does not balance`);
    if (paid !== undefined && adjustments) parsedLines.push({ lineNumber: l.lineNumber, paidCents: paid, adjustments });
    problems.push(...own);
    return { lineNumber: l.lineNumber, chargeCents: l.chargeCents, paidCents: paid, adjustmentsCents, offByCents, problems: own };
  });
  const claimLevel = parseAdjustments(claimAdjustments, 'Claim', problems);
  const chargeCents = lines.reduce((t, l) => t + l.chargeCents, 0);
  const complete = parsedLines.length === lines.length && claimLevel !== undefined;
  const paidCents = complete ? parsedLines.reduce((t, l) => t + l.paidCents, 0) : undefined;
  const all = complete ? [...claimLevel, ...parsedLines.flatMap((l) => l.adjustments)] : undefined;
  const adjustmentsCents = all ? sum(all) : undefined;
  const offByCents = paidCents !== undefined && adjustmentsCents !== undefined ? chargeCents - paidCents - adjustmentsCents : undefined;
  if (offByCents !== undefined && offByCents !== 0) problems.push('The claim does not balance');
  const patientResponsibilityCents = all ? sum(all.filter((a) => a.group === 'PR')) : undefined;
  const ok = problems.length === 0 && complete;
  return {
    lines: lineChecks,
    chargeCents,
    paidCents,
    adjustmentsCents,
    offByCents,
    patientResponsibilityCents,
    problems,
    ok,
    ...(ok && claimLevel && paidCents !== undefined && patientResponsibilityCents !== undefined
      ? { parsed: { paidCents, patientResponsibilityCents, adjustments: claimLevel, lines: parsedLines } }
      : {}),
  };
}

export interface ParsedEob {
  paidCents: number;
  patientResponsibilityCents: number;
  adjustments: ParsedAdjustment[];
  lines: { lineNumber: number; paidCents: number; adjustments: ParsedAdjustment[] }[];
}
