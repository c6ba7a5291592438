/**
 * Keeping data from breaking the file. Free text (names, addresses) is cleaned: letters
 * transliterated to ASCII (see transliterate.ts: Ø -> O, ß -> SS, accents dropped),
 * upper-cased, every other character outside a safe subset of the X12 character set (which
 * excludes this writer's delimiters ~ * : ^) turned into a space, blanks collapsed. The
 * validator refuses text longer than its element once cleaned, and text with letters that
 * have no ASCII form. Identifiers (claim id, member id, NPI, codes) are never altered:
 * `unsafeCharacters` finds what the validator must refuse.
 *
 * Speed: a batch cleans the same names (payers, providers, cities) thousands of times, and
 * each text is judged by the validator then cleaned by the writer. `textOf` does the work
 * once per distinct text (a bounded memo), in one pass over the characters for plain text.
 */
import { hasLettersWithoutAsciiForm, transliterate } from './transliterate';

/** Identifiers may also hold lower case letters; never a delimiter or a control character. */
const IDENTIFIER_UNSAFE = /[^A-Za-z0-9 !"&'()+,\-./;?=#@_]/g;
const IDENTIFIER_SAFE = /^[A-Za-z0-9 !"&'()+,\-./;?=#@_]*$/;

/** SAFE[c] for a UTF-16 code unit c < 128: the character free text may keep (X12 basic set minus delimiters, plus # and @). */
const SAFE = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !"&\'()+,-./;?=#@') SAFE[ch.charCodeAt(0)] = 1;

/**
 * Cleans upper-cased text: characters outside the safe set become blanks, blanks are
 * collapsed to one space, and the ends trimmed. One pass over the UTF-16 code units.
 */
function cleanUpper(text: string): string {
  let out = '';
  let pendingSpace = false;
  let runStart = -1; // start of a run of safe, non-blank characters copied at once
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c < 128 && SAFE[c] === 1) {
      if (runStart < 0) {
        if (pendingSpace && out !== '') out += ' ';
        pendingSpace = false;
        runStart = i;
      }
      continue;
    }
    if (runStart >= 0) {
      out += text.slice(runStart, i);
      runStart = -1;
    }
    pendingSpace = true;
  }
  if (runStart >= 0) {
    if (runStart === 0) return text; // nothing to change
    out += text.slice(runStart);
  }
  return out;
}

/** Cleans transliterated text for an X12 element, without cutting it; "" when nothing printable is left. */
export function cleanTransliterated(transliterated: string): string {
  return cleanUpper(transliterated);
}

/** What the writer and the validator need of one free text. */
export interface CleanedText {
  /** The text cleaned, not cut ("" when nothing printable is left). */
  cleaned: string;
  /** It holds a letter or digit with no ASCII form: the validator refuses it. */
  noAsciiForm: boolean;
}

const MEMO_LIMIT = 20_000;
let memo = new Map<string, CleanedText>();

/** The cleaned form of a free text, computed once per distinct text (bounded memo; pure). */
export function textOf(value: string): CleanedText {
  const known = memo.get(value);
  if (known) return known;
  const transliterated = transliterate(value);
  const result: CleanedText = { cleaned: cleanUpper(transliterated), noAsciiForm: hasLettersWithoutAsciiForm(transliterated) };
  if (memo.size >= MEMO_LIMIT) memo = new Map();
  memo.set(value, result);
  return result;
}

/** Cleans free text for an X12 element, without cutting it; "" when nothing printable is left. */
export function cleanFullText(value: string): string {
  return textOf(value).cleaned;
}

/** Cleans free text for an X12 element of at most maxLength characters (validation refuses longer text). */
export function cleanText(value: string, maxLength: number): string {
  const cleaned = textOf(value).cleaned;
  return cleaned.length > maxLength ? cleaned.slice(0, maxLength).trimEnd() : cleaned;
}

/** True when an identifier can go into an X12 element as it is. */
export function isSafeIdentifier(value: string): boolean {
  return IDENTIFIER_SAFE.test(value);
}

/** The distinct characters of an identifier that cannot go into an X12 element, in order of appearance. */
export function unsafeCharacters(value: string): string[] {
  if (IDENTIFIER_SAFE.test(value)) return [];
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
