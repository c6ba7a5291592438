/**
 * From the database to the 837P writer's input: one claim of a bill, with the patient,
 * its policies, and every earlier payer's adjudication as posted (reversed payments left out).
 */
import type { Db } from '../../db/prisma';
import type {
  Adjudication,
  Bill,
  ClaimFilingIndicator,
  InsuranceTypeCode,
  LineAdjudication,
  PayerRank,
  Policy,
  Relationship,
} from '../../x12/837p';
import { relationshipOfCode } from '../../x12/837p/cob';
import type { Adjustment, AdjustmentGroup } from '../../x12/common/adjustment';
import { fromDbDate } from '../../db/dates';
import { isRank, rankIndex } from '../../domain/rank';

const RANK: Record<string, PayerRank> = { PRIMARY: 'primary', SECONDARY: 'secondary', TERTIARY: 'tertiary' };
const FREQUENCY = { ORIGINAL: '1', REPLACEMENT: '7', VOID: '8' } as const;

/** Our line item control number (REF*6R), echoed in the 835's SVC loop: claim number and line. */
export function lineControlNumber(patientControlNumber: string, lineNumber: number): string {
  return `${patientControlNumber}-${lineNumber}`;
}

function address(a: {
  addressLine1: string | null;
  addressLine2?: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
}) {
  if (!a.addressLine1 || !a.city || !a.state || !a.postalCode) return undefined;
  return { line1: a.addressLine1, line2: a.addressLine2 ?? undefined, city: a.city, state: a.state, postalCode: a.postalCode };
}

function adjustment(a: { groupCode: string; reasonCode: string; amountCents: number; quantity: number | null }): Adjustment {
  return {
    group: a.groupCode as AdjustmentGroup,
    reason: a.reasonCode,
    amountCents: a.amountCents,
    ...(a.quantity !== null ? { quantity: a.quantity } : {}),
  };
}

