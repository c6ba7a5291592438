import { sha256Hex } from '../../runtime/sha256';
import {
  adjudicate,
  chooseOutcome,
  isAdjudicated,
  reverse,
  type AdjudicatedClaim,
  type DenialRules,
  type OutcomeRules,
  type PricingRules,
  type SimOutcome,
} from './adjudicate';
import { write277ca, write999 } from './acks';
import { write835, type EraClaim } from './era';
import { read837p, type Sim837File, type SimClaim } from './read-837p';
import { denial, rejection277Codes, rejection999Codes, scenarioOf, type PayerScenario, type ScenarioTable } from './scenarios';
import { digits } from './writer';

/**
 * The payer SIMULATOR's pure core: an 837P in, the 999, 277CA and 835s a clearinghouse and
 * payer would send back. Every interchange it writes is marked: sender id `SIMULATOR`, payer
 * name starting with "SIMULATOR", payer claim numbers and check numbers starting with "SIM". It
 * is never Office Ally.
 *
 * Output is deterministic: the same 837 and the same `receivedAt` give the same bytes, and what
 * a claim is paid, its reasons and its payer claim number come from the claim itself (its
 * control number, payer and lines), so a scenario replays the same.
 */
export { SIMULATOR_ID } from './writer';
export { write999, write277ca } from './acks';
export { write835 } from './era';

export interface SimulatorOptions {
  outcomes?: OutcomeRules;
  pricing?: PricingRules;
  /** Payer id (2010BB NM109) -> the payer's scenario (see scenarios.ts). */
  scenarios?: ScenarioTable;
  /** When the on-time 835 is dated, counted from receipt; default 0. */
  eraDelayMs?: number;
  /** How long a scenario's day is (pays-late, reverses); default 24 hours. */
  dayMs?: number;
}

export interface SimClaimResult {
  claimId: string;
  payerRank: string;
  outcome: SimOutcome;
  /** The payer's scenario, when it has one. */
  scenario: PayerScenario | null;
  /** CLM05-3 = 8: the claim voids an earlier one; its 835 (if any) only reverses it. */
  isVoid: boolean;
  /** Null for a claim without an 835 (rejected, never answered, a void of an unpaid claim). */
  adjudication: AdjudicatedClaim | null;
  payerClaimControlNumber: string;
  /** 999 IK4 codes or 277CA STC status codes of a rejection. */
  rejectionCodes: string[];
  /** The claim's 835 comes this many scenario days after the on-time ones (pays-late). */
  lateDays: number;
  /** reverses: after `afterDays`, the 835 reverses the adjudication and pays it again. */
  reversal: { afterDays: number; reversed: AdjudicatedClaim; readjudicated: AdjudicatedClaim } | null;
}

/** An 835 that comes after the on-time one. */
export interface LaterEra {
  /** Scenario days after the on-time 835. */
  afterDays: number;
  /** Names it apart in the driver: LATE<n> or REVERSAL<n>. */
  label: string;
  content: string;
}

export interface SimulatorResult {
  file: Sim837File;
  claims: SimClaimResult[];
  ack999: string;
  /** Null when the 999 rejected every transaction set. */
  claimAck277: string | null;
  /** The on-time 835; null when no claim is paid, denied or reversed on time. */
  era835: string | null;
  laterEras: LaterEra[];
}

function payerClaimNumber(claim: SimClaim, frequency = claim.frequency): string {
  return `SIM${digits(`${claim.claimId}/${claim.payer.id}/${claim.payerRank}/${frequency}`, 12)}`;
}

