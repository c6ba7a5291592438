/**
 * Clients (patients) and their insurance policies, with rank. BILLING only: this is PHI.
 * Lists show names and member ids masked to the last 4; one client's page shows all.
 */
import type { z } from 'zod';
import type { Client as ClientRow, InsurancePolicy, Payer } from '../../generated/prisma/client';
import type { Db } from '../../db/prisma';
import { practiceFilter } from '../practice-access';
import { jsonPointer } from '../../x12/837p/rules';
import { HttpProblem, invalidField, notFound, ProblemType } from '../problem';
import { defineRoute, type RouteDef } from '../route-table';
import { audit, maskMemberId, pageArgs, pageOf } from '../support';
import { fromDbDate, toDbDate } from '../../db/dates';
import { page } from './common.schemas';
import {
  clientListItem,
  clientOut,
  clientParams,
  createClientBody,
  createPolicyBody,
  listClientsQuery,
  policyOut,
  policyParams,
  updateClientBody,
  updatePolicyBody,
} from './clients.schemas';
import { checkBirthDate, checkInsuranceTypes } from './door-rules';

type PolicyRow = InsurancePolicy & { payer: Payer };
const d = (v: Date | null) => (v ? fromDbDate(v) : null);

export function policyView(p: PolicyRow) {
  return {
    id: p.id,
    clientId: p.clientId,
    payerId: p.payerId,
    payerCode: p.payer.payerCode,
    rank: p.rank,
    memberId: p.memberId,
    groupNumber: p.groupNumber,
    relationshipCode: p.relationshipCode,
    insuranceTypeCode: p.insuranceTypeCode,
    subscriberFirstName: p.subscriberFirstName,
    subscriberLastName: p.subscriberLastName,
    subscriberDateOfBirth: d(p.subscriberDateOfBirth),
    subscriberSex: p.subscriberSex,
    subscriberAddressLine1: p.subscriberAddressLine1,
    subscriberCity: p.subscriberCity,
    subscriberState: p.subscriberState,
    subscriberPostalCode: p.subscriberPostalCode,
    effectiveFrom: d(p.effectiveFrom),
    effectiveTo: d(p.effectiveTo),
    active: p.active,
  };
}

function clientView(c: ClientRow & { policies: PolicyRow[] }) {
  return {
    id: c.id,
    practiceId: c.practiceId,
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: fromDbDate(c.dateOfBirth),
    sex: c.sex,
    addressLine1: c.addressLine1,
    addressLine2: c.addressLine2,
    city: c.city,
    state: c.state,
    postalCode: c.postalCode,
    policies: c.policies.map(policyView),
  };
}

type PolicyInput = z.output<typeof createPolicyBody>;

type DateFields = 'subscriberDateOfBirth' | 'effectiveFrom' | 'effectiveTo';
function policyData<T extends Partial<PolicyInput>>(p: T): Omit<T, DateFields> & { [K in DateFields]?: Date | null } {
  const { subscriberDateOfBirth, effectiveFrom, effectiveTo, ...rest } = p;
  return {
    ...rest,
    ...(subscriberDateOfBirth !== undefined
      ? { subscriberDateOfBirth: subscriberDateOfBirth ? toDbDate(subscriberDateOfBirth) : null }
      : {}),
    ...(effectiveFrom !== undefined ? { effectiveFrom: effectiveFrom ? toDbDate(effectiveFrom) : null } : {}),
    ...(effectiveTo !== undefined ? { effectiveTo: effectiveTo ? toDbDate(effectiveTo) : null } : {}),
  };
}

const rankTaken = (rank: string, pointer: (string | number)[]) =>
  new HttpProblem(409, 'Rank taken', `the client has an active ${rank} policy already; deactivate it first`, {
    type: ProblemType.conflict,
    errors: [
      {
        in: 'body',
        pointer: `#${jsonPointer(pointer)}`,
        detail: `an active ${rank} policy exists`,
        code: 'duplicate',
      },
    ],
  });

async function checkPayers(db: Db, payerIds: { payerId: string; at: (string | number)[] }[]): Promise<void> {
  for (const { payerId, at } of payerIds) {
    if (!(await db.payer.findUnique({ where: { id: payerId } }))) throw invalidField('body', at, `no payer ${payerId}`);
  }
}

const withPolicies = { policies: { include: { payer: true }, orderBy: [{ rank: 'asc' as const }, { createdAt: 'asc' as const }] } };

