/**
 * The fast text cleaning agrees with the reference (support/reference-clean.ts) on any text:
 * what the writer puts in an element and what the validator refuses are unchanged.
 */
import { fc, test } from '@fast-check/jest';
import { cleanText } from '../../../../x12/837p';
import { rule } from '../../../../x12/837p/rules';
import { referenceCleanText, referenceHasLettersWithoutAsciiForm } from './support/reference-clean';

const SAMPLES = 'aZ09 ~*:^\t\n\r\u00a0\u2003ÉéñÅﬁØøßẞÆŒıſƒƏ’“”–—−\u0301\u0308ⅠⅫ№½²ｈＡЖ中ǅǈ\u0130\u0131ﬀ…‐';

const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...SAMPLES), maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

describe('fast text cleaning', () => {
  test.prop([textArb, fc.integer({ min: 1, max: 80 })], { numRuns: 3000 })('cleans like the reference', (value, max) => {
    expect(cleanText(value, max)).toBe(referenceCleanText(value, max));
  });

  test.prop([textArb, fc.integer({ min: 1, max: 80 })], { numRuns: 3000 })('refuses what the reference refuses', (value, max) => {
    const failure = rule.text(max)(value);
    const cleaned = referenceCleanText(value, Number.MAX_SAFE_INTEGER);
    const expected = referenceHasLettersWithoutAsciiForm(value)
      ? 'no-ascii-form'
      : cleaned === ''
        ? 'format'
        : cleaned.length > max
          ? 'length'
          : undefined;
    expect(failure?.rule).toBe(expected);
  });

  it.each(['ǅemal', 'İstanbul', 'ﬀ ½ ²', 'ｈｅｌｌｏ', 'a\u0301\u0302b', '   ', 'Ⅻ', 'Ж'])('agrees on %j', (value) => {
    expect(cleanText(value, 60)).toBe(referenceCleanText(value, 60));
  });
});
