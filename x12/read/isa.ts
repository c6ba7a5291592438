import { MalformedX12Error } from './errors';

/** Delimiters an interchange declares in its ISA. */
export interface Delimiters {
  element: string;
  component: string;
  /** ISA11 in 00501 and later; undefined before (ISA11 was the standards identifier "U"). */
  repetition?: string;
  segment: string;
}

/** ISA is fixed length: "ISA" then 16 elements of these exact widths, then the segment terminator. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
export const ISA_LENGTH = 106;

/**
 * Checks the fixed-length ISA at the very start of a file and returns its delimiters.
 * x12-parser reads the delimiters at fixed offsets without checking them; a file that
 * does not start with a well-formed ISA would be split into garbage, so it is refused here.
 */
export function inspectIsa(head: string): Delimiters {
  const ref = { index: 1, id: 'ISA' };
  if (!head.startsWith('ISA')) {
    const shown = JSON.stringify(head.slice(0, 10));
    throw new MalformedX12Error('NOT_X12', `file does not start with an ISA segment (starts with ${shown})`);
  }
  if (head.length < ISA_LENGTH) {
    throw new MalformedX12Error('BAD_ISA', `ISA is cut short: ${head.length} characters, a full ISA has ${ISA_LENGTH}`, ref);
  }
  const element = head.charAt(3);
  if (/[A-Za-z0-9 ]/.test(element)) {
    throw new MalformedX12Error('BAD_ISA', `element separator "${element}" after "ISA" is a letter, digit or space`, ref);
  }
  let pos = 3;
  for (let i = 0; i < ISA_WIDTHS.length; i += 1) {
    if (head.charAt(pos) !== element) {
      throw new MalformedX12Error(
        'BAD_ISA',
        `ISA${String(i + 1).padStart(2, '0')} does not start at column ${pos + 1}: ISA is fixed length and its elements have fixed widths`,
        ref,
      );
    }
    pos += 1 + (ISA_WIDTHS[i] ?? 0);
  }
  const component = head.charAt(104);
  const segment = head.charAt(105);
  if (segment === element || segment === component || /[A-Za-z0-9 ]/.test(segment)) {
    throw new MalformedX12Error('BAD_ISA', `segment terminator "${segment}" at column 106 is not a usable delimiter`, ref);
  }
  if (component === element || /[A-Za-z0-9 ]/.test(component)) {
    throw new MalformedX12Error('BAD_ISA', `component separator (ISA16) "${component}" is not a usable delimiter`, ref);
  }
  const isa11 = head.charAt(82);
  const repetition = head.slice(84, 89) >= '00501' && isa11 !== 'U' ? isa11 : undefined;
  return { element, component, repetition, segment };
}
