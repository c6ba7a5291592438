/**
 * The text cleaning of the 837P writer as it was before it was made fast (NFKD, combining
 * marks dropped, letter table, upper case, unsafe characters to spaces, blanks collapsed):
 * kept here only as the reference the fast version must agree with, character for character.
 */
import { LETTERS_FOR_TESTS, PUNCTUATION_FOR_TESTS } from '../../../../../x12/837p/transliterate';

const COMBINING_MARKS = /\p{M}/gu;
const NOT_PRINTABLE_ASCII = /[^ -~]/gu;
const NON_ASCII_LETTER_OR_DIGIT = /[^\P{L} -~]|[^\P{N} -~]/u;
const PRINTABLE_ASCII = /^[ -~]*$/;
const TEXT_UNSAFE = /[^A-Z0-9 !"&'()+,\-./;?=#@]/g;

export function referenceTransliterate(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return value.toUpperCase();
  return value
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(NOT_PRINTABLE_ASCII, (ch) => LETTERS_FOR_TESTS[ch] ?? PUNCTUATION_FOR_TESTS[ch] ?? ch)
    .toUpperCase();
}

export function referenceCleanText(value: string, maxLength: number): string {
  const cleaned = referenceTransliterate(value).replace(TEXT_UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > maxLength ? cleaned.slice(0, maxLength).trimEnd() : cleaned;
}

export function referenceHasLettersWithoutAsciiForm(value: string): boolean {
  return NON_ASCII_LETTER_OR_DIGIT.test(referenceTransliterate(value));
}
