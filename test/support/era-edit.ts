/**
 * Edits of an 835 for tests that need the same payer to say something else: a re-issued ERA
 * under another trace number, with some of a claim's payment moved into a contractual
 * adjustment (the claim and the file still balance). Plain segment edits, by position.
 */
interface X12Text {
  segments: string[][];
  element: string;
  terminator: string;
}

function parse(content: Buffer): X12Text {
  const text = content.toString('latin1');
  const element = text[3] ?? '*';
  const terminator = text[105] ?? '~';
  const segments = text
    .split(terminator)
    .map((s) => s.replace(/^[\r\n]+/, ''))
    .filter((s) => s.length > 0)
    .map((s) => s.split(element));
  return { segments, element, terminator };
}

const cents = (amount: string | undefined): number => Math.round(Number.parseFloat(amount ?? '0') * 100);
const amount = (c: number): string => (c / 100).toFixed(2).replace(/\.00$/, '');

export function reissueEra(content: Buffer, patientControlNumber: string, change: { trace: string; movePaidCents?: number }): Buffer {
  const x = parse(content);
  const moved = change.movePaidCents ?? 0;
  const out: string[][] = [];
  let inClaim = false;
  let svcSeen = false;
  let casAdjusted = false;
  let inserted = 0;
  for (let i = 0; i < x.segments.length; i++) {
    const seg = [...(x.segments[i] ?? [])];
    const id = seg[0];
    if (id === 'TRN') seg[2] = change.trace;
    if (id === 'BPR' && moved) seg[2] = amount(cents(seg[2]) - moved);
    if (id === 'CLP') {
      inClaim = seg[1] === patientControlNumber;
      svcSeen = false;
      if (inClaim && moved) seg[4] = amount(cents(seg[4]) - moved);
    }
    if (id === 'SE') {
      inClaim = false;
      seg[1] = String(Number(seg[1]) + inserted);
      inserted = 0;
    }
    if (inClaim && moved && id === 'SVC' && !svcSeen) {
      svcSeen = true;
      seg[3] = amount(cents(seg[3]) - moved);
      out.push(seg);
      // The line's own CO adjustment takes the difference; or a new one after the line's dates.
      let j = i + 1;
      while (x.segments[j]?.[0] === 'DTM') out.push([...(x.segments[j++] ?? [])]);
      const cas = x.segments[j]?.[0] === 'CAS' && x.segments[j]?.[1] === 'CO' ? x.segments[j] : undefined;
      if (cas) {
        const copy = [...cas];
        copy[3] = amount(cents(copy[3]) + moved);
        out.push(copy);
        j += 1;
      } else {
        out.push(['CAS', 'CO', '45', amount(moved)]);
        inserted += 1;
      }
      casAdjusted = true;
      i = j - 1;
      continue;
    }
    out.push(seg);
  }
  if (moved && !casAdjusted) throw new Error(`no service line of claim ${patientControlNumber} to move the payment on`);
  return Buffer.from(out.map((s) => s.join(x.element)).join(x.terminator) + x.terminator, 'latin1');
}

/** The same file with a line break after every segment (as some clearinghouses send it). */
export function withLineBreaks(content: Buffer): Buffer {
  const x = parse(content);
  return Buffer.from(x.segments.map((s) => s.join(x.element)).join(`${x.terminator}\r\n`) + `${x.terminator}\r\n`, 'latin1');
}
