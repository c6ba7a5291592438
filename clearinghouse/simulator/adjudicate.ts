import type { Cents } from '../../x12/common/money';
import { isAdjustmentGroup, sumAdjustments, type Adjustment } from '../../x12/common/adjustment';
import { owedPerLine } from './owed';
import type { SimClaim, SimLine } from './read-837p';
import type { PayerScenario } from './scenarios';

/**
 * How the SIMULATOR answers one claim:
 * - `paid-in-full`: everything charged is paid (a later payer: everything still owed).
 * - `paid-in-part`: contractual CO-45, deductible PR-1 and coinsurance PR-2, the rest paid.
 * - `paid-remainder`: a later payer pays what is still owed after the earlier payers (the PR
 *   amounts of the last earlier payer in the 837's 2320/2430 loops, never more than the charge
 *   less what they paid), the rest is OA-23 (prior payer's adjudication).
 * - `paid-share`: a later payer pays a share of what is still owed; the rest of it stays PR-2.
 * - `denied`: nothing paid, the whole charge under the denial reasons (PR-204 by default), CLP02 4.
 * - `crossover`: as `paid-in-part`, with CLP02 19 and the secondary named in NM1*TT: the payer
 *   forwarded the claim itself.
 * - `rejected`: the 277CA rejects the claim; no 835 for it.
 * - `rejected-999`: the 999 rejects the claim's transaction set; no 277CA and no 835.
 * - `no-answer`: accepted in the 999 and the 277CA, then never an 835.
 */
export const SIM_OUTCOMES = [
  'paid-in-full',
  'paid-in-part',
  'paid-remainder',
  'paid-share',
  'denied',
  'crossover',
  'rejected',
  'rejected-999',
  'no-answer',
] as const;
export type SimOutcome = (typeof SIM_OUTCOMES)[number];
/** Outcomes that end in an 835. */
export type PaidOutcome = Exclude<SimOutcome, 'rejected' | 'rejected-999' | 'no-answer'>;

export function isAdjudicated(outcome: SimOutcome): outcome is PaidOutcome {
  return outcome !== 'rejected' && outcome !== 'rejected-999' && outcome !== 'no-answer';
}

/**
 * Choosing the outcome of a claim, first match wins:
 * 1. `byClaimId[CLM01]`: an outcome for every claim with that patient control number, or
 *    `{ primary, secondary }` to tell the primary and the secondary claim of one bill apart.
 * 2. A marker in CLM01 or in a claim note (NTE): `SIM` + word for the primary claim,
 *    `SIM2` + word for the secondary (or tertiary) claim, with an optional "-", "_" or ":"
 *    between; words: PAID (paid in full), PART (paid in part), REST (paid the remainder),
 *    DENY, XOVER (crossover), REJ (rejected). E.g. CLM01 "B1042SIMDENY" denies the primary and
 *    lets the secondary default; a note "SIM2-REJ" rejects the secondary.
 * 3. The payer's scenario (see scenarios.ts), when the driver was given one for its payer id.
 * 4. The defaults: `defaultPrimary` (paid-in-part) for SBR01 P, `defaultSecondary`
 *    (paid-remainder) otherwise.
 */
export interface OutcomeRules {
  byClaimId?: Record<string, SimOutcome | { primary?: SimOutcome; secondary?: SimOutcome }>;
  defaultPrimary?: SimOutcome;
  defaultSecondary?: SimOutcome;
}

/** The numbers of a partial payment, in basis points and cents. */
export interface PricingRules {
  /** CO-45 share of each line's charge; default 2000 (20%). */
  contractualBasisPoints?: number;
  /** PR-2 share of what is allowed after the deductible; default 2000 (20%). */
  coinsuranceBasisPoints?: number;
  /** PR-1 deductible taken from the claim's lines in order; default 2500 ($25). */
  deductibleCents?: Cents;
  /** paid-share: the share of what is still owed a later payer pays; default 5000. */
  shareBasisPoints?: number;
}

/** How a claim is denied: the reasons (cycled over the lines) and the remarks of each line. */
export interface DenialRules {
  reasons: Array<{ group: string; reason: string }>;
  remarks: string[];
}

const MARKER = /SIM(2?)[-_:]?(PAID|PART|REST|DENY|XOVER|REJ)/gi;
const MARKER_WORDS: Record<string, SimOutcome> = {
  PAID: 'paid-in-full',
  PART: 'paid-in-part',
  REST: 'paid-remainder',
  DENY: 'denied',
  XOVER: 'crossover',
  REJ: 'rejected',
};

