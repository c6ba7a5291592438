/**
 * The API applies the 837P writer's rules at its door, with the writer's words: a practice,
 * provider, payer, client, policy, bill or payment the writer would refuse days later is
 * refused when it is created or changed (422, the field named by JSON Pointer, the rule as
 * code). No request here reaches Temporal.
 */
import request from 'supertest';
import { calendarDateOf } from '../../../x12/common/dates';
import { validateBill } from '../../../x12/837p';
import { dateOfService, rule } from '../../../x12/837p/rules';
import { createApiHarness, type ApiHarness } from '../../support/api-harness';
import { useTestDatabase } from '../../support/database';
import { seedBill } from '../../support/fixtures';
import { example } from '../../unit/x12/837p/support/fixtures';
import { describeSamples, sample } from '../../unit/x12/readers/samples';

const testDb = useTestDatabase();
let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness(testDb.db);
});

const admin = () => ({ Authorization: `Bearer ${h.adminKey}` });
const billing = () => ({ Authorization: `Bearer ${h.billingKey}` });
const tomorrow = () => calendarDateOf(new Date(Date.now() + 86_400_000));

type FieldError = { in: string; pointer: string; detail: string; code?: string };
function errorsOf(res: request.Response): FieldError[] {
  expect(res.status).toBe(422);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.body.errors as FieldError[];
}

const practice = {
  name: 'Harbor Counseling',
  npi: '1234567893',
  taxId: '123456789',
  taxonomyCode: '101YM0800X',
  addressLine1: '100 Main St',
  city: 'Springfield',
  state: 'IL',
  postalCode: '627011234',
};

describe('a practice (the billing provider) the writer would refuse', () => {
  it('is refused with the message the writer gives for the same value', async () => {
    const res = await request(h.app)
      .post('/practices')
      .set(admin())
      .send({ ...practice, postalCode: '62701', npi: '1234567890', addressLine1: 'P.O. Box 12', taxonomyCode: '101YM0800', state: 'XX' });
    const errors = errorsOf(res);
    const bill = example('primary');
    bill.billingProvider.address.postalCode = '62701';
    bill.billingProvider.npi = '1234567890';
    bill.billingProvider.address.line1 = 'P.O. Box 12';
    bill.billingProvider.taxonomy = '101YM0800';
    bill.billingProvider.address.state = 'XX';
    const writer = validateBill(bill, { today: calendarDateOf(new Date()) });
    const pairs: [string, string][] = [
      ['#/postalCode', '/billingProvider/address/postalCode'],
      ['#/npi', '/billingProvider/npi'],
      ['#/addressLine1', '/billingProvider/address/line1'],
      ['#/taxonomyCode', '/billingProvider/taxonomy'],
      ['#/state', '/billingProvider/address/state'],
    ];
    for (const [api, writerPointer] of pairs) {
      const door = errors.find((e) => e.pointer === api);
      const later = writer.find((i) => i.pointer === writerPointer);
      expect(later).toBeDefined();
      expect(door).toEqual({ in: 'body', pointer: api, detail: later?.message, code: later?.rule });
    }
    expect(errors.find((e) => e.pointer === '#/npi')?.code).toBe('npi-check-digit');
  });
});

describe('a provider, a payer', () => {
  it('refuses a rendering NPI failing its check digit, and letters with no ASCII form in a name', async () => {
    const seeded = await seedBill(testDb.db);
    const res = await request(h.app)
      .post(`/practices/${seeded.practiceId}/providers`)
      .set(admin())
      .send({ npi: '1245319590', lastName: 'Иванова' });
    expect(errorsOf(res)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '#/npi', code: 'npi-check-digit' }),
        expect.objectContaining({ pointer: '#/lastName', code: 'no-ascii-form' }),
      ]),
    );
  });

  it('refuses a payer without a claim filing indicator: never assumed', async () => {
    const res = await request(h.app).post('/payers').set(admin()).send({ name: 'Acme', payerCode: 'ACMEX1' });
    expect(errorsOf(res)).toEqual([{ in: 'body', pointer: '#/claimFilingIndicator', detail: 'is required', code: 'required' }]);
  });

  it('refuses a new claim filing indicator that would leave a policy unwritable (Medicare without SBR05)', async () => {
    const seeded = await seedBill(testDb.db);
    const res = await request(h.app).patch(`/payers/${seeded.secondaryPayerId}`).set(admin()).send({ claimFilingIndicator: 'MB' });
    expect(errorsOf(res)).toEqual([
      expect.objectContaining({
        pointer: '#/claimFilingIndicator',
        code: 'required',
        detail: expect.stringContaining('insurance type code'),
      }),
    ]);
  });
});

