/**
 * A minimal X12 reader for the payer SIMULATOR: splits an interchange into segments and
 * elements using the separators its ISA segment declares. It is only what the simulator needs
 * (the project's real readers live in x12/). Error messages name segment positions and ids,
 * never element values (they may be patient data).
 */
export class SimulatorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorInputError';
  }
}

export interface Separators {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

export interface Segment {
  /** 1-based position in the interchange. */
  position: number;
  id: string;
  /** elements[0] is the segment id; elements[n] is element n. */
  elements: string[];
}

export interface Interchange {
  separators: Separators;
  segments: Segment[];
}

export function readInterchange(text: string): Interchange {
  const start = text.indexOf('ISA');
  if (start < 0 || text.slice(0, start).trim() !== '') throw new SimulatorInputError('not an X12 interchange: it does not start with ISA');
  const body = text.slice(start);
  if (body.length < 106) throw new SimulatorInputError('ISA segment is shorter than 106 characters');
  const element = body.charAt(3);
  const isaFields = body.slice(0, 106).split(element);
  if (isaFields.length !== 17) throw new SimulatorInputError(`ISA segment has ${isaFields.length - 1} elements, expected 16`);
  const separators: Separators = {
    element,
    repetition: body.charAt(82),
    component: body.charAt(104),
    segment: body.charAt(105),
  };
  if (/[A-Za-z0-9\s]/.test(separators.segment)) throw new SimulatorInputError('ISA does not end with a segment terminator at position 106');
  const segments: Segment[] = [];
  for (const raw of body.split(separators.segment)) {
    const trimmed = raw.replace(/^[\r\n]+|[\r\n]+$/g, '').trim();
    if (trimmed === '') continue;
    const elements = trimmed.split(element);
    segments.push({ position: segments.length + 1, id: elements[0] ?? '', elements });
  }
  return { separators, segments };
}

/** Element n of a segment ('' when absent). */
export function el(segment: Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/** Component m (1-based) of element n. */
export function comp(segment: Segment, n: number, m: number, separators: Separators): string {
  return el(segment, n).split(separators.component)[m - 1] ?? '';
}

export function requireEl(segment: Segment, n: number, what: string): string {
  const value = el(segment, n);
  if (value === '') {
    throw new SimulatorInputError(
      `segment ${segment.position} (${segment.id}): ${segment.id}${String(n).padStart(2, '0')} (${what}) is empty`,
    );
  }
  return value;
}
