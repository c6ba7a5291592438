import { keepNotices, worthTelling } from '../../../activities/notices';
import type { BillEvent } from '../../../workflows/activity-contract';
import { databaseLabel, useTestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';

const testDb = useTestDatabase();

const ack = (claimId: string, accepted: boolean, payerClaimControlNumber?: string): BillEvent => ({
  billId: '',
  kind: 'ack',
  event: { claimId, fileId: 'f1', source: '277CA', accepted, ...(payerClaimControlNumber ? { payerClaimControlNumber } : {}) },
});

describe(`bill notices (${databaseLabel()})`, () => {
  it('keeps what a bill acts on: an acceptance only with the payer claim number, every rejection and payment', () => {
    expect(worthTelling(ack('c1', true))).toBe(false);
    expect(worthTelling(ack('c1', true, 'ICN1'))).toBe(true);
    expect(worthTelling(ack('c1', false))).toBe(true);
  });

  it('keeps each notice once, in order, however often the file is read again', async () => {
    const bill = await seedBill(testDb.db);
    const events: BillEvent[] = [
      { ...ack('c1', true), billId: bill.billId },
      { ...ack('c2', false), billId: bill.billId },
      {
        billId: bill.billId,
        kind: 'era',
        event: {
          claimId: 'c2',
          paymentId: 'p1',
          claimStatusCode: '1',
          paidCents: 100,
          patientResponsibilityCents: 0,
          crossover: false,
          reversal: false,
        },
      },
    ];
    expect(await keepNotices(testDb.db, 'file-n1', events)).toBe(2);
    expect(await keepNotices(testDb.db, 'file-n1', events)).toBe(2);
    const kept = await testDb.db.billNotice.findMany({ where: { source: 'file-n1' }, orderBy: { id: 'asc' } });
    expect(kept.map((n) => n.key)).toEqual(['ack/f1/c2', 'era/p1']);
    expect(kept.every((n) => n.toldAt === null && n.billId === bill.billId)).toBe(true);
  });
});
