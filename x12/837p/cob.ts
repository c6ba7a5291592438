/** Coordination of benefits: which policy is billed, which payers came before it and after. */
import type { Bill, PayerRank, Policy, Relationship } from './model';

export const RANK_ORDER: Readonly<Record<PayerRank, number>> = { primary: 0, secondary: 1, tertiary: 2 };

/** SBR01 payer responsibility sequence code. */
export const RANK_CODE: Readonly<Record<PayerRank, 'P' | 'S' | 'T'>> = { primary: 'P', secondary: 'S', tertiary: 'T' };

/** Individual relationship code of the patient to the subscriber (SBR02 / PAT01). */
export const RELATIONSHIP_CODE: Readonly<Record<Relationship, string>> = {
  self: '18',
  spouse: '01',
  child: '19',
  employee: '20',
  'life-partner': '53',
  other: 'G8',
  unknown: '21',
  'organ-donor': '39',
  'cadaver-donor': '40',
};

/** The relationship a code (SBR02 / PAT01) stands for, or undefined when the code is not one of them. */
export function relationshipOfCode(code: string): Relationship | undefined {
  return (Object.keys(RELATIONSHIP_CODE) as Relationship[]).find((r) => RELATIONSHIP_CODE[r] === code);
}

export interface IndexedPolicy {
  policy: Policy;
  /** Index in bill.policies, for error paths. */
  index: number;
}

export interface CobView {
  /** The policy billed, if the bill has one with rank `submitTo`. */
  target?: IndexedPolicy;
  /** Policies ranked before the billed one, primary first: they must carry their adjudication. */
  earlier: IndexedPolicy[];
  /** Policies ranked after: reported as other coverage, without adjudication. */
  later: IndexedPolicy[];
}

export function cobView(bill: Bill): CobView {
  const targetRank = RANK_ORDER[bill.submitTo];
  const indexed = (bill.policies ?? []).map((policy, index) => ({ policy, index }));
  indexed.sort((a, b) => RANK_ORDER[a.policy.rank] - RANK_ORDER[b.policy.rank]);
  return {
    target: indexed.find((p) => p.policy.rank === bill.submitTo),
    earlier: indexed.filter((p) => RANK_ORDER[p.policy.rank] < targetRank),
    later: indexed.filter((p) => RANK_ORDER[p.policy.rank] > targetRank),
  };
}

/** Ranks that must be present (with their adjudication) before `rank` can be billed. */
export function ranksBefore(rank: PayerRank): PayerRank[] {
  return (Object.keys(RANK_ORDER) as PayerRank[]).filter((r) => RANK_ORDER[r] < RANK_ORDER[rank]);
}
