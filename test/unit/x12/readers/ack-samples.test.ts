import { detectTransaction, read277CA, read999 } from '../../../../x12/ack';
import { describeSamples, sample, sampleFiles } from './samples';

describeSamples('999 samples', () => {
  it('ims-999-accepted.txt: transaction set 0001 accepted; the IEA02/ISA13 mismatch is a warning', async () => {
    const result = await read999(sample('999', 'ims-999-accepted.txt'));
    const [ack] = result.acknowledgments;
    expect(ack).toMatchObject({
      acknowledgedFunctionalId: 'HC',
      acknowledgedGroupControlNumber: '17456',
      groupStatus: { code: 'A' },
      acceptedCount: 1,
    });
    expect(ack?.transactionSets).toEqual([expect.objectContaining({ controlNumber: '0001', decision: 'accepted', segmentErrors: [] })]);
    expect(result.envelopeFindings).toEqual([expect.objectContaining({ code: 'CONTROL_NUMBER_MISMATCH', severity: 'warning' })]);
  });

  it('ims-999-rejected.txt: transaction set 0028 rejected, with the IK3 error and its meaning', async () => {
    const [ack] = (await read999(sample('999', 'ims-999-rejected.txt'))).acknowledgments;
    expect(ack?.groupStatus).toEqual({ code: 'R', meaning: 'Rejected' });
    expect(ack?.acceptedCount).toBe(0);
    const [set] = ack?.transactionSets ?? [];
    expect(set).toMatchObject({ transactionSetId: '837', controlNumber: '0028', decision: 'rejected', status: { code: 'R' } });
    expect(set?.errors).toEqual([{ code: '5', meaning: 'One or More Segments in Error' }]);
    expect(set?.segmentErrors).toEqual([
      expect.objectContaining({
        segmentId: 'NM',
        position: 17,
        error: { code: '1', meaning: 'Unrecognized segment ID' },
        elementErrors: [],
      }),
    ]);
  });
});

describeSamples('277 samples', () => {
  it('ims-277CA-accepted.txt: claim 5781 accepted (A2:20)', async () => {
    const [t] = (await read277CA(sample('277', 'ims-277CA-accepted.txt'))).transactions;
    expect(t?.implementationGuide).toBe('005010X214');
    expect(t?.claims).toEqual([
      expect.objectContaining({
        patientControlNumber: '5781',
        payerClaimControlNumber: '1107000000014420',
        decision: 'accepted',
        serviceDateFrom: '1001-01-01',
      }),
    ]);
    expect(t?.claims[0]?.statuses[0]?.codes[0]).toMatchObject({
      category: { code: 'A2' },
      status: { code: '20', meaning: 'Accepted for processing.' },
      rejection: false,
    });
    expect(t?.levels.find((l) => l.level === 'information-receiver')).toMatchObject({
      traceNumber: '000000674',
      acceptedQuantity: 1,
      acceptedAmountCents: 12500,
    });
  });

  it('ims-277CA-rejected.txt: claim 3920394930203 rejected for the billing provider NPI (A7:562:85)', async () => {
    const [t] = (await read277CA(sample('277', 'ims-277CA-rejected.txt'))).transactions;
    const [claim] = t?.claims ?? [];
    expect(claim).toMatchObject({
      patientControlNumber: '3920394930203',
      payerClaimControlNumber: '1107000000001120',
      billType: '731',
      decision: 'rejected',
    });
    expect(claim?.statuses[0]).toMatchObject({ actionCode: 'WQ', chargeCents: 19914, effectiveDate: '2011-03-11' });
    expect(claim?.statuses[0]?.codes).toEqual([
      {
        category: { code: 'A7', meaning: expect.stringContaining('Rejected for Invalid Information') },
        status: { code: '562', meaning: "Entity's National Provider Identifier (NPI)." },
        entity: { code: '85', meaning: 'Billing Provider' },
        rejection: true,
      },
    ]);
    expect(claim?.provider).toEqual({ name: 'PROVLNAME', id: '123456789' });
  });

  it('lfh-claim-level-status.277: three claims with P3, F0 and F2 statuses and a service line', async () => {
    const [t] = (await read277CA(sample('277', 'lfh-claim-level-status.277'))).transactions;
    expect(t?.claims.map((c) => [c.patientControlNumber, c.statuses[0]?.codes[0]?.category.code, c.decision])).toEqual([
      ['ABCXYZ1', 'P3', undefined],
      ['ABCXYZ2', 'F0', undefined],
      ['ABCXYC3', 'F2', undefined],
    ]);
    expect(t?.claims[0]).toMatchObject({ serviceDateFrom: '2005-08-31', serviceDateTo: '2005-09-06' });
    expect(t?.claims[2]?.serviceLines).toEqual([
      expect.objectContaining({ procedure: 'HC:99203', chargeCents: 15000, paidCents: 0, serviceDate: '2005-05-01' }),
    ]);
    expect(t?.claims[2]?.patient).toMatchObject({ entityCode: 'QC', lastName: 'MANN', firstName: 'JOSEPH' });
  });

  it('lfh-information-receiver-level-status.277: the receiver-level E0 is a rejection above claim level', async () => {
    const [t] = (await read277CA(sample('277', 'lfh-information-receiver-level-status.277'))).transactions;
    expect(t?.claims).toEqual([]);
    expect(t?.levels.find((l) => l.level === 'information-receiver')).toMatchObject({ traceNumber: 'ABC276XXX', decision: 'rejected' });
  });

  it('lfh-provider-level-status.277: one claim pending, one provider rejected (E0:24:85)', async () => {
    const [t] = (await read277CA(sample('277', 'lfh-provider-level-status.277'))).transactions;
    expect(t?.claims.map((c) => c.patientControlNumber)).toEqual(['ABCXYZ1']);
    const rejected = t?.levels.filter((l) => l.decision === 'rejected');
    expect(rejected).toEqual([expect.objectContaining({ level: 'provider', entity: expect.objectContaining({ id: '6166666666' }) })]);
    expect(rejected?.[0]?.statuses[0]?.codes[0]?.status.meaning).toBe('Entity not approved as an electronic submitter.');
  });
});

describeSamples('detectTransaction on every sample', () => {
  const expected: Record<string, string> = { '835': '835', '999': '999', '277': '277' };
  for (const folder of ['835', '999', '277']) {
    it.each(sampleFiles(folder))(`${folder}/%s`, (file) => {
      const d = detectTransaction(sample(folder, file));
      expect(d.transactionSetId).toBe(expected[folder]);
      if (folder === '277') expect(d.kind).toBe(file.startsWith('ims-277CA') ? '277CA' : '277');
      else expect(d.kind).toBe(folder);
    });
  }
});
