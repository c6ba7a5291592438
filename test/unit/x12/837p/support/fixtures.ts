/** Bills and envelopes for the 837P tests, built from the example bills in examples/bills. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { officeAllyConfig, type Batch837PInput, type Bill } from '../../../../../x12/837p';
import { parseBillFile } from '../../../../../x12/837p/input-schema';

export const repoRoot = path.resolve(__dirname, '../../../../..');

export type ExampleName = 'primary' | 'secondary-partial-payment' | 'secondary-denial' | 'tertiary';

/** A fresh deep copy of an example bill, parsed through the bill schema. */
export function example(name: ExampleName): Bill {
  const json = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'bills', `${name}.json`), 'utf8')) as unknown;
  const [bill] = parseBillFile(json).bills;
  if (!bill) throw new Error(`example ${name} holds no bill`);
  return bill;
}

export const submitter = { name: 'Calm Minds Billing', id: 'OA12345', contact: { name: 'EDI Desk', phone: '4105550199' } };

export function batchInput(bills: Bill[], overrides: Partial<Batch837PInput> = {}): Batch837PInput {
  return {
    bills,
    config: officeAllyConfig(submitter),
    controlNumbers: { interchange: 4201, group: 4201, transactionSet: 1 },
    createdAt: { date: '2026-11-27', time: '10:30' },
    mode: 'test',
    ...overrides,
  };
}

/** The same bill under another bill id and claim id, for batches. */
export function renamed(bill: Bill, suffix: string): Bill {
  return { ...structuredClone(bill), billId: `${bill.billId}-${suffix}`, claimId: `${bill.claimId.slice(0, 12)}${suffix}` };
}
