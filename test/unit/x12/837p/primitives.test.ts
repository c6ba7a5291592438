import { isValidNpi, cleanText } from '../../../../x12/837p';
import { isIcd10Code, isProcedureCode, normalizeIcd10 } from '../../../../x12/837p/codes';
import { unsafeCharacters } from '../../../../x12/837p/escape';
import { joinSegment } from '../../../../x12/common/segments';

describe('NPI check digit (Luhn with prefix 80840)', () => {
  it.each(['1234567893', '1111111112', '1581234568'])('accepts %s', (npi) => expect(isValidNpi(npi)).toBe(true));
  it.each(['1234567890', '1999996666', '123456789', '12345678930', '123456789X'])('refuses %s', (npi) =>
    expect(isValidNpi(npi)).toBe(false),
  );
});

describe('code shapes', () => {
  it.each(['F41.1', 'F411', 'Z00.00', 'S72.001A', 'U07.1', 'f32.9'.toUpperCase()])('ICD-10 %s', (c) => expect(isIcd10Code(c)).toBe(true));
  it.each(['4779', '7215', 'F4', 'F41.12345', 'F41..1', ''])('not ICD-10 %p', (c) => expect(isIcd10Code(c)).toBe(false));
  it('writes ICD-10 without the dot', () => expect(normalizeIcd10('s72.001a')).toBe('S72001A'));
  it.each(['90837', '99213', '0001F', '0042T', '0001U', 'G0108', 'J3301'])('procedure %s', (c) => expect(isProcedureCode(c)).toBe(true));
  it.each(['9083', '908370', 'W1234', 'HC:99213', 'g0108'])('not a procedure %p', (c) => expect(isProcedureCode(c)).toBe(false));
});

describe('escaping', () => {
  it('cleans every delimiter out of free text, folding accents and upper-casing', () => {
    expect(cleanText("O'Brien~*:^ zoë\tAnn\n", 60)).toBe("O'BRIEN ZOE ANN");
    expect(cleanText('*~:^', 60)).toBe('');
    expect(cleanText('a'.repeat(70), 60)).toHaveLength(60);
  });
  it('finds what an identifier cannot hold', () => {
    expect(unsafeCharacters('AB*C~D:E^F')).toEqual(['*', '~', ':', '^']);
    expect(unsafeCharacters('W123-45.6/7')).toEqual([]);
    expect(unsafeCharacters('a\u0000b')).toEqual(['\u0000']);
  });
  it('joins segments without trailing separators', () => {
    expect(joinSegment('OI', [undefined, undefined, 'Y', undefined, undefined, 'Y'])).toBe('OI***Y***Y');
    expect(joinSegment('REF', ['EI', '123', undefined, ''])).toBe('REF*EI*123');
  });
});
