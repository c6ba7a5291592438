/**
 * Setting up the bench's data through the staff API, as staff would: API keys (made in the
 * database, as scripts/create-api-key.ts does), a practice with its provider, two payers and a
 * client with both policies; then bills in bulk, many requests at a time.
 */
import { createApiKey } from '../../api/auth';
import type { Db } from '../../db/prisma';
import { ApiClient, inPool } from './api-client';

export interface Keys {
  admin: ApiClient;
  billing: ApiClient;
}

export interface PracticeSetup {
  practiceId: string;
  providerId: string;
  clientId: string;
}

/** One line of $150.00, 90837, on `dateOfService`. */
export const BILL_CHARGE_CENTS = 15_000;

export async function createKeys(db: Db, apiUrl: string): Promise<Keys> {
  const admin = await createApiKey(db, { name: 'bench admin', role: 'ADMIN' });
  const billing = await createApiKey(db, { name: 'bench billing', role: 'BILLING' });
  return { admin: new ApiClient(apiUrl, admin.key), billing: new ApiClient(apiUrl, billing.key) };
}

let practices = 0;

/** A practice and what its bills need. `submitsManually`: bills are sent by manual upload, not by batch. */
export async function createPractice(
  keys: Keys,
  settings: { autoBatchSecondary: boolean; submitsManually: boolean },
): Promise<PracticeSetup> {
  practices += 1;
  const tag = `${Date.now().toString(36).toUpperCase()}${practices}`;
  const practice = await keys.admin.must<{ id: string }>(
    'POST',
    '/practices',
    {
      name: `Bench Practice ${practices}`,
      npi: '1234567893',
      taxId: '123456789',
      taxonomyCode: '101YM0800X',
      addressLine1: '100 Main St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '627011234',
      ...settings,
    },
    [201],
  );
  const provider = await keys.admin.must<{ id: string }>(
    'POST',
    `/practices/${practice.id}/providers`,
    { npi: '1245319599', firstName: 'Dana', lastName: 'Rivers', taxonomyCode: '101YM0800X' },
    [201],
  );
  const primary = await keys.admin.must<{ id: string }>(
    'POST',
    '/payers',
    { name: 'Bench Primary', payerCode: `BP${tag}`, claimFilingIndicator: 'CI', responseDays: 30, timelyFilingDays: 180 },
    [201],
  );
  const secondary = await keys.admin.must<{ id: string }>(
    'POST',
    '/payers',
    { name: 'Bench Secondary', payerCode: `BS${tag}`, claimFilingIndicator: 'BL', timelyFilingDays: 365 },
    [201],
  );
  const client = await keys.billing.must<{ id: string }>(
    'POST',
    '/clients',
    {
      practiceId: practice.id,
      firstName: 'Bench',
      lastName: 'Client',
      dateOfBirth: '1985-04-12',
      sex: 'F',
      addressLine1: '42 Elm St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62704',
      policies: [
        { payerId: primary.id, rank: 'PRIMARY', memberId: `M${tag}`, groupNumber: 'GRP100' },
        { payerId: secondary.id, rank: 'SECONDARY', memberId: `S${tag}` },
      ],
    },
    [201],
  );
  return { practiceId: practice.id, providerId: provider.id, clientId: client.id };
}

/** A date of service ten days ago (never in the future, well within timely filing). */
export function benchDateOfService(now = new Date()): string {
  return new Date(now.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
}

/** `count` bills created and submitted (POST /bills with submit), `concurrency` requests at a time. */
export async function createBills(keys: Keys, practice: PracticeSetup, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  const body = {
    practiceId: practice.practiceId,
    clientId: practice.clientId,
    renderingProviderId: practice.providerId,
    diagnosisCodes: ['F41.1'],
    serviceLines: [{ procedureCode: '90837', diagnosisPointers: [1], chargeCents: BILL_CHARGE_CENTS, dateOfService: benchDateOfService() }],
    submit: true,
  };
  await inPool(Array.from({ length: count }), concurrency, async () => {
    const bill = await keys.billing.must<{ id: string }>('POST', '/bills', body, [201]);
    ids.push(bill.id);
  });
  return ids;
}

/** Bills of a practice that submits by hand, Ready to Batch -> Awaiting Primary: the 837P downloaded, Claim Fix cleared. */
export async function sendByManualUpload(keys: Keys, billIds: readonly string[], concurrency: number): Promise<void> {
  await inPool(billIds, concurrency, async (billId) => {
    await keys.billing.must('POST', `/bills/${billId}/manual-upload`, undefined, [200]);
    await keys.billing.must('POST', `/bills/${billId}/claim-fix-cleared`, undefined, [200]);
  });
}