export function isPrimary(claim: Pick<SimClaim, 'payerRank'>): boolean {
  return claim.payerRank === 'P' || claim.payerRank === '';
}

/** The outcome a payer scenario gives a claim (see scenarios.ts). */
export function scenarioOutcome(claim: SimClaim, scenario: PayerScenario): SimOutcome {
  const primary = isPrimary(claim);
  switch (scenario.kind) {
    case 'pays-share':
      return primary ? 'paid-in-part' : 'paid-share';
    case 'pays-full':
      return primary ? 'paid-in-full' : 'paid-remainder';
    case 'denies':
      return 'denied';
    case 'rejects-999':
      return 'rejected-999';
    case 'rejects-277ca':
      return 'rejected';
    case 'crosses-over':
      return primary ? 'crossover' : 'paid-remainder';
    case 'never-answers':
      return 'no-answer';
    case 'pays-late':
    case 'reverses':
      return primary ? 'paid-in-part' : 'paid-remainder';
  }
}

export function chooseOutcome(claim: SimClaim, rules: OutcomeRules = {}, scenario?: PayerScenario): SimOutcome {
  const primary = isPrimary(claim);
  const rule = rules.byClaimId?.[claim.claimId];
  if (typeof rule === 'string') return rule;
  const ruled = primary ? rule?.primary : rule?.secondary;
  if (ruled) return ruled;
  for (const text of [claim.claimId, ...claim.notes]) {
    for (const m of text.matchAll(MARKER)) {
      const forSecondary = m[1] === '2';
      const outcome = MARKER_WORDS[(m[2] ?? '').toUpperCase()];
      if (outcome && forSecondary !== primary) return outcome;
    }
  }
  if (scenario) return scenarioOutcome(claim, scenario);
  return primary ? (rules.defaultPrimary ?? 'paid-in-part') : (rules.defaultSecondary ?? 'paid-remainder');
}

export interface AdjudicatedLine {
  line: SimLine;
  paidCents: Cents;
  allowedCents: Cents;
  adjustments: Adjustment[];
  /** RARCs of the line (LQ*HE). */
  remarks: string[];
}

export interface AdjudicatedClaim {
  claim: SimClaim;
  outcome: PaidOutcome;
  /** CLP02. */
  statusCode: string;
  chargeCents: Cents;
  paidCents: Cents;
  patientResponsibilityCents: Cents;
  lines: AdjudicatedLine[];
  /** NM1*TT for a crossover. */
  crossoverTo: { name: string; id: string } | null;
}

function share(amount: Cents, basisPoints: number): Cents {
  return Math.floor((amount * basisPoints) / 10000);
}

function partial(claim: SimClaim, pricing: PricingRules): AdjudicatedLine[] {
  let deductibleLeft = pricing.deductibleCents ?? 2500;
  return claim.lines.map((line) => {
    const contractual = share(line.chargeCents, pricing.contractualBasisPoints ?? 2000);
    const allowed = line.chargeCents - contractual;
    const deductible = Math.min(deductibleLeft, allowed);
    deductibleLeft -= deductible;
    const coinsurance = share(allowed - deductible, pricing.coinsuranceBasisPoints ?? 2000);
    const adjustments: Adjustment[] = [];
    if (contractual > 0) adjustments.push({ group: 'CO', reason: '45', amountCents: contractual });
    if (deductible > 0) adjustments.push({ group: 'PR', reason: '1', amountCents: deductible });
    if (coinsurance > 0) adjustments.push({ group: 'PR', reason: '2', amountCents: coinsurance });
    return { line, allowedCents: allowed, paidCents: allowed - deductible - coinsurance, adjustments, remarks: [] };
  });
}

function patientShare(adjustments: readonly Adjustment[]): Cents {
  return sumAdjustments(adjustments.filter((a) => a.group === 'PR'));
}

/**
 * What a later payer pays per line: `basisPoints` of what is still owed after the earlier payers
 * (see owedPerLine); the unpaid part of it stays with the patient (PR-2), the rest of the
 * charge is OA-23 (prior payer's adjudication).
 */