export async function loadClaimForX12(
  db: Db,
  claimId: string,
): Promise<{ bill: Bill; practiceSubmitterId: string | null; practiceId: string }> {
  const claim = await db.claim.findUniqueOrThrow({
    where: { id: claimId },
    include: {
      bill: {
        include: {
          practice: true,
          renderingProvider: true,
          serviceLines: { orderBy: { lineNumber: 'asc' } },
          client: { include: { policies: { where: { active: true }, include: { payer: true } } } },
          claims: {
            orderBy: { createdAt: 'desc' },
            include: {
              payments: {
                // The adjudication that stands: not a reversal, not reversed, not a copy or one set aside.
                where: { reversesPaymentId: null, reversedBy: null, standing: 'STANDING' },
                orderBy: { postedAt: 'desc' },
                include: { adjustments: true, linePayments: { orderBy: { lineIndex: 'asc' } } },
              },
            },
          },
        },
      },
    },
  });
  const { bill } = claim;
  const lineNumberById = new Map(bill.serviceLines.map((l) => [l.id, l.lineNumber]));
  const billedRank = rankIndex(claim.rank);

  const adjudicationOf = (rank: string): Adjudication | undefined => {
    // The payer's latest standing answer, across the claims of that rank (newest first).
    const payment = bill.claims
      .filter((c) => c.rank === rank)
      .flatMap((c) => c.payments)
      .sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime())[0];
    if (!payment) return undefined;
    const claimLevel = payment.adjustments.filter((a) => a.lineIndex === null);
    const lines: LineAdjudication[] = payment.linePayments.flatMap((lp) => {
      const line = lp.serviceLineId ? lineNumberById.get(lp.serviceLineId) : undefined;
      if (line === undefined) return [];
      const billed = bill.serviceLines.find((l) => l.lineNumber === line);
      const sameCode = billed?.procedureCode === lp.procedureCode;
      return [
        {
          line,
          paidCents: lp.paidCents,
          adjustments: payment.adjustments.filter((a) => a.lineIndex === lp.lineIndex).map(adjustment),
          ...(sameCode ? {} : { procedureCode: lp.procedureCode, modifiers: lp.modifiers }),
          paidUnits: lp.units,
        },
      ];
    });
    return {
      adjudicationDate: fromDbDate(payment.adjudicationDate),
      paidCents: payment.paidCents,
      claimAdjustments: claimLevel.map(adjustment),
      remainingPatientLiabilityCents: payment.patientResponsibilityCents,
      payerClaimControlNumber: payment.payerClaimControlNumber ?? undefined,
      ...(lines.length > 0 ? { lines } : {}),
    };
  };

  const policies: Policy[] = bill.client.policies
    .filter((p) => isRank(p.rank))
    .map((p) => {
      // A code the writer does not know is passed on as it is: the validator refuses it by name, never guesses.
      const relationship = relationshipOfCode(p.relationshipCode) ?? (p.relationshipCode as Relationship);
      const earlier = rankIndex(p.rank) < billedRank;
      return {
        rank: RANK[p.rank]!,
        payer: { name: p.payer.name, payerId: p.payer.payerCode, address: address(p.payer) },
        memberId: p.memberId,
        groupNumber: p.groupNumber ?? undefined,
        claimFilingIndicator: p.payer.claimFilingIndicator as ClaimFilingIndicator,
        ...(p.insuranceTypeCode ? { insuranceTypeCode: p.insuranceTypeCode as InsuranceTypeCode } : {}),
        relationship,
        ...(relationship === 'self'
          ? {}
          : {
              subscriber: {
                lastName: p.subscriberLastName ?? '',
                firstName: p.subscriberFirstName ?? undefined,
                birthDate: p.subscriberDateOfBirth ? fromDbDate(p.subscriberDateOfBirth) : undefined,
                gender: (p.subscriberSex as 'M' | 'F' | 'U' | null) ?? undefined,
                address: address({
                  addressLine1: p.subscriberAddressLine1,
                  city: p.subscriberCity,
                  state: p.subscriberState,
                  postalCode: p.subscriberPostalCode,
                }),
              },
            }),
        ...(earlier ? { adjudication: adjudicationOf(p.rank) } : {}),
      };
    });

  const practice = bill.practice;
  const out: Bill = {
    billId: bill.id,
    claimId: claim.patientControlNumber,
    submitTo: RANK[claim.rank]!,
    frequency: FREQUENCY[claim.frequency],
    payerClaimControlNumber: claim.payerClaimControlNumber ?? undefined,
    billingProvider: {
      entity: 'organization',
      lastOrOrganizationName: practice.name,
      npi: practice.npi,
      taxonomy: practice.taxonomyCode ?? undefined,
      taxId: practice.taxId,
      address: address(practice)!,
      ...(practice.phone ? { contact: { name: practice.name, phone: practice.phone } } : {}),
    },
    ...(bill.renderingProvider
      ? {
          renderingProvider: {
            lastOrOrganizationName: bill.renderingProvider.lastName,
            firstName: bill.renderingProvider.firstName ?? undefined,
            npi: bill.renderingProvider.npi,
            taxonomy: bill.renderingProvider.taxonomyCode ?? undefined,
          },
        }
      : {}),
    patient: {
      lastName: bill.client.lastName,
      firstName: bill.client.firstName,
      birthDate: fromDbDate(bill.client.dateOfBirth),
      gender: bill.client.sex as 'M' | 'F' | 'U',
      address: address(bill.client),
    },
    policies,
    placeOfService: bill.placeOfService,
    diagnoses: bill.diagnosisCodes,
    serviceLines: bill.serviceLines.map((l) => ({
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      units: l.units,
      ...(l.placeOfService && l.placeOfService !== bill.placeOfService ? { placeOfService: l.placeOfService } : {}),
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: fromDbDate(l.dateOfService),
      lineControlNumber: lineControlNumber(claim.patientControlNumber, l.lineNumber),
    })),
  };
  return { bill: out, practiceSubmitterId: practice.submitterId, practiceId: practice.id };
}
