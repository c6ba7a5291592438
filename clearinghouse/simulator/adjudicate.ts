import type { Cents } from '../../x12/common/money';
import { sumAdjustments, type Adjustment } from '../../x12/common/adjustment';
import type { SimClaim, SimLine } from './read-837p';

/**
 * How the SIMULATOR answers one claim:
 * - `paid-in-full`: everything charged is paid.
 * - `paid-in-part`: contractual CO-45, deductible PR-1 and coinsurance PR-2, the rest paid.
 * - `paid-remainder`: a secondary pays what the primary left to the patient (the PR amounts the
 *   837 reports in its 2320/2430 loops), the rest is OA-23 (prior payer's adjudication).
 * - `denied`: nothing paid, the whole charge PR-204 (not covered by the plan), CLP02 4.
 * - `crossover`: as `paid-in-part`, with CLP02 19 and the secondary named in NM1*TT: the payer
 *   forwarded the claim itself.
 * - `rejected`: the 277CA rejects the claim; no 835 for it.
 */
export const SIM_OUTCOMES = ['paid-in-full', 'paid-in-part', 'paid-remainder', 'denied', 'crossover', 'rejected'] as const;
export type SimOutcome = (typeof SIM_OUTCOMES)[number];

/**
 * Choosing the outcome of a claim, first match wins:
 * 1. `byClaimId[CLM01]`: an outcome for every claim with that patient control number, or
 *    `{ primary, secondary }` to tell the primary and the secondary claim of one bill apart.
 * 2. A marker in CLM01 or in a claim note (NTE): `SIM` + word for the primary claim,
 *    `SIM2` + word for the secondary (or tertiary) claim, with an optional "-", "_" or ":"
 *    between; words: PAID (paid in full), PART (paid in part), REST (paid the remainder),
 *    DENY, XOVER (crossover), REJ (rejected). E.g. CLM01 "B1042SIMDENY" denies the primary and
 *    lets the secondary default; a note "SIM2-REJ" rejects the secondary.
 * 3. The defaults: `defaultPrimary` (paid-in-part) for SBR01 P, `defaultSecondary`
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

export function chooseOutcome(claim: SimClaim, rules: OutcomeRules = {}): SimOutcome {
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
  return primary ? (rules.defaultPrimary ?? 'paid-in-part') : (rules.defaultSecondary ?? 'paid-remainder');
}

export interface AdjudicatedLine {
  line: SimLine;
  paidCents: Cents;
  allowedCents: Cents;
  adjustments: Adjustment[];
}

export interface AdjudicatedClaim {
  claim: SimClaim;
  outcome: Exclude<SimOutcome, 'rejected'>;
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
    return { line, allowedCents: allowed, paidCents: allowed - deductible - coinsurance, adjustments };
  });
}

function patientShare(adjustments: readonly Adjustment[]): Cents {
  return sumAdjustments(adjustments.filter((a) => a.group === 'PR'));
}

/** What a secondary owes per line: the primary's PR amounts (see SimOutcome). */
function remainder(claim: SimClaim): AdjudicatedLine[] {
  const lineLevel = claim.lines.some((l) => l.prior !== null);
  let owedPerLine: Cents[];
  if (lineLevel) {
    owedPerLine = claim.lines.map((l) => (l.prior ? patientShare(l.prior.adjustments) : 0));
  } else {
    const prior = claim.prior;
    let claimOwed = claim.chargeCents;
    if (prior) claimOwed = prior.adjustments.length > 0 ? patientShare(prior.adjustments) : claim.chargeCents - prior.paidCents;
    owedPerLine = claim.lines.map((l) => {
      const owed = Math.max(0, Math.min(claimOwed, l.chargeCents));
      claimOwed -= owed;
      return owed;
    });
  }
  return claim.lines.map((line, i) => {
    const paid = Math.max(0, Math.min(owedPerLine[i] ?? 0, line.chargeCents));
    const rest = line.chargeCents - paid;
    return {
      line,
      allowedCents: line.chargeCents,
      paidCents: paid,
      adjustments: rest > 0 ? [{ group: 'OA', reason: '23', amountCents: rest }] : [],
    };
  });
}

function rankStatus(claim: SimClaim): string {
  if (claim.payerRank === 'S') return '2';
  if (claim.payerRank === 'T') return '3';
  return '1';
}

/** Adjudicates one claim under an outcome other than `rejected`. Pure; integer cents. */
export function adjudicate(claim: SimClaim, outcome: Exclude<SimOutcome, 'rejected'>, pricing: PricingRules = {}): AdjudicatedClaim {
  let lines: AdjudicatedLine[];
  let statusCode = rankStatus(claim);
  let crossoverTo: AdjudicatedClaim['crossoverTo'] = null;
  switch (outcome) {
    case 'paid-in-full':
      lines = claim.lines.map((line) => ({ line, allowedCents: line.chargeCents, paidCents: line.chargeCents, adjustments: [] }));
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
      lines = remainder(claim);
      break;
    case 'denied':
      statusCode = '4';
      lines = claim.lines.map((line) => ({
        line,
        allowedCents: 0,
        paidCents: 0,
        adjustments: line.chargeCents > 0 ? [{ group: 'PR', reason: '204', amountCents: line.chargeCents }] : [],
      }));
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
