/**
 * What the practice software and the first set-up send through the API with their keys before
 * a person opens the page: practices, payers, clients and bills. Invented people only.
 */
import type { BrowserStack } from './browser-stack';
import { MEMBER_ID } from './fixtures';

async function call<T>(stack: BrowserStack, key: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p} -> ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

let n = 0;

export interface Seeded {
  practiceId: string;
  practiceName: string;
  primaryPayerId: string;
  secondaryPayerId: string;
}

export async function seedPractice(
  stack: BrowserStack,
  settings: { name: string; autoBatchSecondary: boolean; submitsManually: boolean },
): Promise<Seeded> {
  n += 1;
  const tag = `${Date.now().toString(36).toUpperCase()}${n}`;
  const practice = await call<{ id: string }>(stack, stack.adminKey, 'POST', '/practices', {
    name: settings.name,
    npi: '1234567893',
    taxId: '123456789',
    taxonomyCode: '101YM0800X',
    addressLine1: '100 Main St',
    city: 'Springfield',
    state: 'IL',
    postalCode: '627011234',
    autoBatchSecondary: settings.autoBatchSecondary,
    submitsManually: settings.submitsManually,
  });
  await call(stack, stack.adminKey, 'POST', `/practices/${practice.id}/providers`, {
    npi: '1245319599',
    firstName: 'Dana',
    lastName: 'Rivers',
    taxonomyCode: '101YM0800X',
  });
  const primary = await call<{ id: string }>(stack, stack.adminKey, 'POST', '/payers', {
    name: `Acme Health ${n}`,
    payerCode: `ACME${tag}`,
    claimFilingIndicator: 'CI',
    responseDays: 30,
    timelyFilingDays: 180,
  });
  const secondary = await call<{ id: string }>(stack, stack.adminKey, 'POST', '/payers', {
    name: `Beacon Mutual ${n}`,
    payerCode: `BCN${tag}`,
    claimFilingIndicator: 'CI',
    timelyFilingDays: 365,
  });
  return { practiceId: practice.id, practiceName: settings.name, primaryPayerId: primary.id, secondaryPayerId: secondary.id };
}

/** A client with a primary and a secondary policy, and a draft bill of two lines ($150 + $50). */
export async function seedBill(
  stack: BrowserStack,
  seeded: Seeded,
  client: { firstName: string; lastName: string; memberId?: string },
): Promise<{ billId: string; clientId: string }> {
  const memberId = client.memberId ?? `${MEMBER_ID}${n}`;
  const created = await call<{ id: string }>(stack, stack.machineKey, 'POST', '/clients', {
    practiceId: seeded.practiceId,
    firstName: client.firstName,
    lastName: client.lastName,
    dateOfBirth: '1985-04-12',
    sex: 'F',
    addressLine1: '42 Elm St',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62704',
    policies: [
      { payerId: seeded.primaryPayerId, rank: 'PRIMARY', memberId, groupNumber: 'GRP100' },
      { payerId: seeded.secondaryPayerId, rank: 'SECONDARY', memberId: `${memberId}S` },
    ],
  });
  const bill = await call<{ id: string }>(stack, stack.machineKey, 'POST', '/bills', {
    practiceId: seeded.practiceId,
    clientId: created.id,
    diagnosisCodes: ['F41.1'],
    serviceLines: [
      { procedureCode: '90837', diagnosisPointers: [1], chargeCents: 15000, dateOfService: '2026-11-02' },
      { procedureCode: '90785', diagnosisPointers: [1], chargeCents: 5000, dateOfService: '2026-11-02' },
    ],
  });
  return { billId: bill.id, clientId: created.id };
}

export async function getBill(
  stack: BrowserStack,
  billId: string,
): Promise<{
  status: string;
  claims: { id: string; patientControlNumber: string; rank: string }[];
  flags: { reason: string }[];
  balances: { paidByRank: Record<string, number> };
}> {
  return call(stack, stack.machineKey, 'GET', `/bills/${billId}`);
}