export const clientRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/clients',
    operationId: 'listClients',
    summary: 'List clients (names; member ids masked to the last 4)',
    tag: 'clients',
    roles: ['BILLING'],
    query: listClientsQuery,
    responses: { 200: { description: 'A page of clients', schema: page(clientListItem) } },
    async handler({ deps, query, principal, res }) {
      const rows = await deps.db.client.findMany({
        where: {
          practiceId: practiceFilter(principal, query.practiceId),
          ...(query.lastName ? { lastName: { startsWith: query.lastName, mode: 'insensitive' as const } } : {}),
        },
        include: withPolicies,
        orderBy: { id: 'asc' },
        ...pageArgs(query),
      });
      res.json(
        pageOf(rows, query.limit, (c) => ({
          id: c.id,
          practiceId: c.practiceId,
          firstName: c.firstName,
          lastName: c.lastName,
          policies: c.policies.map((p) => ({
            id: p.id,
            rank: p.rank,
            payerId: p.payerId,
            payerCode: p.payer.payerCode,
            memberIdMasked: maskMemberId(p.memberId),
            active: p.active,
          })),
        })),
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/clients',
    operationId: 'createClient',
    idempotent: true,
    summary: 'Create a client, with their insurance policies',
    tag: 'clients',
    roles: ['BILLING'],
    body: createClientBody,
    responses: { 201: { description: 'The client', schema: clientOut }, 409: { description: 'Two active policies of one rank' } },
    async handler({ deps, body, principal, res }) {
      const { policies = [], dateOfBirth, ...client } = body;
      if (!(await deps.db.practice.findUnique({ where: { id: client.practiceId } })))
        throw invalidField('body', ['practiceId'], `no practice ${client.practiceId}`);
      await checkPayers(
        deps.db,
        policies.map((p, i) => ({ payerId: p.payerId, at: ['policies', i, 'payerId'] })),
      );
      await checkInsuranceTypes(
        deps.db,
        policies.map((p, i) => ({ ...p, at: ['policies', i, 'insuranceTypeCode'] })),
      );
      const seen = new Set<string>();
      policies.forEach((p, i) => {
        if ((p.active ?? true) && seen.has(p.rank)) throw rankTaken(p.rank, ['policies', i, 'rank']);
        if (p.active ?? true) seen.add(p.rank);
      });
      const created = await deps.db.$transaction(async (tx) => {
        const row = await tx.client.create({
          data: { ...client, dateOfBirth: toDbDate(dateOfBirth), policies: { create: policies.map((p) => policyData(p)) } },
          include: withPolicies,
        });
        await audit(tx, principal, {
          action: 'client:created',
          entityType: 'client',
          entityId: row.id,
          details: { practiceId: row.practiceId, policyIds: row.policies.map((p) => p.id) },
        });
        return row;
      });
      res.status(201).location(`/clients/${created.id}`).json(clientView(created));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/clients/:clientId',
    operationId: 'getClient',
    summary: 'Get a client with their policies (full member ids)',
    tag: 'clients',
    roles: ['BILLING'],
    params: clientParams,
    responses: { 200: { description: 'The client', schema: clientOut }, 404: { description: 'No such client' } },
    async handler({ deps, params, res }) {
      const client = await deps.db.client.findUnique({ where: { id: params.clientId }, include: withPolicies });
      if (!client) throw notFound('client', params.clientId);
      res.json(clientView(client));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/clients/:clientId',
    operationId: 'updateClient',
    summary: "Change a client's demographics",
    tag: 'clients',
    roles: ['BILLING'],
    params: clientParams,
    body: updateClientBody,
    responses: { 200: { description: 'The client', schema: clientOut }, 404: { description: 'No such client' } },
    async handler({ deps, params, body, principal, res }) {
      const { dateOfBirth, ...rest } = body;
      await checkBirthDate(deps.db, params.clientId, dateOfBirth, ['dateOfBirth']);
      const updated = await deps.db.$transaction(async (tx) => {
        if (!(await tx.client.findUnique({ where: { id: params.clientId } }))) throw notFound('client', params.clientId);
        const row = await tx.client.update({
          where: { id: params.clientId },
          data: { ...rest, ...(dateOfBirth ? { dateOfBirth: toDbDate(dateOfBirth) } : {}) },
          include: withPolicies,
        });
        await audit(tx, principal, {
          action: 'client:updated',
          entityType: 'client',
          entityId: row.id,
          details: { fields: Object.keys(body) },
        });
        return row;
      });
      res.json(clientView(updated));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/clients/:clientId/policies',
    operationId: 'listPolicies',
    summary: "A client's insurance policies, by rank",
    tag: 'clients',
    roles: ['BILLING'],
    params: clientParams,
    responses: { 200: { description: 'The policies', schema: page(policyOut) }, 404: { description: 'No such client' } },
    async handler({ deps, params, res }) {
      const client = await deps.db.client.findUnique({ where: { id: params.clientId }, include: withPolicies });
      if (!client) throw notFound('client', params.clientId);
      res.json({ items: client.policies.map(policyView), nextCursor: null });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/clients/:clientId/policies',
    operationId: 'createPolicy',
    idempotent: true,
    summary: 'Add an insurance policy to a client',
    tag: 'clients',
    roles: ['BILLING'],
    params: clientParams,
    body: createPolicyBody,
    responses: {
      201: { description: 'The policy', schema: policyOut },
      404: { description: 'No such client' },
      409: { description: 'An active policy of this rank exists' },
    },
    async handler({ deps, params, body, principal, res }) {
      if (!(await deps.db.client.findUnique({ where: { id: params.clientId } }))) throw notFound('client', params.clientId);
      await checkPayers(deps.db, [{ payerId: body.payerId, at: ['payerId'] }]);
      await checkInsuranceTypes(deps.db, [{ ...body, at: ['insuranceTypeCode'] }]);
      await checkBirthDate(deps.db, params.clientId, body.subscriberDateOfBirth, ['subscriberDateOfBirth']);
      if (
        (body.active ?? true) &&
        (await deps.db.insurancePolicy.findFirst({ where: { clientId: params.clientId, rank: body.rank, active: true } }))
      ) {
        throw rankTaken(body.rank, ['rank']);
      }
      const policy = await deps.db.$transaction(async (tx) => {
        const row = await tx.insurancePolicy.create({ data: { ...policyData(body), clientId: params.clientId }, include: { payer: true } });
        await audit(tx, principal, {
          action: 'policy:created',
          entityType: 'policy',
          entityId: row.id,
          details: { clientId: row.clientId, rank: row.rank, payerId: row.payerId },
        });
        return row;
      });
      res.status(201).json(policyView(policy));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/policies/:policyId',
    operationId: 'updatePolicy',
    summary: 'Change an insurance policy (rank, member id, subscriber, active)',
    description: "A bill's workflow reads the client's policies when it starts; a running bill keeps its plan.",
    tag: 'clients',
    roles: ['BILLING'],
    params: policyParams,
    body: updatePolicyBody,
    responses: {
      200: { description: 'The policy', schema: policyOut },
      404: { description: 'No such policy' },
      409: { description: 'An active policy of this rank exists' },
    },
    async handler({ deps, params, body, principal, res }) {
      const found = await deps.db.insurancePolicy.findUnique({ where: { id: params.policyId } });
      if (!found) throw notFound('policy', params.policyId);
      const rank = body.rank ?? found.rank;
      const active = body.active ?? found.active;
      const insuranceTypeCode = body.insuranceTypeCode !== undefined ? body.insuranceTypeCode : found.insuranceTypeCode;
      await checkInsuranceTypes(deps.db, [
        {
          payerId: found.payerId,
          rank,
          insuranceTypeCode,
          at: [body.insuranceTypeCode === undefined && body.rank ? 'rank' : 'insuranceTypeCode'],
        },
      ]);
      await checkBirthDate(deps.db, found.clientId, body.subscriberDateOfBirth, ['subscriberDateOfBirth']);
      if (
        active &&
        (await deps.db.insurancePolicy.findFirst({ where: { clientId: found.clientId, rank, active: true, id: { not: found.id } } }))
      ) {
        throw rankTaken(rank, [body.rank ? 'rank' : 'active']);
      }
      const policy = await deps.db.$transaction(async (tx) => {
        const row = await tx.insurancePolicy.update({ where: { id: params.policyId }, data: policyData(body), include: { payer: true } });
        await audit(tx, principal, {
          action: 'policy:updated',
          entityType: 'policy',
          entityId: row.id,
          details: { clientId: row.clientId, fields: Object.keys(body) },
        });
        return row;
      });
      res.json(policyView(policy));
    },
  }),
];
