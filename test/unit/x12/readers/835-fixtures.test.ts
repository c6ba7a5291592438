import { Readable } from 'node:stream';
import { allFindings, MalformedX12Error, read835 } from '../../../../x12/835';
import { generate835 } from '../../../../bench/835.bench';
import { fixture } from './samples';

async function malformed(input: string | Buffer | Readable): Promise<MalformedX12Error> {
  try {
    await read835(input);
  } catch (err) {
    if (err instanceof MalformedX12Error) return err;
    throw err;
  }
  throw new Error('expected a MalformedX12Error');
}

describe('835 fixture: crossover, reversal and correction, corrected insured, PLB', () => {
  it('reads every claim and balances with no finding', async () => {
    const { remittances } = await read835(fixture('crossover-reversal-plb.835'));
    const [r] = remittances;
    expect(remittances).toHaveLength(1);
    expect(r?.payment).toMatchObject({
      totalPaidCents: 11500,
      method: { code: 'CHK', meaning: 'Check' },
      traceNumber: 'CHK900123',
      date: '2026-01-20',
    });
    expect(r?.payer).toEqual({
      name: 'FIRST HEALTH PLAN',
      references: [{ qualifier: '2U', value: 'FHP01' }],
      payerIdentificationNumber: 'FHP01',
    });
    expect(r?.payee).toEqual({ name: 'SMALL CLINIC', id: { qualifier: 'XX', value: '1234567893' }, references: [] });
    expect(r?.productionDate).toBe('2026-01-19');
    expect(allFindings(r!)).toEqual([]);
  });

  it('CLP02 19 with NM1*TT: processed as primary and forwarded (crossover), NM1*74 corrected insured', async () => {
    const [r] = (await read835(fixture('crossover-reversal-plb.835'))).remittances;
    const a = r?.claims[0];
    expect(a).toMatchObject({
      patientControlNumber: 'PCN-A',
      status: { code: '19', meaning: 'Processed as Primary, Forwarded to Additional Payer(s)' },
      processedAs: 'primary',
      forwardedToAnotherPayer: true,
      isReversal: false,
      payerClaimControlNumber: 'ICN-A',
      crossoverCarrier: { entityCode: 'TT', lastOrOrganizationName: 'SECOND HEALTH PLAN', id: { qualifier: 'PI', value: 'SHP02' } },
      correctedInsured: {
        entityCode: '74',
        lastOrOrganizationName: 'DOE',
        firstName: 'JANET',
        middleName: 'Q',
        id: { qualifier: 'C', value: 'M0001A' },
      },
      statementFrom: '2026-01-05',
      statementTo: '2026-01-05',
      receivedDate: '2026-01-10',
      adjustments: [{ group: 'CO', reason: '45', amountCents: 5000 }],
    });
    expect(a?.serviceLines[0]).toMatchObject({
      procedure: { qualifier: 'HC', code: '90837', modifiers: ['95'] },
      chargeCents: 20000,
      paidCents: 17000,
      lineItemControlNumber: 'PCN-A-1',
      serviceDate: '2026-01-05',
      remarkCodes: [{ source: 'LQ', qualifier: 'HE', code: 'N4' }],
      adjustments: [{ group: 'PR', reason: '2', amountCents: 3000 }],
    });
  });

  it('CLP02 22 is a reversal with negative amounts, followed by its correction; SVC06 original procedure', async () => {
    const [r] = (await read835(fixture('crossover-reversal-plb.835'))).remittances;
    const [, reversal, correction] = r?.claims ?? [];
    expect(reversal).toMatchObject({
      patientControlNumber: 'PCN-B',
      isReversal: true,
      chargeCents: -10000,
      paidCents: -8000,
      payerClaimControlNumber: 'ICN-B',
    });
    expect(reversal?.adjustments).toEqual([{ group: 'PR', reason: '1', amountCents: -2000 }]);
    expect(reversal?.remarkCodes).toEqual([{ source: 'MOA', qualifier: 'HE', code: 'MA01' }]);
    expect(correction).toMatchObject({ patientControlNumber: 'PCN-B', isReversal: false, status: { code: '1' }, paidCents: 9000 });
    expect(correction?.serviceLines[0]).toMatchObject({
      procedure: { code: '90834' },
      originalProcedure: { qualifier: 'HC', code: '90837', modifiers: [] },
      revenueCode: '0913',
      allowedCents: 10000,
    });
  });

  it('PLB: provider-level adjustment taken from the payment', async () => {
    const [r] = (await read835(fixture('crossover-reversal-plb.835'))).remittances;
    expect(r?.providerAdjustments).toEqual([
      {
        providerId: '1234567893',
        fiscalPeriodDate: '2026-12-31',
        entries: [{ reasonCode: 'WO', reference: 'ICN-X', amountCents: 1500 }],
        segment: expect.objectContaining({ id: 'PLB' }),
      },
    ]);
  });

  it('reads the same from a stream as from a buffer', async () => {
    const bytes = fixture('crossover-reversal-plb.835');
    const chunks = [bytes.subarray(0, 200), bytes.subarray(200, 531), bytes.subarray(531)];
    expect(await read835(Readable.from(chunks))).toEqual(await read835(bytes));
  });
});