describe('a client and their policies', () => {
  it('refuses a birth date in the future, with the rule named', async () => {
    const seeded = await seedBill(testDb.db);
    const res = await request(h.app).post('/clients').set(billing()).send({
      practiceId: seeded.practiceId,
      firstName: 'Ann',
      lastName: 'Lee',
      dateOfBirth: tomorrow(),
      sex: 'F',
      addressLine1: '1 Elm St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62704',
    });
    expect(errorsOf(res)).toEqual([expect.objectContaining({ pointer: '#/dateOfBirth', code: 'future-date' })]);
  });

  it('refuses Medicare as secondary without an insurance type code, and one on a primary policy', async () => {
    const seeded = await seedBill(testDb.db);
    const medicare = await request(h.app)
      .post('/payers')
      .set(admin())
      .send({ name: 'Medicare Part B', payerCode: `MCR${Date.now()}`, claimFilingIndicator: 'MB' })
      .expect(201);
    const payerId = medicare.body.id as string;
    const secondary = await request(h.app)
      .post(`/clients/${seeded.clientId}/policies`)
      .set(billing())
      .send({ payerId, rank: 'TERTIARY', memberId: '1EG4TE5MK73' });
    expect(errorsOf(secondary)).toEqual([
      expect.objectContaining({ pointer: '#/insuranceTypeCode', code: 'required', detail: expect.stringContaining('Medicare') }),
    ]);
    const withCode = await request(h.app)
      .post(`/clients/${seeded.clientId}/policies`)
      .set(billing())
      .send({ payerId, rank: 'TERTIARY', memberId: '1EG4TE5MK73', insuranceTypeCode: '12' })
      .expect(201);
    expect(withCode.body.insuranceTypeCode).toBe('12');
    // Made primary, the code no longer applies: refused on the field that changed.
    await request(h.app)
      .patch(`/policies/${withCode.body.id as string}`)
      .set(billing())
      .send({ active: false })
      .expect(200);
    const primary = await request(h.app)
      .patch(`/policies/${withCode.body.id as string}`)
      .set(billing())
      .send({ rank: 'PRIMARY' });
    expect(errorsOf(primary)).toEqual([expect.objectContaining({ pointer: '#/rank', code: 'not-applicable' })]);
  });

  it("refuses a birth date after a date of service the client's bills already have", async () => {
    const seeded = await seedBill(testDb.db, { dateOfService: '2026-11-02' });
    const res = await request(h.app).patch(`/clients/${seeded.clientId}`).set(billing()).send({ dateOfBirth: '2026-11-03' });
    expect(errorsOf(res)).toEqual([expect.objectContaining({ pointer: '#/dateOfBirth', code: 'date-order' })]);
  });
});

