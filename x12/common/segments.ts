/** The delimiters of one X12 interchange (ISA fixes them for the whole file). */
export interface Delimiters {
  /** Segment terminator, e.g. "~". */
  segment: string;
  /** Element separator, e.g. "*". */
  element: string;
  /** Component (sub-element) separator, ISA16, e.g. ":". */
  component: string;
  /** Repetition separator, ISA11 in 005010, e.g. "^". */
  repetition: string;
}

export const DEFAULT_DELIMITERS: Readonly<Delimiters> = Object.freeze({
  segment: '~',
  element: '*',
  component: ':',
  repetition: '^',
});

/**
 * Joins a segment id and its elements with the element separator, dropping trailing
 * empty elements (X12 forbids trailing separators). Empty elements in the middle are
 * kept as positional placeholders. The caller is responsible for the elements holding
 * no delimiter; the segment terminator is not appended.
 */
export function joinSegment(id: string, elements: readonly (string | undefined)[], elementSeparator = '*'): string {
  let last = elements.length - 1;
  while (last >= 0 && !elements[last]) last--;
  let out = id;
  for (let i = 0; i <= last; i++) out += elementSeparator + (elements[i] ?? '');
  return out;
}

/** Joins the components of a composite element, dropping trailing empty components. */
export function joinComposite(components: readonly (string | undefined)[], componentSeparator = ':'): string {
  let last = components.length - 1;
  while (last >= 0 && !components[last]) last--;
  const parts: string[] = [];
  for (let i = 0; i <= last; i++) parts.push(components[i] ?? '');
  return parts.join(componentSeparator);
}
