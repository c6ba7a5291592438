/**
 * A batch with nothing to send records nothing; a FAILED batch always says why, per claim.
 * The batch activity runs against the real database; the API reads what it left.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { batchActivities } from '../../../activities/batches';
import { systemClock } from '../../../activities/context';
import { x12SettingsFromEnv, type X12Settings } from '../../../activities/claims/x12-settings';
import { LocalDirectoryClearinghouse } from '../../../clearinghouse/local-directory';
import { createApiHarness, type ApiHarness } from '../../support/api-harness';
import { useTestDatabase } from '../../support/database';
import { seedBill, type SeededBill } from '../../support/fixtures';

const testDb = useTestDatabase();
let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness(testDb.db);
});

function activities(x12: X12Settings = x12SettingsFromEnv({})) {
  const clearinghouse = new LocalDirectoryClearinghouse(mkdtempSync(path.join(tmpdir(), 'batch-why-')));
  return batchActivities({ db: testDb.db, clearinghouse, x12, clock: systemClock, escalationTimeScale: 1 });
}

/** A bill Ready to Batch with its primary claim waiting, as the bill's workflow leaves it. */
async function readyClaim(seeded: SeededBill, patientControlNumber: string): Promise<string> {
  const policy = await testDb.db.insurancePolicy.findFirstOrThrow({ where: { clientId: seeded.clientId, rank: 'PRIMARY' } });
  await testDb.db.bill.update({ where: { id: seeded.billId }, data: { status: 'READY_TO_BATCH' } });
  const claim = await testDb.db.claim.create({
    data: {
      billId: seeded.billId,
      payerId: policy.payerId,
      policyId: policy.id,
      rank: 'PRIMARY',
      patientControlNumber,
      totalChargeCents: seeded.lineCharges.reduce((t, c) => t + c, 0),
    },
  });
  return claim.id;
}

const billing = () => ({ Authorization: `Bearer ${h.billingKey}` });

describe('batches', () => {
  it('with nothing Ready to Batch records nothing: no FAILED batch for lists to show', async () => {
    const seeded = await seedBill(testDb.db);
    const result = await activities().createBatch({ practiceId: seeded.practiceId, batchKey: `empty-${seeded.billId}`, actor: 'key:test' });
    expect(result).toBeNull();
    expect(await testDb.db.batch.count({ where: { practiceId: seeded.practiceId } })).toBe(0);
    const list = await request(h.app).get(`/batches?practiceId=${seeded.practiceId}`).set(billing()).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('FAILED because every claim fails an 837P rule says so, and each claim says why', async () => {
    const seeded = await seedBill(testDb.db);
    const claimId = await readyClaim(seeded, `WHY${Date.now().toString(36).toUpperCase()}`);
    await testDb.db.serviceLine.updateMany({ where: { billId: seeded.billId, lineNumber: 1 }, data: { procedureCode: '9083X' } });
    const batch = await activities().createBatch({
      practiceId: seeded.practiceId,
      batchKey: `refused-${seeded.billId}`,
      actor: 'key:test',
    });
    expect(batch?.fileId).toBeNull();
    const res = await request(h.app)
      .get(`/batches/${batch?.batchId ?? ''}`)
      .set(billing())
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringContaining('every claim of the batch (1) fails an 837P rule'),
      refusedClaims: [
        {
          claimId,
          billId: seeded.billId,
          problems: ['/serviceLines/0/procedureCode: is not a CPT or HCPCS code (5 characters, e.g. 90837 or G0108)'],
        },
      ],
    });
    const claim = await testDb.db.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(claim.batchId).toBeNull();
    expect(claim.statusReason).toContain('/serviceLines/0/procedureCode');
  });

  it('FAILED because the file could not be written says why, and gives the claims back', async () => {
    const seeded = await seedBill(testDb.db);
    const claimId = await readyClaim(seeded, `ENV${Date.now().toString(36).toUpperCase()}`);
    const acts = activities({ ...x12SettingsFromEnv({}), submitterPhone: '555-01' });
    const batchKey = `envelope-${seeded.billId}`;
    await expect(acts.createBatch({ practiceId: seeded.practiceId, batchKey, actor: 'key:test' })).rejects.toThrow(/contact\/phone/);
    const batch = await testDb.db.batch.findUniqueOrThrow({ where: { batchKey } });
    expect(batch.status).toBe('FAILED');
    expect(batch.failureReason).toBe(
      'the 837P file could not be written: /config/submitter/contact/phone: must be a telephone number of 10 digits',
    );
    expect((await testDb.db.claim.findUniqueOrThrow({ where: { id: claimId } })).batchId).toBeNull();
  });
});