function judge(claim: SimClaim, options: SimulatorOptions): SimClaimResult {
  const scenario = scenarioOf(claim.payer.id, options.scenarios) ?? null;
  let outcome = chooseOutcome(claim, options.outcomes, scenario ?? undefined);
  const isVoid = claim.frequency === '8';
  const pricing: PricingRules = {
    ...options.pricing,
    ...(scenario?.shareBasisPoints !== undefined ? { shareBasisPoints: scenario.shareBasisPoints } : {}),
  };
  const denialRules: DenialRules | undefined = scenario?.kind === 'denies' ? denial(scenario, claim.claimId) : undefined;
  const base = {
    claimId: claim.claimId,
    payerRank: claim.payerRank,
    scenario,
    isVoid,
    payerClaimControlNumber: payerClaimNumber(claim),
    lateDays: 0,
    reversal: null,
  };
  let rejectionCodes: string[] = [];
  if (outcome === 'rejected-999') rejectionCodes = scenario?.kind === 'rejects-999' ? rejection999Codes(scenario) : ['7'];
  if (isVoid) {
    // A void is acknowledged; what the payer had paid on the original is reversed, never paid again.
    if (outcome === 'rejected') outcome = 'no-answer';
    if (!isAdjudicated(outcome)) return { ...base, outcome, adjudication: null, rejectionCodes };
    const original = adjudicate({ ...claim, frequency: '1' }, outcome, pricing, denialRules);
    return {
      ...base,
      outcome,
      adjudication: reverse(original),
      payerClaimControlNumber: claim.originalReference || payerClaimNumber(claim, '1'),
      rejectionCodes,
    };
  }
  if (outcome === 'rejected') rejectionCodes = scenario?.kind === 'rejects-277ca' ? rejection277Codes(scenario) : ['21'];
  if (!isAdjudicated(outcome)) return { ...base, outcome, adjudication: null, rejectionCodes };
  const adjudication = adjudicate(claim, outcome, pricing, denialRules);
  const lateDays = scenario?.kind === 'pays-late' ? (scenario.days ?? 0) : 0;
  const reversal =
    scenario?.kind === 'reverses'
      ? { afterDays: scenario.days ?? 1, reversed: reverse(adjudication), readjudicated: adjudicate(claim, 'paid-in-full', pricing) }
      : null;
  return { ...base, outcome, adjudication, rejectionCodes, lateDays, reversal };
}

/**
 * Answers an 837P: chooses each claim's outcome (see OutcomeRules and the payer scenarios),
 * adjudicates it and writes the responses. `receivedAt` dates the 999 and 277CA; the on-time
 * 835 is dated `receivedAt + eraDelayMs`, a later one `afterDays` scenario days after it.
 * Throws SimulatorInputError when the 837 cannot be read.
 */
export function simulatePayer(text837: string, receivedAt: Date, options: SimulatorOptions = {}): SimulatorResult {
  const file = read837p(text837);
  const seed = sha256Hex(text837);
  const claims = file.groups.flatMap((g) => g.transactions.flatMap((tx) => tx.claims.map((claim) => judge(claim, options))));
  const eraDate = new Date(receivedAt.getTime() + (options.eraDelayMs ?? 0));
  const dayMs = options.dayMs ?? 86_400_000;
  const withhold = (r: SimClaimResult) => r.scenario?.withholdCents ?? 0;
  const onTime: EraClaim[] = [];
  const later = new Map<string, { afterDays: number; items: EraClaim[] }>();
  const addLater = (label: string, afterDays: number, item: EraClaim) => {
    const entry = later.get(label) ?? { afterDays, items: [] };
    entry.items.push(item);
    later.set(label, entry);
  };
  for (const r of claims) {
    if (!r.adjudication) continue;
    const item: EraClaim = { adjudication: r.adjudication, payerClaimControlNumber: r.payerClaimControlNumber, withholdCents: withhold(r) };
    if (r.lateDays > 0) addLater(`LATE${r.lateDays}`, r.lateDays, item);
    else onTime.push(item);
    if (r.reversal) {
      const label = `REVERSAL${r.reversal.afterDays}`;
      addLater(label, r.reversal.afterDays, { adjudication: r.reversal.reversed, payerClaimControlNumber: r.payerClaimControlNumber });
      addLater(label, r.reversal.afterDays, {
        adjudication: r.reversal.readjudicated,
        payerClaimControlNumber: `${r.payerClaimControlNumber}R`,
      });
    }
  }
  const laterEras: LaterEra[] = [];
  for (const [label, { afterDays, items }] of later) {
    const content = write835(file, items, `${seed}/${label}`, new Date(eraDate.getTime() + afterDays * dayMs), receivedAt);
    if (content) laterEras.push({ afterDays, label, content });
  }
  return {
    file,
    claims,
    ack999: write999(file, seed, receivedAt, claims),
    claimAck277: write277ca(file, claims, seed, receivedAt),
    era835: write835(file, onTime, seed, eraDate, receivedAt),
    laterEras,
  };
}
