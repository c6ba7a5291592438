/**
 * The bill workflow's database work: its plan, its status as staff see it, its claims.
 * Each function is idempotent, so that Temporal can retry it after a crash.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { BillActivities, ClaimOutcomeInput, OpenClaimInput, OpenedClaim, RecordBillStateInput } from '../workflows/activity-contract';
import { RANKS } from '../domain/rank';
import type { BillPlan, PayerStep } from '../workflows/bill/definitions';
import type { ActivityContext } from './context';
import { nextPatientControlNumber } from './control-numbers';
import { fromDbDate } from '../db/dates';

export function billActivities({
  db,
  clock,
  escalationTimeScale,
}: Pick<ActivityContext, 'db' | 'clock' | 'escalationTimeScale'>): Omit<
  BillActivities,
  | 'writeManualClaimFile'
  | 'postEobPayment'
  | 'applyBillCorrection'
  | 'checkEraMatch'
  | 'postMatchedEra'
  | 'undoEraMatch'
  | 'reversePayment'
  | 'resolveDiscrepancy'
  | 'billBalances'
  | 'loadBillSnapshot'
> {
  /** A claim's outcome (one statement: on its own, or in the transaction of the bill's step). */
  const claimOutcome = (input: ClaimOutcomeInput) =>
    db.claim.update({
      where: { id: input.claimId },
      data: {
        status: input.status,
        statusReason: input.reason ?? null,
        ...(input.status === 'SUBMITTED' ? { submittedAt: clock() } : {}),
      },
    });

  return {
    async loadBillPlan(billId: string): Promise<BillPlan> {
      const bill = await db.bill.findUnique({
        where: { id: billId },
        include: {
          practice: true,
          serviceLines: { orderBy: { lineNumber: 'asc' } },
          client: { include: { policies: { where: { active: true }, include: { payer: true } } } },
        },
      });
      if (!bill) throw ApplicationFailure.nonRetryable(`bill ${billId} does not exist`, 'UnknownBill');
      if (bill.serviceLines.length === 0) throw ApplicationFailure.nonRetryable(`bill ${billId} has no service lines`, 'InvalidBill');
      const payers: PayerStep[] = [];
      for (const rank of RANKS) {
        const policy = bill.client.policies.find((p) => p.rank === rank);
        if (!policy) break;
        payers.push({
          rank,
          policyId: policy.id,
          payerId: policy.payerId,
          payerCode: policy.payer.payerCode,
          responseDays: policy.payer.responseDays,
          timelyFilingDays: policy.payer.timelyFilingDays,
        });
      }
      if (payers.length === 0)
        throw ApplicationFailure.nonRetryable(`bill ${billId}: the client has no active primary policy`, 'InvalidBill');
      const firstDate = bill.serviceLines.map((l) => fromDbDate(l.dateOfService)).sort()[0]!;
      return {
        billId,
        practiceId: bill.practiceId,
        payers,
        autoBatchSecondary: bill.practice.autoBatchSecondary,
        submitsManually: bill.practice.submitsManually,
        firstDateOfService: firstDate,
        totalChargeCents: bill.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
        lines: bill.serviceLines.map((l) => ({ lineNumber: l.lineNumber, chargeCents: l.chargeCents })),
        ...(escalationTimeScale !== 1 ? { escalationTimeScale } : {}),
      };
    },

    async recordBillState(input: RecordBillStateInput): Promise<void> {
      await db.$transaction([
        ...(input.claim ? [claimOutcome(input.claim)] : []),
        // Steps recorded at the same moment (an update's and the main flow's) may land in any order.
        db.bill.updateMany({
          where: { id: input.billId, stateStep: { lt: input.stepNumber } },
          data: {
            stateStep: input.stepNumber,
            status: input.status,
            currentRank: input.rank,
            needsAttention: input.needsAttention,
            attentionReason: input.attentionReason ?? null,
            attentionSince: input.attentionSince ? new Date(input.attentionSince) : null,
            statusSince: new Date(input.statusSince),
            ...(input.flags ? { openFlags: input.flags.map((f) => ({ ...f })) } : {}),
          },
        }),
        db.auditEvent.createMany({
          data: [
            {
              at: new Date(input.step.at),
              actor: input.step.actor,
              action: input.step.action,
              entityType: 'bill',
              entityId: input.billId,
              billId: input.billId,
              details: { note: input.step.note, status: input.status, rank: input.rank, claimId: input.step.claimId ?? null },
              dedupeKey: input.dedupeKey,
            },
          ],
          skipDuplicates: true,
        }),
      ]);
    },

    async openClaim(input: OpenClaimInput): Promise<OpenedClaim> {
      const existing = await db.claim.findUnique({ where: { requestKey: input.requestKey }, include: { payer: true } });
      if (existing)
        return { claimId: existing.id, patientControlNumber: existing.patientControlNumber, payerCode: existing.payer.payerCode };
      const bill = await db.bill.findUniqueOrThrow({
        where: { id: input.billId },
        include: {
          serviceLines: true,
          client: { include: { policies: { where: { active: true, rank: input.rank }, include: { payer: true } } } },
        },
      });
      const policy = bill.client.policies[0];
      if (!policy)
        throw ApplicationFailure.nonRetryable(`bill ${input.billId}: the client has no active ${input.rank} policy`, 'InvalidBill');
      let payerClaimControlNumber: string | null = null;
      if (input.replacesClaimId) {
        const replaced = await db.claim.findUniqueOrThrow({ where: { id: input.replacesClaimId } });
        payerClaimControlNumber = replaced.payerClaimControlNumber;
        if (input.frequency !== 'ORIGINAL' && !payerClaimControlNumber) {
          const latest = await db.payment.findFirst({
            where: { claimId: replaced.id, payerClaimControlNumber: { not: null } },
            orderBy: { postedAt: 'desc' },
          });
          payerClaimControlNumber = latest?.payerClaimControlNumber ?? null;
        }
      }
      const created = await db.claim.create({
        data: {
          billId: input.billId,
          payerId: policy.payerId,
          policyId: policy.id,
          rank: input.rank,
          frequency: input.frequency,
          patientControlNumber: await nextPatientControlNumber(db),
          payerClaimControlNumber,
          replacesClaimId: input.replacesClaimId ?? null,
          status: input.crossover ? 'CROSSOVER' : 'PENDING',
          totalChargeCents: bill.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
          requestKey: input.requestKey,
        },
      });
      return { claimId: created.id, patientControlNumber: created.patientControlNumber, payerCode: policy.payer.payerCode };
    },

    async setClaimStatus(input: ClaimOutcomeInput): Promise<void> {
      await claimOutcome(input);
    },

    async voidUnsentClaim({ claimId, reason }): Promise<{ voided: boolean }> {
      // Conditional: a batch that reserved the claim meanwhile wins, and the claim goes to the payer.
      const taken = await db.claim.updateMany({
        where: { id: claimId, batchId: null, status: { in: ['PENDING', 'REJECTED'] } },
        data: { status: 'VOIDED', statusReason: reason },
      });
      if (taken.count > 0) return { voided: true };
      const claim = await db.claim.findUniqueOrThrow({ where: { id: claimId }, select: { status: true, batchId: true } });
      return { voided: claim.status === 'VOIDED' && claim.batchId === null };
    },

    async attachRemittance(input): Promise<void> {
      const remittance = await db.remittance.findUnique({ where: { id: input.remittanceId } });
      if (!remittance) throw ApplicationFailure.nonRetryable(`remittance ${input.remittanceId} does not exist`, 'UnknownRemittance');
      await db.auditEvent.createMany({
        data: [
          {
            actor: input.actor,
            action: 'remittance-attached',
            entityType: 'remittance',
            entityId: input.remittanceId,
            billId: input.billId,
            details: { claimId: input.claimId, kind: remittance.kind },
            dedupeKey: `attach/${input.claimId}/${input.remittanceId}`,
          },
        ],
        skipDuplicates: true,
      });
    },
  };
}