describe('a bill and a payment', () => {
  const line = (dateOfService: string, procedureCode = '90837') => ({
    procedureCode,
    diagnosisPointers: [1],
    chargeCents: 15000,
    dateOfService,
  });

  it('refuses a date of service in the future with the writer’s words, and a code the writer would refuse', async () => {
    const seeded = await seedBill(testDb.db);
    const res = await request(h.app)
      .post('/bills')
      .set(billing())
      .send({
        practiceId: seeded.practiceId,
        clientId: seeded.clientId,
        diagnosisCodes: ['F41.1'],
        serviceLines: [line(tomorrow()), line('2026-11-02', 'ABCDE')],
      });
    expect(errorsOf(res)).toEqual(
      expect.arrayContaining([
        {
          in: 'body',
          pointer: '#/serviceLines/0/dateOfService',
          detail: dateOfService(tomorrow(), calendarDateOf(new Date()))?.message,
          code: 'future-date',
        },
        {
          in: 'body',
          pointer: '#/serviceLines/1/procedureCode',
          detail: rule.procedureCode('ABCDE')?.message,
          code: 'procedure-code-format',
        },
      ]),
    );
    const patch = await request(h.app)
      .patch(`/bills/${seeded.billId}`)
      .set(billing())
      .send({ serviceLines: [{ lineNumber: 1, dateOfService: tomorrow() }] });
    expect(errorsOf(patch)).toEqual([expect.objectContaining({ pointer: '#/serviceLines/0/dateOfService', code: 'future-date' })]);
  });

  it('refuses a date of service before the patient was born', async () => {
    const seeded = await seedBill(testDb.db);
    const res = await request(h.app)
      .post('/bills')
      .set(billing())
      .send({ practiceId: seeded.practiceId, clientId: seeded.clientId, diagnosisCodes: ['F41.1'], serviceLines: [line('1985-04-11')] });
    expect(errorsOf(res)).toEqual([expect.objectContaining({ pointer: '#/serviceLines/0/dateOfService', code: 'date-order' })]);
    expect(await testDb.db.bill.count({ where: { clientId: seeded.clientId } })).toBe(1);
  });

  it("refuses a payer's adjudication date before the date of service, or in the future", async () => {
    const seeded = await seedBill(testDb.db, { dateOfService: '2026-11-02' });
    const payment = (adjudicationDate: string) => ({
      paidCents: 0,
      patientResponsibilityCents: 0,
      adjudicationDate,
      adjustments: [{ group: 'CO', reason: '27', amountCents: 20000 }],
    });
    const before = await request(h.app).post(`/bills/${seeded.billId}/payments`).set(billing()).send(payment('2026-11-01'));
    expect(errorsOf(before)).toEqual([expect.objectContaining({ pointer: '#/adjudicationDate', code: 'date-order' })]);
    const future = await request(h.app).post(`/bills/${seeded.billId}/payments`).set(billing()).send(payment(tomorrow()));
    expect(errorsOf(future)).toEqual([expect.objectContaining({ pointer: '#/adjudicationDate', code: 'future-date' })]);
  });
});

describe('a wrong method', () => {
  it('is 405 with Allow, a problem document; OPTIONS answers with Allow; an unknown path stays 404', async () => {
    const del = await request(h.app).delete('/bills').set(billing());
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(del.body).toMatchObject({ type: '/problems/method-not-allowed', status: 405 });
    const put = await request(h.app).put('/bills/00000000-0000-4000-8000-000000000000').set(billing());
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, PATCH, OPTIONS');
    const options = await request(h.app).options('/batches/00000000-0000-4000-8000-000000000000/send');
    expect(options.status).toBe(200); // Express answers OPTIONS itself, with the route's methods
    expect(options.headers.allow).toBe('POST');
    const health = await request(h.app).post('/health');
    expect(health.status).toBe(405);
    expect(health.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect((await request(h.app).delete('/nothing-here').set(billing())).status).toBe(404);
  });
});

describeSamples('POST /clearinghouse-files/835', () => {
  const upload = (content: Buffer, name: string) =>
    request(h.app).post(`/clearinghouse-files/835?name=${name}`).set(billing()).set('Content-Type', 'application/edi-x12').send(content);

  it.each([
    ['a 999', sample('999', 'ims-999-rejected.txt'), '999', 'wrong_transaction'],
    ['a 277CA', sample('277', 'ims-277CA-rejected.txt'), '277CA', 'wrong_transaction'],
    ['a PDF', Buffer.from('%PDF-1.4 a paper EOB scanned'), 'not-x12', 'not_x12'],
  ])('says at once that %s is not an 835, and keeps nothing', async (_what, content, detected, code) => {
    const before = await testDb.db.clearinghouseFile.count();
    const res = await upload(content, 'upload.x12');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      title: 'The file is not an 835',
      detected,
      errors: [expect.objectContaining({ in: 'body', pointer: '#', code })],
    });
    expect(await testDb.db.clearinghouseFile.count()).toBe(before);
  });
});
