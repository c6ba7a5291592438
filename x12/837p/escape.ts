/**
 * Keeping data from breaking the file. Free text (names, addresses) is cleaned: accents
 * folded, upper-cased, every character outside a safe subset of the X12 character set
 * (which excludes this writer's delimiters ~ * : ^) turned into a space, blanks collapsed,
 * cut to the element's maximum length. Identifiers (claim id, member id, NPI, codes) are
 * never altered: `unsafeCharacters` finds what the validator must refuse.
 */

/** Characters free text may keep: X12 basic set (minus delimiters) plus # and @. */
const TEXT_UNSAFE = /[^A-Z0-9 !"&'()+,\-./;?=#@]/g;
/** Identifiers may also hold lower case letters; never a delimiter or a control character. */
const IDENTIFIER_UNSAFE = /[^A-Za-z0-9 !"&'()+,\-./;?=#@_]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Cleans free text for an X12 element; returns "" when nothing printable is left. */
export function cleanText(value: string, maxLength: number): string {
  const folded = value.normalize('NFD').replace(COMBINING_MARKS, '').toUpperCase();
  const cleaned = folded.replace(TEXT_UNSAFE, ' ').replace(/\s+/g, ' ').trim();
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
