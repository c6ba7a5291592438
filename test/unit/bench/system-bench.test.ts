/** The system bench's pure parts: its 835 for given claims, its statistics and table, its command line. */
import { generateEra835 } from '../../../bench/helpers/generate-835';
import { parseBenchArgs } from '../../../bench/system/args';
import { median, percentile, renderTable } from '../../../bench/system/report';
import { allFindings, read835 } from '../../../x12/835';

describe('generateEra835', () => {
  it('answers each given claim by its number, balanced, on the dates given', async () => {
    const x12 = generateEra835(
      [
        { patientControlNumber: 'C-1', chargeCents: 15000, dateOfService: '2026-11-02', procedure: 'HC:90837', lineControlNumber: 'C-1-1' },
        { patientControlNumber: 'C-2', chargeCents: 9999, dateOfService: '2026-11-03' },
      ],
      { traceNumber: 'T42', paymentDate: '2026-11-20' },
    );
    const [r] = (await read835(x12)).remittances;
    expect(allFindings(r!)).toEqual([]);
    expect(r!.payment.traceNumber).toBe('T42');
    expect(r!.payment.date).toBe('2026-11-20');
    expect(r!.claims.map((c) => [c.patientControlNumber, c.chargeCents])).toEqual([
      ['C-1', 15000],
      ['C-2', 9999],
    ]);
    expect(r!.claims[0]!.serviceLines[0]!.lineItemControlNumber).toBe('C-1-1');
    expect(r!.claims.reduce((t, c) => t + c.paidCents, 0)).toBe(r!.payment.totalPaidCents);
  });
});

describe('report', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('p99 by nearest rank: the worst of 100 is not the p99, of 50 it is', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred.slice(0, 50), 99)).toBe(50);
    expect(percentile([], 99)).toBeNaN();
  });

  it('a row without values says why it was not measured', () => {
    const table = renderTable([
      { figure: 'a', size: '5', values: [2, 4, 3], unit: 's', note: 'n' },
      { figure: 'b', size: '6', values: [], unit: 's', failed: 'timed out | late' },
    ]);
    expect(table.split('\n')).toEqual([
      '| figure | size | median | range (runs) | note |',
      '| --- | --- | --- | --- | --- |',
      '| a | 5 | 3.00 s | 2.00-4.00 (3) | n |',
      '| b | 6 | not measured |  | FAILED: timed out / late |',
    ]);
  });
});

describe('parseBenchArgs', () => {
  it('reads sizes, rates and what to skip', () => {
    const args = parseBenchArgs(['--era-claims', '500,2000', '--bills', '0', '--rate', '50', '--skip', 'pure,eob']);
    expect(args).toMatchObject({ eraClaims: [500, 2000], bills: 0, rate: 50, eobRate: 20, duration: 10 });
    expect(args !== 'help' && [...args.skip]).toEqual(['pure', 'eob']);
  });

  it('refuses what it cannot use, naming the option', () => {
    expect(() => parseBenchArgs(['--rate', 'fast'])).toThrow('--rate must be a number');
    expect(() => parseBenchArgs(['--skip', 'everything'])).toThrow('--skip: unknown figure "everything"');
  });
});
