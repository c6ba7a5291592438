/**
 * The likely bills for an unmatched ERA claim, for the person matching it by hand: bills whose
 * client has a policy with the member id the 835 names, whose claim was for the same charge, or
 * whose lines were on the same dates of service, best first, each with why it is likely. The ERA
 * claim is summarized as the 835 said it (PHI: BILLING with access to every practice only).
 */
import { z } from 'zod';
import type { QueuedEraClaim } from '../../activities/posting/era-claim';
import type { Prisma } from '../../generated/prisma/client';
import { notFound } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { fromDbDate, toDbDate } from '../../db/dates';
import { billStatus, id } from './common.schemas';

const candidateOut = z.object({
  billId: z.string(),
  practiceName: z.string(),
  client: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  status: billStatus,
  totalChargeCents: z.number().int(),
  datesOfService: z.array(z.string()),
  reasons: z.array(z.enum(['same member id', 'same charge', 'same dates of service'])),
  claims: z.array(
    z.object({
      id: z.string(),
      rank: z.string(),
      frequency: z.string(),
      status: z.string(),
      patientControlNumber: z.string(),
      payerName: z.string(),
    }),
  ),
  suggestedClaimId: z.string().nullable().describe('The claim this ERA most likely answers: the newest of the bill that is not a void'),
});

const eraOut = z.object({
  patientName: z.string().nullable(),
  memberIds: z.array(z.string()),
  chargeCents: z.number().int(),
  paidCents: z.number().int(),
  patientResponsibilityCents: z.number().int().nullable(),
  claimStatus: z.string(),
  datesOfService: z.array(z.string()),
  payerName: z.string(),
  payerClaimControlNumber: z.string().nullable(),
  patientControlNumber: z.string(),
  whyUnmatched: z.string(),
});

const include = {
  practice: { select: { name: true } },
  client: { select: { id: true, firstName: true, lastName: true, policies: { select: { memberId: true } } } },
  serviceLines: { select: { chargeCents: true, dateOfService: true } },
  claims: {
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      rank: true,
      frequency: true,
      status: true,
      patientControlNumber: true,
      totalChargeCents: true,
      payer: { select: { name: true } },
    },
  },
} satisfies Prisma.BillInclude;

function eraSummary(data: QueuedEraClaim) {
  const c = data.claim;
  const parties = [c.patient, c.insured, c.correctedInsured].filter((p) => p !== undefined);
  const memberIds = [...new Set(parties.flatMap((p) => (p.id?.value ? [p.id.value] : [])))];
  const dates = [
    ...new Set([
      ...c.serviceLines.flatMap((l) => [l.serviceDate, l.servicePeriodStart].filter((d): d is string => d !== undefined)),
      ...(c.statementFrom ? [c.statementFrom] : []),
    ]),
  ].sort();
  const name = c.patient ? [c.patient.firstName, c.patient.lastOrOrganizationName].filter(Boolean).join(' ') : '';
  return {
    patientName: name || null,
    memberIds,
    chargeCents: c.chargeCents,
    paidCents: c.paidCents,
    patientResponsibilityCents: c.patientResponsibilityCents ?? null,
    claimStatus: `${c.status.code} ${c.status.meaning ?? ''}`.trim(),
    datesOfService: dates,
    payerName: data.remittance.payerName,
    payerClaimControlNumber: c.payerClaimControlNumber ?? null,
    patientControlNumber: c.patientControlNumber,
    whyUnmatched: data.reason,
  };
}

export const eraCandidateRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/unmatched-era-claims/:unmatchedId/candidates',
    operationId: 'listEraMatchCandidates',
    summary: 'The likely bills for an unmatched ERA claim (same member id, charge, dates of service), best first',
    tag: 'remittances',
    roles: ['BILLING'],
    params: z.object({ unmatchedId: id }).strict(),
    responses: {
      200: {
        description: 'The ERA claim as the 835 said it, and the likely bills',
        schema: z.object({ era: eraOut, candidates: z.array(candidateOut) }),
      },
      404: { description: 'No such item' },
    },
    async handler({ deps, params, res }) {
      const item = await deps.db.unmatchedEraClaim.findUnique({ where: { id: params.unmatchedId } });
      if (!item) throw notFound('unmatched ERA claim', params.unmatchedId);
      const era = eraSummary(item.claimData as unknown as QueuedEraClaim);
      const or: Prisma.BillWhereInput[] = [{ claims: { some: { totalChargeCents: era.chargeCents } } }];
      if (era.memberIds.length > 0)
        or.push({
          client: { policies: { some: { OR: era.memberIds.map((m) => ({ memberId: { equals: m, mode: 'insensitive' as const } })) } } },
        });
      if (era.datesOfService.length > 0) or.push({ serviceLines: { some: { dateOfService: { in: era.datesOfService.map(toDbDate) } } } });
      const bills = await deps.db.bill.findMany({
        where: { status: { not: 'VOIDED' }, OR: or },
        include,
        take: 200,
        orderBy: { createdAt: 'desc' },
      });
      const members = new Set(era.memberIds.map((m) => m.toUpperCase()));
      const candidates = bills
        .map((b) => {
          const dates = [...new Set(b.serviceLines.map((l) => fromDbDate(l.dateOfService)))].sort();
          const total = b.serviceLines.reduce((t, l) => t + l.chargeCents, 0);
          const reasons: ('same member id' | 'same charge' | 'same dates of service')[] = [];
          if (b.client.policies.some((p) => members.has(p.memberId.toUpperCase()))) reasons.push('same member id');
          if (total === era.chargeCents || b.claims.some((c) => c.totalChargeCents === era.chargeCents)) reasons.push('same charge');
          if (era.datesOfService.length > 0 && dates.some((d) => era.datesOfService.includes(d))) reasons.push('same dates of service');
          const score =
            (reasons.includes('same member id') ? 4 : 0) +
            (reasons.includes('same charge') ? 2 : 0) +
            (reasons.includes('same dates of service') ? 1 : 0);
          return {
            score,
            candidate: {
              billId: b.id,
              practiceName: b.practice.name,
              client: { id: b.client.id, firstName: b.client.firstName, lastName: b.client.lastName },
              status: b.status,
              totalChargeCents: total,
              datesOfService: dates,
              reasons,
              claims: b.claims.map((c) => ({
                id: c.id,
                rank: c.rank,
                frequency: c.frequency,
                status: c.status,
                patientControlNumber: c.patientControlNumber,
                payerName: c.payer.name,
              })),
              suggestedClaimId: b.claims.find((c) => c.frequency !== 'VOID')?.id ?? null,
            },
          };
        })
        .filter((c) => c.score >= 2 && c.candidate.claims.length > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
        .map((c) => c.candidate);
      res.json({ era, candidates });
    },
  }),
];
