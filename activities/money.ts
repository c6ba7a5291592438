/**
 * The bill workflow's money activities: a match by hand (checked, posted, undone), a payment
 * taken back by staff, a discrepancy resolved, the bill's balances, and the snapshot a watching
 * run starts from. Each is idempotent.
 */
import { billBalances, type BalancePayment } from '../domain/balances';
import { isRank } from '../domain/rank';
import type { BillActivities } from '../workflows/activity-contract';
import type { Flag } from '../workflows/bill/definitions';
import type { ActivityContext } from './context';
import { resolveDiscrepancy } from './posting/discrepancy';
import { checkEraMatch, postMatchedEra, undoEraMatch } from './posting/manual-match';
import { reverseStaffPayment } from './posting/staff-reversal';

type Money = Pick<
  BillActivities,
  'checkEraMatch' | 'postMatchedEra' | 'undoEraMatch' | 'reversePayment' | 'resolveDiscrepancy' | 'billBalances' | 'loadBillSnapshot'
>;

function flagsOf(value: unknown): Flag[] {
  return Array.isArray(value) ? (value as Flag[]).filter((f) => typeof f?.reason === 'string' && typeof f.key === 'string') : [];
}

export function moneyActivities({ db, clock }: Pick<ActivityContext, 'db' | 'clock'>): Money {
  return {
    checkEraMatch: (input) => checkEraMatch(db, input),
    postMatchedEra: (input) => postMatchedEra(db, { ...input, now: clock() }),
    undoEraMatch: (input) => undoEraMatch(db, { ...input, now: clock() }),
    reversePayment: ({ paymentId, billId, actor, reason, requestKey }) =>
      reverseStaffPayment(db, { paymentId, billId, actor, reason, sourceKey: `reversal:${requestKey}` }),
    resolveDiscrepancy: (input) => resolveDiscrepancy(db, { ...input, now: clock() }),

    async billBalances({ billId, finished }) {
      const bill = await db.bill.findUniqueOrThrow({
        where: { id: billId },
        include: {
          serviceLines: { select: { chargeCents: true } },
          client: { include: { policies: { where: { active: true }, select: { rank: true } } } },
          claims: {
            select: {
              rank: true,
              payments: {
                where: { standing: 'STANDING' },
                select: {
                  paidCents: true,
                  patientResponsibilityCents: true,
                  claimStatusCode: true,
                  reversesPaymentId: true,
                  postedAt: true,
                  reversedBy: { select: { id: true } },
                },
              },
            },
          },
        },
      });
      const payments: BalancePayment[] = bill.claims.flatMap((c) =>
        c.payments.map((p) => ({
          rank: c.rank,
          paidCents: p.paidCents,
          patientResponsibilityCents: p.patientResponsibilityCents,
          claimStatusCode: p.claimStatusCode,
          isReversal: p.reversesPaymentId !== null,
          reversed: p.reversedBy !== null,
          postedAt: p.postedAt.toISOString(),
        })),
      );
      return billBalances({
        chargeCents: bill.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
        ranks: bill.client.policies.map((p) => p.rank).filter(isRank),
        payments,
        finished,
      });
    },

    async loadBillSnapshot(billId) {
      const bill = await db.bill.findUniqueOrThrow({
        where: { id: billId },
        select: {
          practiceId: true,
          status: true,
          currentRank: true,
          openFlags: true,
          needsAttention: true,
          attentionReason: true,
          attentionSince: true,
          stateStep: true,
        },
      });
      let flags = flagsOf(bill.openFlags);
      // A flag kept by the database alone (before flags were kept one by one): taken over as it is.
      if (flags.length === 0 && bill.needsAttention && bill.attentionReason) {
        const since = (bill.attentionSince ?? clock()).toISOString();
        flags = [
          { reason: bill.attentionReason, since, detail: 'flagged before this bill was watched', sticky: true, key: bill.attentionReason },
        ];
      }
      return { practiceId: bill.practiceId, status: bill.status, rank: bill.currentRank, flags, stateStep: bill.stateStep };
    },
  };
}
