/**
 * Synthetic practices, payers, clients and bills for tests. The people are invented;
 * their names are distinctive so that a test can search logs and history for them.
 */
import type { Db } from '../../db/prisma';

export const PATIENT_FIRST = 'Zephyrine';
export const PATIENT_LAST = 'Quillfeather';
export const MEMBER_ID = 'MBRZQ99887766';

export interface SeededBill {
  practiceId: string;
  clientId: string;
  billId: string;
  primaryPayerId: string;
  secondaryPayerId: string;
  lineCharges: number[];
}

export interface SeedOptions {
  autoBatchSecondary?: boolean;
  submitsManually?: boolean;
  withSecondary?: boolean;
  withTertiary?: boolean;
  dateOfService?: string;
  primaryResponseDays?: number;
  tag?: string;
}

let n = 0;

export async function seedBill(db: Db, options: SeedOptions = {}): Promise<SeededBill> {
  n += 1;
  const tag = options.tag ?? `${Date.now().toString(36)}${n}`;
  const practice = await db.practice.create({
    data: {
      name: 'Harbor Counseling',
      npi: '1234567893',
      taxId: '123456789',
      taxonomyCode: '101YM0800X',
      addressLine1: '100 Main St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '627011234',
      autoBatchSecondary: options.autoBatchSecondary ?? true,
      submitsManually: options.submitsManually ?? false,
    },
  });
  const provider = await db.provider.create({
    data: { practiceId: practice.id, npi: '1245319599', firstName: 'Dana', lastName: 'Rivers', taxonomyCode: '101YM0800X' },
  });
  const primary = await db.payer.create({
    data: {
      name: 'Acme Health',
      payerCode: `ACME${tag}`,
      claimFilingIndicator: 'CI',
      responseDays: options.primaryResponseDays ?? 30,
      timelyFilingDays: 180,
    },
  });
  const secondary = await db.payer.create({
    data: { name: 'Beacon Mutual', payerCode: `BCN${tag}`, claimFilingIndicator: 'BL', timelyFilingDays: 365 },
  });
  const tertiary = await db.payer.create({
    data: { name: 'Cedar Aid', payerCode: `CDR${tag}`, claimFilingIndicator: 'MC', timelyFilingDays: 365 },
  });
  const client = await db.client.create({
    data: {
      practiceId: practice.id,
      firstName: PATIENT_FIRST,
      lastName: PATIENT_LAST,
      dateOfBirth: new Date('1985-04-12T00:00:00Z'),
      sex: 'F',
      addressLine1: '42 Elm St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62704',
    },
  });
  await db.insurancePolicy.create({
    data: { clientId: client.id, payerId: primary.id, rank: 'PRIMARY', memberId: MEMBER_ID, groupNumber: 'GRP100' },
  });
  if (options.withSecondary ?? true) {
    await db.insurancePolicy.create({ data: { clientId: client.id, payerId: secondary.id, rank: 'SECONDARY', memberId: `${MEMBER_ID}S` } });
  }
  if (options.withTertiary) {
    await db.insurancePolicy.create({ data: { clientId: client.id, payerId: tertiary.id, rank: 'TERTIARY', memberId: `${MEMBER_ID}T` } });
  }
  const dateOfService = new Date(`${options.dateOfService ?? '2026-11-02'}T00:00:00Z`);
  const lineCharges = [15000, 5000];
  const bill = await db.bill.create({
    data: {
      practiceId: practice.id,
      clientId: client.id,
      renderingProviderId: provider.id,
      diagnosisCodes: ['F411', 'F320'],
      serviceLines: {
        create: [
          {
            lineNumber: 1,
            procedureCode: '90837',
            modifiers: [],
            diagnosisPointers: [1, 2],
            units: 1,
            chargeCents: lineCharges[0]!,
            dateOfService,
          },
          {
            lineNumber: 2,
            procedureCode: '90785',
            modifiers: [],
            diagnosisPointers: [1],
            units: 1,
            chargeCents: lineCharges[1]!,
            dateOfService,
          },
        ],
      },
    },
  });
  return {
    practiceId: practice.id,
    clientId: client.id,
    billId: bill.id,
    primaryPayerId: primary.id,
    secondaryPayerId: secondary.id,
    lineCharges,
  };
}
