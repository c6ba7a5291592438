import { allFindings, read835 } from '../../../../x12/835';
import { describeSamples, sample, sampleFiles } from './samples';

const files = sampleFiles('835');

describeSamples('835 samples (../shared/x12-samples/835)', () => {
  it('finds the five sample files', () => {
    expect(files).toHaveLength(5);
  });

  it.each(files)('%s: BPR02 reconciles with the claims paid and PLB', async (file) => {
    const { remittances } = await read835(sample('835', file));
    expect(remittances.length).toBeGreaterThan(0);
    for (const r of remittances) {
      const paid = r.claims.reduce((t, c) => t + c.paidCents, 0);
      const plb = r.providerAdjustments.reduce((t, p) => t + p.entries.reduce((s, e) => s + e.amountCents, 0), 0);
      expect(paid - plb).toBe(r.payment.totalPaidCents);
      expect(r.findings.filter((f) => f.code === 'PAYMENT_UNBALANCED')).toEqual([]);
      expect(r.claims.flatMap((c) => c.findings).filter((f) => f.code === 'CLAIM_UNBALANCED')).toEqual([]);
    }
  });

  it('lfh-medicare-part-a.835: PLB -1.27 makes 149998.73 of claims pay 150000.00', async () => {
    const [r] = (await read835(sample('835', 'lfh-medicare-part-a.835'))).remittances;
    expect(r?.payment).toMatchObject({ totalPaidCents: 15000000, method: { code: 'ACH' }, traceNumber: '12345', date: '2002-09-13' });
    expect(r?.claims.map((c) => [c.patientControlNumber, c.chargeCents, c.paidCents, c.claimFilingIndicator])).toEqual([
      ['666123', 21136697, 13801840, 'MA'],
      ['777777', 1500000, 1198033, 'MB'],
    ]);
    expect(r?.providerAdjustments).toEqual([
      expect.objectContaining({
        providerId: '6543210903',
        fiscalPeriodDate: '2002-12-31',
        entries: [{ reasonCode: 'CV', reference: 'CP', amountCents: -127 }],
      }),
    ]);
    expect(r?.claims[1]?.remarkCodes).toEqual([{ source: 'MOA', qualifier: 'HE', code: 'MA02' }]);
    expect(r?.claims[0]?.statementFrom).toBe('2002-08-16');
  });

  it('lfh-secondary-payment.835: line-level CAS triples kept verbatim, lines balance', async () => {
    const [r] = (await read835(sample('835', 'lfh-secondary-payment.835'))).remittances;
    const claim = r?.claims[1];
    expect(claim?.patientControlNumber).toBe('0001000053');
    expect(claim?.serviceLines[1]?.adjustments).toEqual([
      { group: 'PR', reason: '1', amountCents: 15000 },
      { group: 'PR', reason: '2', amountCents: 7000 },
      { group: 'CO', reason: '42', amountCents: 8500 },
    ]);
    expect(claim?.serviceLines[1]).toMatchObject({
      chargeCents: 58500,
      paidCents: 28000,
      revenueCode: '220',
      units: 1,
      allowedCents: 50000,
    });
    expect(allFindings(r!).map((f) => f.code)).not.toContain('SERVICE_LINE_UNBALANCED');
  });

  it('lfh-tertiary-payment.835: the malformed SVC01 is reported with claim, segment and diagnosis; the rest is read', async () => {
    const [r] = (await read835(sample('835', 'lfh-tertiary-payment.835'))).remittances;
    const claim = r?.claims[0];
    expect(claim).toMatchObject({
      patientControlNumber: '0001000054',
      chargeCents: 176650,
      paidCents: 18750,
      status: { code: '3', meaning: 'Processed as Tertiary' },
    });
    const malformed = claim?.findings.find((f) => f.code === 'SVC01_MALFORMED');
    expect(malformed).toMatchObject({
      severity: 'error',
      patientControlNumber: '0001000054',
      serviceLine: 1,
      segment: { index: 20, id: 'SVC', positionInTransaction: 18 },
    });
    expect(malformed?.message).toContain('SVC01 "HC" has no procedure code');
    expect(malformed?.message).toContain('SVC02 "24599.00" looks like the procedure code');
    expect(malformed?.message).toContain('charge 1766.50 and paid 187.50 balance');
    expect(claim?.findings.find((f) => f.code === 'SERVICE_LINE_UNBALANCED')?.message).toContain(
      'charge 24599.00 - adjustments 1579.00 = 23020.00',
    );
    expect(claim?.serviceLines[0]?.procedure).toBeUndefined();
    expect(claim?.serviceLines[0]?.adjustments).toEqual([{ group: 'OA', reason: '23', amountCents: 157900 }]);
    // the claim itself balances: its charge less the line adjustment is what was paid
    expect(claim?.findings.map((f) => f.code)).not.toContain('CLAIM_UNBALANCED');
  });

  it('lfh-managed-care.835: BPR16 "20002316" is not a date: a finding, the payment still read', async () => {
    const [r] = (await read835(sample('835', 'lfh-managed-care.835'))).remittances;
    expect(r?.payment.totalPaidCents).toBe(94500);
    expect(r?.payment.date).toBeUndefined();
    expect(r?.findings).toEqual([expect.objectContaining({ code: 'BAD_DATE', segment: expect.objectContaining({ id: 'BPR' }) })]);
    expect(r?.claims[0]?.adjustments).toEqual([{ group: 'CO', reason: 'A2', amountCents: 5000 }]);
    expect(r?.claims[0]?.serviceLines[0]).toMatchObject({
      procedure: { qualifier: 'HC', code: '99211', modifiers: [] },
      servicePeriodStart: '2002-03-01',
      servicePeriodEnd: '2002-03-04',
    });
  });

  it("lfh-cob-contractural-adjustment.835: SVC01 with '>' while ISA16 is ':' is read and flagged", async () => {
    const [r] = (await read835(sample('835', 'lfh-cob-contractural-adjustment.835'))).remittances;
    const claim = r?.claims[0];
    expect(claim?.serviceLines[0]?.procedure).toEqual({ qualifier: 'HC', code: '55669', modifiers: [] });
    expect(claim?.findings).toEqual([expect.objectContaining({ code: 'COMPONENT_SEPARATOR_MISMATCH', severity: 'warning' })]);
    expect(claim?.serviceLines[0]?.adjustments.map((a) => a.amountCents)).toEqual([51600, -900]);
  });
});
