/** Test-side reading of X12 text: segments as element arrays, delimiters taken from the ISA. */
export interface Parsed {
  segments: string[][];
  component: string;
}

export function parseX12(text: string): Parsed {
  const body = text.replace(/^\s+/, '');
  const element = body[3] ?? '*';
  const component = body[104] ?? ':';
  const terminator = body[105] ?? '~';
  const segments = body
    .split(terminator)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => s.split(element));
  return { segments, component };
}

/** Segment ids in order, e.g. ["ISA","GS","ST",...]. */
export function ids(text: string): string[] {
  return parseX12(text).segments.map((s) => s[0] ?? '');
}

/** The segments of each claim (CLM up to the next HL, CLM or SE), keyed by CLM01. */
export function claims(text: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  let current: string[][] | undefined;
  for (const seg of parseX12(text).segments) {
    const id = seg[0];
    if (id === 'CLM') {
      current = [];
      out.set(seg[1] ?? '', current);
    } else if (id === 'HL' || id === 'SE') {
      current = undefined;
    }
    current?.push(seg);
  }
  return out;
}

/** Renders segments back with * and a given component separator normalised to ':'. */
export function render(segments: string[][], component = ':'): string[] {
  return segments.map((s) => s.join('*').split(component).join(':'));
}
