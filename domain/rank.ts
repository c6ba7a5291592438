/**
 * Payer rank: which of a client's policies a claim goes to. One home for the word and its
 * order; pure code, safe in the workflow sandbox, the API, the activities and the 837P code.
 */
export type Rank = 'PRIMARY' | 'SECONDARY' | 'TERTIARY';

/** The ranks in the order a bill goes to its payers. */
export const RANKS = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const satisfies readonly Rank[];

/** 0 for the primary, 1 for the secondary, 2 for the tertiary. */
export function rankIndex(rank: Rank): number {
  return RANKS.indexOf(rank);
}

export function isRank(value: string): value is Rank {
  return (RANKS as readonly string[]).includes(value);
}

/** True when `a` comes after `b` in the order a bill goes to its payers. */
export function isLaterRank(a: Rank, b: Rank): boolean {
  return rankIndex(a) > rankIndex(b);
}

/** "primary", "secondary", "tertiary": the word staff read in a sentence. */
export function rankWord(rank: Rank): string {
  return rank.toLowerCase();
}

/** The rank of a lower-case word, as the 837P model and the 835 reader spell it. */
export function rankOfWord(word: 'primary' | 'secondary' | 'tertiary'): Rank {
  return word.toUpperCase() as Rank;
}
