import { parseCents } from '../../../../x12/common/money';
import { amount } from '../../../../x12/read/fields';
import { readX12 } from '../../../../x12/read';
import type { Segment } from '../../../../x12/read';
import { isLoop, type Loop } from '../../../../x12/read/segment';
import { fixture, describeSamples, sample, sampleFiles } from './samples';

function seg(value: string): Segment {
  return { id: 'AMT', index: 1, data: { name: 'AMT', '1': 'B6', '2': value } };
}

describe('amount fast path agrees with parseCents', () => {
  it.each(['0', '-0', '1', '1.5', '1.50', '-12.34', '007', '123456789.99', '.5', '5.', '1.500', ' 2.25 '])('%s', (v) => {
    expect(amount(seg(v), 2, 'x')).toBe(parseCents(v));
  });
  it.each(['1.234', 'abc', '1,00', '--1'])('refuses %s', (v) => {
    expect(() => amount(seg(v), 2, 'x')).toThrow('AMT02 (x)');
  });
});

/** Flattens what the grouper delivered, in delivery order. */
async function order(
  bytes: Buffer,
  loops: { start: string; name: string; groups?: { start: string; name: string }[] },
  sets: string[],
): Promise<[number, string][]> {
  const seen: [number, string][] = [];
  const walk = (l: Loop): void => {
    seen.push([l.start.index, l.start.id]);
    for (const i of l.items) {
      if (isLoop(i)) walk(i);
      else seen.push([i.index, i.id]);
    }
  };
  await readX12(bytes, {
    loops,
    transactionSets: sets,
    begin: () => ({ segment: (s) => seen.push([s.index, s.id]), loop: walk, end: (s) => seen.push([s.index, s.id]) }),
  });
  return seen;
}

function rawOrder(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  return text
    .split(text.charAt(105))
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => s.split(text.charAt(3))[0] ?? '');
}

describe('grouper keeps file order, so segment ordinals are right', () => {
  const LOOPS = { start: 'CLP', name: '2100', groups: [{ start: 'SVC', name: '2110' }] };
  it('own fixture', async () => {
    const bytes = fixture('crossover-reversal-plb.835');
    const ids = rawOrder(bytes).filter((id) => !['ISA', 'GS', 'ST', 'GE', 'IEA'].includes(id));
    const seen = await order(bytes, LOOPS, ['835']);
    expect(seen.map(([, id]) => id)).toEqual(ids);
    // ordinals: ST is 3, so the first transaction segment is 4 and they run without gaps
    expect(seen.map(([i]) => i)).toEqual(ids.map((_, k) => k + 4));
  });
});

describeSamples('grouper order on the 835 samples', () => {
  it.each(sampleFiles('835'))('%s', async (file) => {
    const bytes = sample('835', file);
    const ids = rawOrder(bytes).filter((id) => !['ISA', 'GS', 'ST', 'GE', 'IEA'].includes(id));
    const seen = await order(bytes, { start: 'CLP', name: '2100', groups: [{ start: 'SVC', name: '2110' }] }, ['835']);
    expect(seen.map(([, id]) => id)).toEqual(ids);
  });
});
