/**
 * What the 837P writer refuses or writes since the rules became one set: dates that cannot be,
 * SBR05 for Medicare not primary, no silent claim filing indicator, letters transliterated,
 * empty optional strings absent, JSON Pointers, and messages that never quote a value.
 */
import { validateBill, writeBatch837P, type Bill, type ValidationIssue } from '../../../../x12/837p';
import { parseBillFile } from '../../../../x12/837p/input-schema';
import { batchInput, example } from './support/fixtures';
import { foreignLetters, medicareInTheMiddle, medicareSecondary } from './support/scenarios';

const today = '2026-11-27';
const issuesOf = (bill: Bill): ValidationIssue[] => validateBill(bill, { today });
const rulesAt = (issues: ValidationIssue[]) => issues.map((i) => `${i.pointer} ${i.rule}`).sort();
const segments = (x12: string, id: string) => x12.split('~').filter((s) => s.startsWith(`${id}*`));

describe('dates that cannot be', () => {
  it("refuses a payer's adjudication date before the date of service, claim and line level", () => {
    const bill = example('secondary-partial-payment');
    const adjudication = bill.policies[0]!.adjudication!;
    adjudication.adjudicationDate = '2026-10-01';
    adjudication.lines![1]!.adjudicationDate = '2026-10-30';
    expect(rulesAt(issuesOf(bill))).toEqual(
      ['/policies/0/adjudication/adjudicationDate date-order', '/policies/0/adjudication/lines/1/adjudicationDate date-order'].sort(),
    );
  });

  it('refuses an adjudication date after today', () => {
    const bill = example('secondary-denial');
    bill.policies[0]!.adjudication!.adjudicationDate = '2026-11-28';
    expect(rulesAt(issuesOf(bill))).toEqual(['/policies/0/adjudication/adjudicationDate future-date']);
  });

  it('refuses a birth date after the date of service, patient and subscriber', () => {
    const bill = example('secondary-partial-payment');
    bill.patient.birthDate = '2026-11-15';
    const subscriber = bill.policies[1]!.subscriber!;
    subscriber.birthDate = '2026-11-20';
    expect(rulesAt(issuesOf(bill))).toEqual(['/patient/birthDate date-order', '/policies/1/subscriber/birthDate date-order']);
  });
});

describe('SBR05 insurance type code', () => {
  it('is required when Medicare is the secondary payer, and written in 2000B', () => {
    const bill = medicareSecondary();
    delete bill.policies[1]!.insuranceTypeCode;
    expect(issuesOf(bill)).toEqual([
      expect.objectContaining({ pointer: '/policies/1/insuranceTypeCode', rule: 'required', message: expect.stringContaining('Medicare') }),
    ]);
    const x12 = writeBatch837P(batchInput([medicareSecondary()]));
    expect(segments(x12, 'SBR')[0]).toBe('SBR*S**55012**12****MB');
    // The primary (commercial) in 2320 carries none.
    expect(segments(x12, 'SBR')[1]).toBe('SBR*P*18*GRP-7788******CI');
  });

  it('is written in 2320 for Medicare ranked secondary on a tertiary claim', () => {
    const x12 = writeBatch837P(batchInput([medicareInTheMiddle()]));
    expect(segments(x12, 'SBR')).toContain('SBR*S*19*55012**43****MB');
  });

  it('is refused on a primary payer, and on a payer that is not Medicare', () => {
    const primary = example('primary');
    primary.policies[0]!.claimFilingIndicator = 'MB';
    primary.policies[0]!.insuranceTypeCode = '12';
    expect(rulesAt(issuesOf(primary))).toEqual(['/policies/0/insuranceTypeCode not-applicable']);
    const commercial = example('secondary-denial');
    commercial.policies[1]!.insuranceTypeCode = '12';
    expect(rulesAt(issuesOf(commercial))).toEqual(['/policies/1/insuranceTypeCode not-applicable']);
  });
});

describe('no silent defaults', () => {
  it('refuses a policy without a claim filing indicator instead of writing CI', () => {
    const bill = example('primary');
    delete (bill.policies[0] as Partial<Bill['policies'][number]>).claimFilingIndicator;
    expect(issuesOf(bill)).toEqual([
      expect.objectContaining({ pointer: '/policies/0/claimFilingIndicator', rule: 'required', message: 'is required' }),
    ]);
    expect(() => writeBatch837P(batchInput([bill]))).toThrow(/claimFilingIndicator/);
  });

  it('says so when a bill file leaves it out', () => {
    const json = JSON.parse(JSON.stringify(example('primary'))) as { policies: Record<string, unknown>[] };
    delete json.policies[0]!.claimFilingIndicator;
    expect(() => parseBillFile(json)).toThrow('/policies/0/claimFilingIndicator: is required');
  });
});

describe('letters outside ASCII', () => {
  it('are transliterated into the file, not turned into spaces', () => {
    const x12 = writeBatch837P(batchInput([foreignLetters()]));
    expect(x12).toContain('NM1*IL*1*SONDERGARD-LUKASIEWICZ*AESA*Q***MI*W123456789~');
    expect(x12).toContain('N3*12 STRASSE ORSTED~');
  });

  it('with no ASCII form are refused, naming the field', () => {
    const bill = example('primary');
    bill.patient.lastName = 'Иванова';
    expect(issuesOf(bill)).toEqual([expect.objectContaining({ pointer: '/patient/lastName', rule: 'no-ascii-form' })]);
  });

  it('a name longer than its element once cleaned is refused, not cut', () => {
    const bill = example('primary');
    bill.patient.firstName = 'A'.repeat(36);
    expect(rulesAt(issuesOf(bill))).toEqual(['/patient/firstName length']);
  });
});

describe('empty optional strings', () => {
  it('are absent: in a bill file, and in a bill handed to the writer', () => {
    const json = JSON.parse(JSON.stringify(example('primary'))) as {
      billingProvider: { address: { line2: string } };
      priorAuthorization?: string;
    };
    json.billingProvider.address.line2 = '';
    json.priorAuthorization = '';
    const [parsed] = parseBillFile(json).bills;
    expect(parsed?.billingProvider.address).not.toHaveProperty('line2');
    expect(parsed).not.toHaveProperty('priorAuthorization');
    const direct = example('primary');
    direct.billingProvider.address.line2 = '';
    direct.patient.middleName = '';
    expect(issuesOf(direct)).toEqual([]);
    expect(writeBatch837P(batchInput([direct]))).toContain('N3*1200 HARBOR BLVD~');
  });
});

describe('issues', () => {
  it('name their field by JSON Pointer and never quote the value they refuse', () => {
    const bill = example('secondary-partial-payment');
    const secrets = ['ZQXVBNMKW', 'QQ999', 'NOTADATE1', 'ZZ9Z'];
    bill.policies[1]!.memberId = `${secrets[0]}~`;
    bill.diagnoses[0] = secrets[1]!;
    bill.patient.birthDate = secrets[2]!;
    bill.serviceLines[0]!.procedureCode = secrets[3]!;
    const issues = issuesOf(bill);
    expect(rulesAt(issues)).toEqual(
      [
        '/diagnoses/0 icd10-format',
        '/patient/birthDate date',
        '/policies/1/memberId unsafe-characters',
        '/serviceLines/0/procedureCode procedure-code-format',
      ].sort(),
    );
    for (const issue of issues) {
      expect(issue.pointer).toMatch(/^(\/[A-Za-z0-9]+)+$/);
      for (const secret of secrets) expect(issue.message).not.toContain(secret);
    }
  });
});
