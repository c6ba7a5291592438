/**
 * A bill's money, as staff read it: what was charged, what each payer paid, what the payers
 * wrote off, what the client owes, what is still owed, and any credit (payers paid more than
 * was charged, or more than was left after the earlier payers). Pure code over the payments
 * that stand (reversals included: they net a payment to zero).
 *
 * Payer by payer, in rank order, what is left to collect moves on:
 *  - before the first payer, the whole charge is left;
 *  - a payer that answered leaves its patient responsibility (its PR adjustments) for the next
 *    payer or the client; a denial leaves what was left before it (the next payer is billed);
 *  - what a payer neither paid nor left is its write-off; a negative write-off is a credit:
 *    the payer paid more than was left.
 * So: charge = paid + adjustments + balance - credit, always.
 */
import { RANKS, type Rank } from './rank';

export interface BalancePayment {
  rank: Rank;
  paidCents: number;
  patientResponsibilityCents: number;
  claimStatusCode: string;
  /** A reversal entry (the payer's CLP02 22, or staff taking back a payment). */
  isReversal: boolean;
  /** Taken back by a reversal entry. */
  reversed: boolean;
  /** When it was posted, for "the latest answer" (ISO time or anything that sorts). */
  postedAt: string;
}

export interface BillBalances {
  chargeCents: number;
  paidByRank: Record<Rank, number>;
  paidCents: number;
  /** Written off by the payers (contractual and other adjustments, net of what a later payer covered). */
  adjustmentsCents: number;
  /** What the last payer that answered left to the client. */
  patientResponsibilityCents: number;
  /** Still to collect: from the next payer while one is left to answer, then from the client. */
  balanceCents: number;
  /** Paid beyond the charge or beyond what was left: money to refund or to expect taken back. */
  creditCents: number;
  owedBy: 'PAYER' | 'CLIENT' | 'NOBODY';
  /** The ranks whose payer has an answer standing. */
  answered: Rank[];
}

export function billBalances(input: {
  chargeCents: number;
  ranks: readonly Rank[];
  payments: readonly BalancePayment[];
  finished: boolean;
}): BillBalances {
  const paidByRank = { PRIMARY: 0, SECONDARY: 0, TERTIARY: 0 } satisfies Record<Rank, number>;
  let left = input.chargeCents;
  let adjustments = 0;
  let credit = 0;
  let patientResponsibility = 0;
  const answered: Rank[] = [];
  for (const rank of RANKS.filter((r) => input.ranks.includes(r))) {
    const mine = input.payments.filter((p) => p.rank === rank);
    const paid = mine.reduce((t, p) => t + p.paidCents, 0);
    paidByRank[rank] = paid;
    const answer = mine
      .filter((p) => !p.isReversal && !p.reversed)
      .sort((a, b) => a.postedAt.localeCompare(b.postedAt))
      .at(-1);
    if (!answer) {
      // No answer standing: anything paid (a payment and its reversal) is no write-off.
      const writeOff = left - paid - left;
      if (writeOff < 0) credit += -writeOff;
      continue;
    }
    answered.push(rank);
    const denied = answer.claimStatusCode === '4' && answer.paidCents === 0;
    const leftAfter = denied ? Math.max(0, left - paid) : answer.patientResponsibilityCents;
    const writeOff = left - paid - leftAfter;
    if (writeOff >= 0) adjustments += writeOff;
    else credit += -writeOff;
    patientResponsibility = answer.patientResponsibilityCents;
    left = leftAfter;
  }
  const paidCents = paidByRank.PRIMARY + paidByRank.SECONDARY + paidByRank.TERTIARY;
  const payerLeft = !input.finished && input.ranks.some((r) => !answered.includes(r));
  return {
    chargeCents: input.chargeCents,
    paidByRank,
    paidCents,
    adjustmentsCents: adjustments,
    patientResponsibilityCents: patientResponsibility,
    balanceCents: left,
    creditCents: credit,
    owedBy: left === 0 ? 'NOBODY' : payerLeft ? 'PAYER' : 'CLIENT',
    answered,
  };
}
