import { ClaimValidationError, validateBatch, validateBill, writeBatch837P, type Bill, type ValidationIssue } from '../../../../x12/837p';
import { batchInput, example, renamed } from './support/fixtures';

const today = '2026-11-27';

function issuesOf(bill: Bill): ValidationIssue[] {
  return validateBill(bill, { today });
}

function expectIssue(issues: ValidationIssue[], pointer: string, rule: ValidationIssue['rule']): void {
  expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ pointer, rule })]));
}

describe('validateBill', () => {
  it.each(['primary', 'secondary-partial-payment', 'secondary-denial', 'tertiary'] as const)('accepts the %s example', (name) => {
    expect(issuesOf(example(name))).toEqual([]);
  });

  it('names a missing billing NPI', () => {
    const bill = example('primary');
    bill.billingProvider.npi = '';
    const issues = issuesOf(bill);
    expect(issues).toEqual([{ billId: 'bill-1001', pointer: '/billingProvider/npi', rule: 'required', message: 'is required' }]);
  });

  it('refuses NPIs failing the Luhn check, billing and rendering alike', () => {
    const bill = example('primary');
    bill.billingProvider.npi = '1234567890';
    if (bill.renderingProvider) bill.renderingProvider.npi = '1999996666';
    const issues = issuesOf(bill);
    expectIssue(issues, '/billingProvider/npi', 'npi-check-digit');
    expectIssue(issues, '/renderingProvider/npi', 'npi-check-digit');
  });

  it('refuses malformed ICD-10 and CPT/HCPCS codes and modifiers', () => {
    const bill = example('primary');
    bill.diagnoses = ['F41.1', '4779', 'F32.9.1'];
    bill.serviceLines[0]!.procedureCode = '9083';
    bill.serviceLines[1]!.procedureCode = 'Z1234';
    bill.serviceLines[1]!.modifiers = ['GT', '9'];
    const issues = issuesOf(bill);
    expectIssue(issues, '/diagnoses/1', 'icd10-format');
    expectIssue(issues, '/diagnoses/2', 'icd10-format');
    expectIssue(issues, '/serviceLines/0/procedureCode', 'procedure-code-format');
    expectIssue(issues, '/serviceLines/1/procedureCode', 'procedure-code-format');
    expectIssue(issues, '/serviceLines/1/modifiers/1', 'modifier-format');
    expect(issues.filter((i) => i.pointer === '/serviceLines/1/modifiers/0')).toEqual([]);
  });

  it('refuses a diagnosis pointer past the codes', () => {
    const bill = example('primary');
    bill.serviceLines[1]!.diagnosisPointers = [3];
    expect(issuesOf(bill)).toEqual([
      expect.objectContaining({ pointer: '/serviceLines/1/diagnosisPointers/0', rule: 'diagnosis-pointer' }),
    ]);
  });

  it('refuses a date of service after today', () => {
    const bill = example('primary');
    bill.serviceLines[0]!.serviceDate = '2026-11-28';
    expect(issuesOf(bill)).toEqual([expect.objectContaining({ pointer: '/serviceLines/0/serviceDate', rule: 'future-date' })]);
    expect(validateBill(bill, { today: '2026-11-28' })).toEqual([]);
  });

  it('refuses a secondary claim without the primary adjudication, or without the primary policy', () => {
    const bill = example('secondary-partial-payment');
    delete bill.policies[0]!.adjudication;
    expectIssue(issuesOf(bill), '/policies/0/adjudication', 'missing-prior-adjudication');

    const orphan = example('secondary-partial-payment');
    orphan.policies = orphan.policies.filter((p) => p.rank !== 'primary');
    expectIssue(issuesOf(orphan), '/policies', 'missing-policy');
  });

  it('refuses a line that does not balance: charge = paid + adjustments', () => {
    const bill = example('secondary-partial-payment');
    bill.policies[0]!.adjudication!.lines![0]!.paidCents = 10300;
    const issues = issuesOf(bill);
    expectIssue(issues, '/policies/0/adjudication/lines/0', 'line-balance');
  });

  it('refuses a payer whose AMT*D is not the lines paid less the claim adjustments', () => {
    const bill = example('tertiary');
    bill.policies[0]!.adjudication!.paidCents = 26000; // lines paid 260.00 less OA-94 20.00 is 240.00
    expect(issuesOf(bill)).toEqual([expect.objectContaining({ pointer: '/policies/0/adjudication', rule: 'payer-balance' })]);
  });

  it('refuses a claim-level adjudication that does not carry the whole charge', () => {
    const bill = example('secondary-denial');
    bill.policies[0]!.adjudication!.claimAdjustments = [{ group: 'CO', reason: '27', amountCents: 20000 }];
    expect(issuesOf(bill)).toEqual([expect.objectContaining({ pointer: '/policies/0/adjudication', rule: 'payer-balance' })]);
  });

  it('requires every line, or none, to be adjudicated by a payer with line detail', () => {
    const bill = example('secondary-partial-payment');
    bill.policies[0]!.adjudication!.lines!.pop();
    expectIssue(issuesOf(bill), '/policies/0/adjudication/lines', 'line-adjudication');
  });

  it('needs the payer claim control number for a replacement or a void', () => {
    const bill = { ...example('primary'), frequency: '7' as const };
    expectIssue(issuesOf(bill), '/payerClaimControlNumber', 'frequency-reference');
  });

  it('refuses identifiers holding delimiters or too long a patient control number', () => {
    const bill = example('secondary-partial-payment');
    bill.claimId = 'SCE*1001';
    bill.policies[1]!.memberId = 'XYZ~98';
    const issues = issuesOf(bill);
    expectIssue(issues, '/claimId', 'format');
    expectIssue(issues, '/policies/1/memberId', 'unsafe-characters');
    const long = { ...example('primary'), claimId: 'A'.repeat(21) };
    expectIssue(issuesOf(long), '/claimId', 'format');
  });

  it('collects every issue of a bill at once, each naming the bill, the field and the rule', () => {
    const bill = example('secondary-partial-payment');
    bill.billingProvider.npi = '1234567890';
    bill.diagnoses[1] = 'nope';
    bill.serviceLines[0]!.diagnosisPointers = [1, 5];
    bill.serviceLines[1]!.serviceDate = '2027-01-01';
    bill.policies[0]!.adjudication!.lines![1]!.paidCents = 1;
    const issues = issuesOf(bill);
    expect(issues.map((i) => `${i.billId} ${i.pointer} ${i.rule}`).sort()).toEqual(
      [
        'bill-1001 /billingProvider/npi npi-check-digit',
        'bill-1001 /diagnoses/1 icd10-format',
        'bill-1001 /serviceLines/0/diagnosisPointers/1 diagnosis-pointer',
        'bill-1001 /serviceLines/1/serviceDate future-date',
        'bill-1001 /policies/0/adjudication/lines/1 line-balance',
        // The changed line payment also unbalances the payer's AMT*D.
        'bill-1001 /policies/0/adjudication payer-balance',
      ].sort(),
    );
    for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
  });

  it('finds patient control numbers repeated across a batch', () => {
    const a = example('primary');
    const b = renamed(example('secondary-denial'), 'x');
    b.claimId = a.claimId;
    expect(validateBatch([a, b], { today })).toEqual([
      expect.objectContaining({ billId: b.billId, pointer: '/claimId', rule: 'duplicate' }),
    ]);
  });
});