describe('835 balancing findings', () => {
  it('a claim paid 5.00 too much: claim and payment total reported, with amounts and where', async () => {
    const [r] = (await read835(fixture('unbalanced.835'))).remittances;
    expect(allFindings(r!).map((f) => [f.code, f.segment.id, f.patientControlNumber])).toEqual([
      ['PAYMENT_UNBALANCED', 'BPR', undefined],
      ['CLAIM_UNBALANCED', 'CLP', 'PCN-A'],
    ]);
    expect(r?.findings[0]?.message).toContain('off by -5.00');
  });

  it('CLP05 that differs from the PR adjustments is a warning', async () => {
    const text = fixture('crossover-reversal-plb.835')
      .toString()
      .replace('CLP*PCN-A*19*200.00*120.00*30.00', 'CLP*PCN-A*19*200.00*120.00*35.00');
    const [r] = (await read835(text)).remittances;
    expect(r?.claims[0]?.findings).toEqual([expect.objectContaining({ code: 'PATIENT_RESPONSIBILITY_MISMATCH', severity: 'warning' })]);
  });
});

describe('malformed 835: typed error with what and where', () => {
  it('SE count mismatch', async () => {
    const err = await malformed(fixture('malformed-se-count.835'));
    expect(err).toMatchObject({ code: 'SEGMENT_COUNT', segment: { index: 36, id: 'SE' } });
    expect(err.reason).toContain('SE01 says 33 segments but the transaction set holds 34');
  });

  it('missing IEA (truncated file)', async () => {
    const err = await malformed(fixture('malformed-missing-iea.835'));
    expect(err.code).toBe('ENVELOPE');
    expect(err.reason).toContain('without IEA');
  });

  it('unparsable amount names the element and the segment', async () => {
    const err = await malformed(fixture('malformed-amount.835'));
    expect(err).toMatchObject({ code: 'BAD_VALUE', segment: { index: 28, id: 'CLP' } });
    expect(err.reason).toBe('CLP04 (claim payment amount) "9O.00" is not an amount');
  });

  it('wrong segment order (TRN before BPR)', async () => {
    const err = await malformed(fixture('malformed-order.835'));
    expect(err).toMatchObject({ code: 'SEGMENT_ORDER', segment: { index: 4, id: 'TRN', positionInTransaction: 2 } });
  });

  it('bad ISA (not fixed length)', async () => {
    const err = await malformed(fixture('malformed-isa.835'));
    expect(err).toMatchObject({ code: 'BAD_ISA', segment: { index: 1, id: 'ISA' } });
  });

  it('bad ISA from a stream too', async () => {
    const err = await malformed(Readable.from([fixture('malformed-isa.835')]));
    expect(err.code).toBe('BAD_ISA');
  });

  it('not X12 at all', async () => {
    expect((await malformed('hello, world')).code).toBe('NOT_X12');
  });

  it('a 999 handed to the 835 reader', async () => {
    const text = fixture('crossover-reversal-plb.835').toString().replace('ST*835*0001', 'ST*999*0001');
    expect((await malformed(text)).code).toBe('WRONG_TRANSACTION');
  });

  it('a segment the service line loop does not allow', async () => {
    const text = fixture('crossover-reversal-plb.835').toString().replace('LQ*HE*N4', 'NM1*QC*1*LATE');
    const err = await malformed(text);
    expect(err).toMatchObject({ code: 'SEGMENT_ORDER', segment: { id: 'NM1' } });
    expect(err.reason).toContain('service line loop 2110 (claim PCN-A, service line 1)');
  });

  it('two segment terminators in a row', async () => {
    const text = fixture('crossover-reversal-plb.835').toString().replace('LQ*HE*N4~', 'LQ*HE*N4~~');
    expect((await malformed(text)).code).toBe('ENVELOPE');
  });

  it('an unknown CAS group code', async () => {
    const text = fixture('crossover-reversal-plb.835').toString().replace('CAS*CO*45*50.00', 'CAS*XX*45*50.00');
    expect((await malformed(text)).reason).toContain('CAS01 "XX" is not a claim adjustment group code');
  });
});

describe('generated bench file', () => {
  it('reads 300 claims with no finding, totals reconciled', async () => {
    const [r] = (await read835(generate835(300))).remittances;
    expect(r?.claims).toHaveLength(300);
    expect(allFindings(r!)).toEqual([]);
    expect(r?.claims.reduce((t, c) => t + c.paidCents, 0)).toBe(r?.payment.totalPaidCents);
  });
});
