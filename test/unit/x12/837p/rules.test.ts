/**
 * The shared 837P rules (x12/837p/rules): what each refuses, in words that never quote the
 * value (they travel into audit records and workflow history), and the transliteration rule.
 */
import {
  adjudicationDate,
  birthDate,
  dateOfService,
  dateOfServiceAfterBirth,
  insuranceTypeCodeFor,
  jsonPointer,
  rule,
} from '../../../../x12/837p/rules';
import { cleanText, transliterate } from '../../../../x12/837p';
import { scanDecimal } from '../../../../x12/common/decimal';

const today = '2026-11-27';

describe('field rules', () => {
  const cases: [string, (v: string) => { rule: string; message: string } | undefined, string[], string[]][] = [
    ['npi', rule.npi, ['1234567893', '1245319599'], ['1234567890', '123456789', '12345678931', 'ABCDEFGHIJ']],
    ['taxonomy', rule.taxonomy, ['101YM0800X', '133V00000X'], ['101YM0800', '101ym0800x', '101YM08000']],
    ['usState', rule.usState, ['MD', 'PR', 'DC'], ['md', 'XX', 'Maryland', '']],
    ['postalCode', rule.postalCode, ['21201', '212011234', '21201-1234'], ['2120', '21201-12', 'ABCDE', '']],
    ['billingPostalCode', rule.billingPostalCode, ['212011234', '21201-1234'], ['21201', '2120112345']],
    ['billingStreet', rule.billingStreet, ['100 Main St', 'Suite 4, 1 Box Lane'], ['P.O. Box 12', 'PO BOX 7', 'po box 9']],
    ['taxId', rule.taxId, ['123456789', '12-3456789', '123-45-6789'], ['12345678', '1234567890', '12-345-6789']],
    ['phone', rule.phone, ['4105550199', '(410) 555-0199'], ['555-0199', '41055501999', '410*555*0199']],
    ['procedureCode', rule.procedureCode, ['90837', 'G0108', '0001F', '0042T'], ['9084', 'Z1234', 'ABCDE', '90834 ']],
    ['modifier', rule.modifier, ['95', 'GT'], ['9', 'GTX', 'gt']],
    ['icd10', rule.icd10, ['F41.1', 'F411', 'Z00.00', 'U07.1'], ['4779', 'F32.9.1', 'f41.1']],
    ['placeOfService', rule.placeOfService, ['11', '02'], ['1', '111', 'AB']],
    ['reasonCode', rule.reasonCode, ['45', 'B7', 'P12'], ['', '123456', 'co-45']],
    ['claimFilingIndicator', rule.claimFilingIndicator, ['CI', 'MB', '12'], ['C', 'XX', '']],
    ['insuranceTypeCode', rule.insuranceTypeCode, ['12', '47'], ['11', '99', '']],
    ['claimId', rule.claimId, ['SCE1001P', 'A-1.2/3'], ['SCE*1', 'A'.repeat(21), 'has space', '']],
  ];

  it.each(cases)('%s accepts the good and refuses the bad, never quoting the value', (_name, check, good, bad) => {
    for (const v of good) expect(check(v)).toBeUndefined();
    for (const v of bad) {
      const failure = check(v);
      expect(failure).toEqual({ rule: expect.any(String), message: expect.any(String) });
      if (v.length >= 3) expect(failure?.message).not.toContain(v);
    }
  });

  it('free text: transliterated, refused when a letter has no ASCII form, nothing printable, or too long once cleaned', () => {
    const text = rule.text(10);
    expect(text('Søren Ærø')).toBeUndefined();
    expect(text('Иванов')).toEqual({ rule: 'no-ascii-form', message: expect.stringContaining('Latin') });
    expect(text('Anna 李')?.rule).toBe('no-ascii-form');
    expect(text('*~:^')?.rule).toBe('format');
    expect(text('Abcdefghijk')).toEqual({ rule: 'length', message: 'is longer than 10 characters' });
    // Cleaning collapses blanks first: the length is the cleaned one.
    expect(text('  Ann    Lee  ')).toBeUndefined();
  });

  it('identifiers: never altered, so delimiters, control and non-ASCII characters are refused', () => {
    const id = rule.identifier(12);
    expect(id('W123-45.6/7')).toBeUndefined();
    for (const bad of ['AB*C', 'X~1', 'a\u0000b', 'MÜLLER']) expect(id(bad)?.rule).toBe('unsafe-characters');
    expect(id('A'.repeat(13))?.rule).toBe('length');
  });
});