function fromOwed(claim: SimClaim, basisPoints: number): AdjudicatedLine[] {
  const owed = owedPerLine(claim);
  return claim.lines.map((line, i) => {
    const stillOwed = owed[i] ?? 0;
    const paid = share(stillOwed, basisPoints);
    const adjustments: Adjustment[] = [];
    if (line.chargeCents - stillOwed > 0) adjustments.push({ group: 'OA', reason: '23', amountCents: line.chargeCents - stillOwed });
    if (stillOwed - paid > 0) adjustments.push({ group: 'PR', reason: '2', amountCents: stillOwed - paid });
    return { line, allowedCents: line.chargeCents, paidCents: paid, adjustments, remarks: [] };
  });
}

function denied(claim: SimClaim, denial: DenialRules): AdjudicatedLine[] {
  const reasons = denial.reasons.length > 0 ? denial.reasons : [{ group: 'PR', reason: '204' }];
  return claim.lines.map((line, i) => {
    const r = reasons[i % reasons.length] as { group: string; reason: string };
    const group = isAdjustmentGroup(r.group) ? r.group : 'CO';
    return {
      line,
      allowedCents: 0,
      paidCents: 0,
      adjustments: line.chargeCents > 0 ? [{ group, reason: r.reason, amountCents: line.chargeCents }] : [],
      remarks: denial.remarks,
    };
  });
}

function rankStatus(claim: SimClaim): string {
  if (claim.payerRank === 'S') return '2';
  if (claim.payerRank === 'T') return '3';
  return '1';
}

const DEFAULT_DENIAL: DenialRules = { reasons: [{ group: 'PR', reason: '204' }], remarks: [] };

/** Adjudicates one claim under an outcome that ends in an 835. Pure; integer cents. */
export function adjudicate(
  claim: SimClaim,
  outcome: PaidOutcome,
  pricing: PricingRules = {},
  denial: DenialRules = DEFAULT_DENIAL,
): AdjudicatedClaim {
  let lines: AdjudicatedLine[];
  let statusCode = rankStatus(claim);
  let crossoverTo: AdjudicatedClaim['crossoverTo'] = null;
  switch (outcome) {
    case 'paid-in-full':
      lines = isPrimary(claim)
        ? claim.lines.map((line) => ({ line, allowedCents: line.chargeCents, paidCents: line.chargeCents, adjustments: [], remarks: [] }))
        : fromOwed(claim, 10000);
      break;
    case 'paid-in-part':
      lines = partial(claim, pricing);
      break;
    case 'crossover': {
      lines = partial(claim, pricing);
      statusCode = '19';
      const next = claim.otherPayers.find((p) => p.rank !== 'P' && p.name !== '') ?? claim.otherPayers[0];
      crossoverTo =
        next && next.name !== ''
          ? { name: next.name, id: next.id || 'SIMSECONDARY' }
          : { name: 'SIMULATOR SECONDARY PAYER', id: 'SIMSECONDARY' };
      break;
    }
    case 'paid-remainder':
      lines = fromOwed(claim, 10000);
      break;
    case 'paid-share':
      lines = fromOwed(claim, pricing.shareBasisPoints ?? 5000);
      break;
    case 'denied':
      statusCode = '4';
      lines = denied(claim, denial);
      break;
  }
  const paidCents = lines.reduce((t, l) => t + l.paidCents, 0);
  const chargeCents = lines.reduce((t, l) => t + l.line.chargeCents, 0);
  return {
    claim,
    outcome,
    statusCode,
    chargeCents,
    paidCents,
    patientResponsibilityCents: lines.reduce((t, l) => t + patientShare(l.adjustments), 0),
    lines,
    crossoverTo,
  };
}

/** The reversal of an adjudication (CLP02 22): every amount negated, nothing else changed. */
export function reverse(a: AdjudicatedClaim): AdjudicatedClaim {
  const neg = (n: Cents) => (n === 0 ? 0 : -n);
  return {
    ...a,
    statusCode: '22',
    chargeCents: neg(a.chargeCents),
    paidCents: neg(a.paidCents),
    patientResponsibilityCents: neg(a.patientResponsibilityCents),
    crossoverTo: null,
    lines: a.lines.map((l) => ({
      ...l,
      line: { ...l.line, chargeCents: neg(l.line.chargeCents) },
      paidCents: neg(l.paidCents),
      allowedCents: neg(l.allowedCents),
      adjustments: l.adjustments.map((x) => ({ ...x, amountCents: neg(x.amountCents) })),
    })),
  };
}
