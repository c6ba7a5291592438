/**
 * POST /bills/search: the work list. Bills needing attention first (why, since when), then
 * by status and how long they have waited in it; filters by practice, payer, status and the
 * practice's manual submission; a search over client names, the bill's id, our claim number
 * and the payer's claim number. A POST, so that a client's name never travels in a URL.
 */
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { attentionText, nextEscalation } from '../bill-next-steps';
import { practiceFilter } from '../practice-access';
import { defineRoute, type RouteDef } from '../route-table';
import { fromDbDate } from '../../db/dates';
import { pageOf } from '../support';
import { billStatus, cents, id, page, rank } from './common.schemas';

export const searchBody = z
  .object({
    practiceId: id.optional(),
    payerId: id.optional().describe("Bills with a claim to this payer, or whose client's active policy is with it"),
    status: z.array(billStatus).max(13).optional().describe('Any of these statuses'),
    needsAttention: z.boolean().optional(),
    submitsManually: z.boolean().optional().describe('Only bills of practices that do (or do not) upload claims by hand'),
    text: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe("Client name (words), the bill's id, our claim number or the payer's claim number"),
    sort: z
      .enum(['attention', 'oldest'])
      .default('attention')
      .describe('attention: needing attention first, then by status; oldest: longest in its status first'),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: id.optional(),
  })
  .strict();

const itemOut = z.object({
  id: z.string(),
  practiceId: z.string(),
  practiceName: z.string(),
  client: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  status: billStatus,
  rank,
  statusSince: z.string(),
  needsAttention: z.boolean(),
  attentionReason: z.string().nullable(),
  attentionText: z.string().nullable().describe('Why, in words'),
  attentionSince: z.string().nullable(),
  totalChargeCents: cents,
  firstDateOfService: z.string().nullable(),
  payer: z.object({ id: z.string(), name: z.string(), payerCode: z.string() }).nullable().describe('The payer the bill is with now'),
  claimNumber: z.string().nullable().describe("Our claim number (CLM01) of the bill's newest claim"),
  payerClaimNumber: z.string().nullable(),
  nextEscalation: z
    .object({ reason: z.string(), text: z.string(), at: z.string() })
    .nullable()
    .describe('When the bill escalates if nothing happens'),
});

const include = {
  practice: { select: { name: true } },
  client: {
    select: {
      id: true,
      firstName: true,
      lastName: true,
      policies: {
        where: { active: true },
        select: { rank: true, payer: { select: { id: true, name: true, payerCode: true, responseDays: true, timelyFilingDays: true } } },
      },
    },
  },
  serviceLines: { select: { chargeCents: true, dateOfService: true } },
  claims: {
    orderBy: { createdAt: 'desc' },
    select: {
      rank: true,
      patientControlNumber: true,
      payerClaimControlNumber: true,
      payer: { select: { id: true, name: true, payerCode: true, responseDays: true, timelyFilingDays: true } },
    },
  },
} satisfies Prisma.BillInclude;
type Row = Prisma.BillGetPayload<{ include: typeof include }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function textWhere(text: string): Prisma.BillWhereInput {
  const words = text.split(/\s+/).filter(Boolean);
  const upper = text.toUpperCase();
  const or: Prisma.BillWhereInput[] = [
    {
      AND: words.map((w) => ({
        client: {
          OR: [{ firstName: { contains: w, mode: 'insensitive' as const } }, { lastName: { contains: w, mode: 'insensitive' as const } }],
        },
      })),
    },
    { claims: { some: { patientControlNumber: upper } } },
    { claims: { some: { payerClaimControlNumber: { equals: text, mode: 'insensitive' } } } },
  ];
  if (UUID.test(text)) or.push({ id: text.toLowerCase() }, { claims: { some: { id: text.toLowerCase() } } });
  return { OR: or };
}

function view(b: Row) {
  const current = b.claims.find((c) => c.rank === b.currentRank);
  const payer = current?.payer ?? b.client.policies.find((p) => p.rank === b.currentRank)?.payer ?? null;
  const dates = b.serviceLines.map((l) => fromDbDate(l.dateOfService)).sort();
  return {
    id: b.id,
    practiceId: b.practiceId,
    practiceName: b.practice.name,
    client: { id: b.client.id, firstName: b.client.firstName, lastName: b.client.lastName },
    status: b.status,
    rank: b.currentRank,
    statusSince: b.statusSince.toISOString(),
    needsAttention: b.needsAttention,
    attentionReason: b.attentionReason,
    attentionText: attentionText(b.attentionReason),
    attentionSince: b.attentionSince?.toISOString() ?? null,
    totalChargeCents: b.serviceLines.reduce((t, l) => t + l.chargeCents, 0),
    firstDateOfService: dates[0] ?? null,
    payer: payer ? { id: payer.id, name: payer.name, payerCode: payer.payerCode } : null,
    claimNumber: b.claims[0]?.patientControlNumber ?? null,
    payerClaimNumber: b.claims.find((c) => c.payerClaimControlNumber)?.payerClaimControlNumber ?? null,
    nextEscalation: nextEscalation({
      status: b.status,
      statusSince: b.statusSince,
      waitingFor: b.status === 'PROCESSED' && b.claims[0]?.rank !== b.currentRank ? 'staff to set the next claim Ready to Batch' : null,
      firstDateOfService: dates[0] ?? null,
      payer,
    }),
  };
}

export const billSearchRoutes: RouteDef[] = [
  defineRoute({
    method: 'post',
    path: '/bills/search',
    operationId: 'searchBills',
    summary: 'The work list: bills needing attention first, then by status; filters and a search by name or number',
    description: 'A read, sent as POST so that a name searched for stays out of URLs and logs.',
    tag: 'bills',
    roles: ['BILLING'],
    body: searchBody,
    responses: { 200: { description: 'A page of bills', schema: page(itemOut) } },
    async handler({ deps, body, principal, res }) {
      const where: Prisma.BillWhereInput = {
        practiceId: practiceFilter(principal, body.practiceId),
        ...(body.status?.length ? { status: { in: body.status } } : {}),
        ...(body.needsAttention !== undefined ? { needsAttention: body.needsAttention } : {}),
        ...(body.submitsManually !== undefined ? { practice: { submitsManually: body.submitsManually } } : {}),
        AND: [
          ...(body.payerId
            ? [
                {
                  OR: [
                    { claims: { some: { payerId: body.payerId } } },
                    { client: { policies: { some: { payerId: body.payerId, active: true } } } },
                  ],
                },
              ]
            : []),
          ...(body.text ? [textWhere(body.text)] : []),
        ],
      };
      const orderBy: Prisma.BillOrderByWithRelationInput[] =
        body.sort === 'attention'
          ? [
              { needsAttention: 'desc' },
              { attentionSince: { sort: 'asc', nulls: 'last' } },
              { status: 'asc' },
              { statusSince: 'asc' },
              { id: 'asc' },
            ]
          : [{ statusSince: 'asc' }, { id: 'asc' }];
      const rows = await deps.db.bill.findMany({
        where,
        include,
        orderBy,
        take: body.limit + 1,
        ...(body.cursor ? { skip: 1, cursor: { id: body.cursor } } : {}),
      });
      res.json(pageOf(rows, body.limit, view));
    },
  }),
];