describe('the transliteration rule', () => {
  it.each([
    ['Zoë Ø’Brien', "ZOE O'BRIEN"],
    ['Łukasz Żółć', 'LUKASZ ZOLC'],
    ['Straße', 'STRASSE'],
    ['Ærøskøbing', 'AEROSKOBING'],
    ['Œuvre', 'OEUVRE'],
    ['Þórður Đorđević', 'THORDUR DORDEVIC'],
    ['Çağlar Işık', 'CAGLAR ISIK'],
    ['ﬁnn – smith', 'FINN - SMITH'],
  ])('%s -> %s', (from, to) => {
    expect(transliterate(from)).toBe(to);
    expect(cleanText(from, 60)).toBe(to);
  });

  it('never turns a letter into a space: a letter with no ASCII form stays for the validator to refuse', () => {
    expect(transliterate('Иван')).toBe('ИВАН');
    expect(rule.text(60)('Иван')?.rule).toBe('no-ascii-form');
  });
});

describe('rules between fields', () => {
  it('a date of service is a calendar date, not after today', () => {
    expect(dateOfService('2026-11-27', today)).toBeUndefined();
    expect(dateOfService('2026-11-28', today)).toEqual({ rule: 'future-date', message: expect.stringContaining('after today') });
    expect(dateOfService('2026-02-30', today)?.rule).toBe('date');
  });

  it('a birth date is not after today nor after the first date of service; a service not before the birth', () => {
    expect(birthDate('1985-04-12', today, '2026-11-02')).toBeUndefined();
    expect(birthDate('2026-11-03', today, '2026-11-02')).toEqual({
      rule: 'date-order',
      message: expect.stringContaining('date of service'),
    });
    expect(birthDate('2026-12-01', today)?.rule).toBe('future-date');
    expect(dateOfServiceAfterBirth('2026-11-02', '2026-11-03', 'patient')?.rule).toBe('date-order');
    expect(dateOfServiceAfterBirth('2026-11-03', '2026-11-03', 'subscriber')).toBeUndefined();
  });

  it("a payer's adjudication date is not before the date of service nor after today", () => {
    expect(adjudicationDate('2026-11-20', today, '2026-11-02')).toBeUndefined();
    expect(adjudicationDate('2026-11-01', today, '2026-11-02')).toEqual({ rule: 'date-order', message: expect.stringContaining('before') });
    expect(adjudicationDate('2026-11-28', today, '2026-11-02')?.rule).toBe('future-date');
  });

  it('SBR05: required for Medicare (MA, MB) not primary, refused on any other policy', () => {
    const itc = (primary: boolean, claimFilingIndicator: string, insuranceTypeCode?: string) =>
      insuranceTypeCodeFor({ primary, claimFilingIndicator, insuranceTypeCode })?.rule;
    expect(itc(false, 'MB')).toBe('required');
    expect(itc(false, 'MA')).toBe('required');
    expect(itc(false, 'MB', '12')).toBeUndefined();
    expect(itc(true, 'MB')).toBeUndefined();
    expect(itc(true, 'MB', '12')).toBe('not-applicable');
    expect(itc(false, 'CI', '12')).toBe('not-applicable');
    expect(itc(false, 'CI')).toBeUndefined();
  });
});

describe('one way to name a field', () => {
  it('JSON Pointer (RFC 6901), escaping ~ and /', () => {
    expect(jsonPointer(['serviceLines', 0, 'procedureCode'])).toBe('/serviceLines/0/procedureCode');
    expect(jsonPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(jsonPointer([])).toBe('');
  });
});

describe('decimal numbers are read in one linear pass', () => {
  it('looks at each character at most once, however long the text (a 100,000-digit element)', () => {
    const digits = '9'.repeat(100_000);
    expect(scanDecimal(`${digits}x`)).toEqual({ decimal: undefined, scanned: 100_001 });
    expect(scanDecimal(`${digits}.5.`)).toEqual({ decimal: undefined, scanned: 100_003 });
    const valid = scanDecimal(`-${digits}.25`);
    expect(valid.scanned).toBe(100_004);
    expect(valid.decimal).toEqual({ negative: true, whole: digits, fraction: '25' });
    // A bad character early stops the scan there.
    expect(scanDecimal(`1x${digits}`).scanned).toBe(2);
  });

  it('reads the plain decimals X12 writes', () => {
    expect(scanDecimal('123').decimal).toEqual({ negative: false, whole: '123', fraction: '' });
    expect(scanDecimal('.5').decimal).toEqual({ negative: false, whole: '', fraction: '5' });
    for (const bad of ['', '-', '.', '1.2.3', '1e5', '+1', ' 1']) expect(scanDecimal(bad).decimal).toBeUndefined();
  });
});
