/**
 * Keeping data from breaking the file. Free text (names, addresses) is cleaned: letters
 * transliterated to ASCII (see transliterate.ts: Ø -> O, ß -> SS, accents dropped),
 * upper-cased, every other character outside a safe subset of the X12 character set (which
 * excludes this writer's delimiters ~ * : ^) turned into a space, blanks collapsed. The
 * validator refuses text longer than its element once cleaned, and text with letters that
 * have no ASCII form. Identifiers (claim id, member id, NPI, codes) are never altered:
 * `unsafeCharacters` finds what the validator must refuse.
 */
import { transliterate } from './transliterate';

/** Characters free text may keep: X12 basic set (minus delimiters) plus # and @. */
const TEXT_UNSAFE = /[^A-Z0-9 !"&'()+,\-./;?=#@]/g;
/** Identifiers may also hold lower case letters; never a delimiter or a control character. */
const IDENTIFIER_UNSAFE = /[^A-Za-z0-9 !"&'()+,\-./;?=#@_]/g;

/** Cleans transliterated text for an X12 element, without cutting it; "" when nothing printable is left. */
export function cleanTransliterated(transliterated: string): string {
  return transliterated.replace(TEXT_UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

/** Cleans free text for an X12 element, without cutting it; "" when nothing printable is left. */
export function cleanFullText(value: string): string {
  return cleanTransliterated(transliterate(value));
}

/** Cleans free text for an X12 element of at most maxLength characters (validation refuses longer text). */
export function cleanText(value: string, maxLength: number): string {
  const cleaned = cleanFullText(value);
  return cleaned.length > maxLength ? cleaned.slice(0, maxLength).trimEnd() : cleaned;
}

/** The distinct characters of an identifier that cannot go into an X12 element, in order of appearance. */
export function unsafeCharacters(value: string): string[] {
  const found = value.match(IDENTIFIER_UNSAFE) ?? [];
  return [...new Set(found)];
}

/** Digits only, e.g. for phone numbers, tax ids and ZIP codes. */
export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

/** Describes characters for an error message: control and space characters by code point. */
export function describeCharacters(chars: readonly string[]): string {
  return chars
    .map((c) => (/[\x21-\x7e]/.test(c) ? `"${c}"` : `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`))
    .join(', ');
}
