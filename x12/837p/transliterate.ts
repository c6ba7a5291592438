/**
 * Free text (names, addresses, cities) into the X12 character set, letter for letter. The rule:
 *
 * 1. Compatibility decomposition (NFKD), then every combining mark dropped: É -> E, ñ -> n,
 *    Å -> A, ﬁ -> fi, a no-break space -> a space.
 * 2. Latin letters that do not decompose take their usual ASCII spelling: Ø -> O, Ł -> L,
 *    Đ/Ð -> D, Þ -> TH, ß/ẞ -> SS, Æ -> AE, Œ -> OE, ı -> I, Ħ -> H, Ŧ -> T, Ŋ -> N, ĸ -> K,
 *    ſ -> S, ƒ -> F, Ə -> E (see LETTERS).
 * 3. Typographic quotes and dashes become their ASCII forms: ’ -> ', “ -> ", – -> -.
 * 4. Upper case.
 *
 * A letter or digit still outside ASCII after that (Cyrillic, Greek, CJK, ...) has no ASCII
 * form: the validator refuses the text (spell it in Latin letters as on the insurance card),
 * it is never turned into a space. Any other character outside the X12 set (a delimiter, a
 * symbol, a control character) becomes a space.
 */

/** Latin letters NFKD leaves whole, with their ASCII spelling (upper case; text is upper-cased after). */
const LETTERS: Readonly<Record<string, string>> = {
  Ø: 'O',
  ø: 'O',
  Ł: 'L',
  ł: 'L',
  Đ: 'D',
  đ: 'D',
  Ð: 'D',
  ð: 'D',
  Þ: 'TH',
  þ: 'TH',
  ß: 'SS',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'AE',
  Œ: 'OE',
  œ: 'OE',
  ı: 'I',
  Ħ: 'H',
  ħ: 'H',
  Ŧ: 'T',
  ŧ: 'T',
  Ŋ: 'N',
  ŋ: 'N',
  ĸ: 'K',
  ſ: 'S',
  ƒ: 'F',
  Ƒ: 'F',
  Ə: 'E',
  ə: 'E',
  Ɨ: 'I',
  ɨ: 'I',
  Ɵ: 'O',
  ɵ: 'O',
  Ƶ: 'Z',
  ƶ: 'Z',
};

const PUNCTUATION: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u2032': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
};

/** The tables, for the tests that compare this module with its reference. */
export const LETTERS_FOR_TESTS = LETTERS;
export const PUNCTUATION_FOR_TESTS = PUNCTUATION;

const COMBINING_MARKS = /\p{M}/gu;
/** Anything but printable ASCII. */
const NOT_PRINTABLE_ASCII = /[^ -~]/gu;
/** A letter or a digit that is not ASCII ("letter and not printable ASCII", likewise digits). */
const NON_ASCII_LETTER_OR_DIGIT = /[^\P{L} -~]|[^\P{N} -~]/u;

const PRINTABLE_ASCII = /^[ -~]*$/;

/** Steps 1 to 4 of the rule: the text in ASCII letters where it has an ASCII form, upper case. */
export function transliterate(value: string): string {
  // Most names are plain ASCII already: nothing to decompose.
  if (PRINTABLE_ASCII.test(value)) return value.toUpperCase();
  return value
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(NOT_PRINTABLE_ASCII, (ch) => LETTERS[ch] ?? PUNCTUATION[ch] ?? ch)
    .toUpperCase();
}

/** True when transliterated text still holds a letter or digit with no ASCII form (the validator refuses it). */
export function hasLettersWithoutAsciiForm(transliterated: string): boolean {
  return NON_ASCII_LETTER_OR_DIGIT.test(transliterated);
}