describe('the writer refuses invalid input', () => {
  it('throws ClaimValidationError with every issue of every bill, writing nothing', () => {
    const good = example('primary');
    const bad = renamed(example('secondary-partial-payment'), 'bad');
    bad.serviceLines[0]!.procedureCode = 'ABCDE';
    bad.policies[0]!.adjudication!.paidCents = 1;
    let thrown: unknown;
    let written: string | undefined;
    try {
      written = writeBatch837P(batchInput([good, bad]));
    } catch (err) {
      thrown = err;
    }
    expect(written).toBeUndefined();
    expect(thrown).toBeInstanceOf(ClaimValidationError);
    const issues = (thrown as ClaimValidationError).issues;
    expect(issues.every((i) => i.billId === bad.billId)).toBe(true);
    expect(issues.map((i) => i.rule).sort()).toEqual(['payer-balance', 'procedure-code-format']);
  });

  it('checks the envelope: control numbers, clock, submitter', () => {
    const input = batchInput([example('primary')], {
      controlNumbers: { interchange: 0, group: 1_000_000_000, transactionSet: 1 },
      createdAt: { date: '2026-02-30', time: '25:00' },
    });
    input.config = { ...input.config, senderId: 'A-SENDER-ID-TOO-LONG' };
    try {
      writeBatch837P(input);
      throw new Error('expected a ClaimValidationError');
    } catch (err) {
      expect(err).toBeInstanceOf(ClaimValidationError);
      expect((err as ClaimValidationError).issues.map((i) => i.pointer).sort()).toEqual(
        ['/config/senderId', '/controlNumbers/group', '/controlNumbers/interchange', '/createdAt/date', '/createdAt/time'].sort(),
      );
    }
  });
});
