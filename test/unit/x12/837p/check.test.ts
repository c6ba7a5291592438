import { check837P, writeBatch837P } from '../../../../x12/837p';
import { scenarios } from './support/scenarios';

const mixed = writeBatch837P(scenarios()['mixed-batch']!);
const secondary = writeBatch837P(scenarios()['secondary-partial-payment']!);

describe('independent checker', () => {
  it('passes what the writer writes and counts it', () => {
    const report = check837P(mixed);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, transactionSets: 1, claims: 17 });
    expect(report.hierarchicalLevels).toBe(2 + 17 + 8); // 2 practices, 17 subscribers, 8 patients (the secondary bills bill the spouse's policy)
  });

  it('catches a wrong SE count', () => {
    const broken = mixed.replace(/SE\*(\d+)\*/, (_m, n: string) => `SE*${Number(n) + 1}*`);
    expect(check837P(broken).errors.join('\n')).toMatch(/SE01 is \d+ but the transaction set has/);
  });

  it('catches GE and IEA counts and control numbers that do not match', () => {
    const broken = mixed.replace('GE*1*4203', 'GE*2*4203').replace('IEA*1*000004203', 'IEA*1*000004299');
    const errors = check837P(broken).errors.join('\n');
    expect(errors).toMatch(/GE01 is 2/);
    expect(errors).toMatch(/IEA02 000004299/);
  });

  it('catches a broken HL tree', () => {
    expect(mixed).toContain('~HL*3*1*22*1~');
    expect(mixed).toContain('~HL*4*3*23*0~');
    expect(check837P(mixed.replace('HL*4*3*23*0', 'HL*4*1*23*0')).errors.join('\n')).toMatch(/HL level 23 under level 20/);
    expect(check837P(mixed.replace('HL*3*1*22*1', 'HL*3*1*22*0')).errors.join('\n')).toMatch(/HL 3 says child code 0 but has 1/);
    expect(check837P(mixed.replace('HL*4*3*23*0', 'HL*5*3*23*0')).errors.join('\n')).toMatch(/HL01 5 should be 4/);
  });

  it('catches a line that does not balance and a payer whose AMT*D does not', () => {
    const line = check837P(secondary.replace('SVD*60054*104*', 'SVD*60054*105*')).errors.join('\n');
    expect(line).toMatch(/line charge 18000 ≠ SVD02 10500 \+ CAS 7600/);
    expect(line).toMatch(/AMT\*D 10400 ≠ sum of SVD02 10500/);
    const claim = check837P(secondary.replace('CLM*SCE1001S*205*', 'CLM*SCE1001S*206*')).errors.join('\n');
    expect(claim).toMatch(/CLM02 of SCE1001S is 20600 cents but its lines add up to 20500/);
  });

  it('catches a denial whose claim-level adjustments do not carry the charge', () => {
    const denial = writeBatch837P(scenarios()['secondary-denial']!);
    expect(check837P(denial).ok).toBe(true);
    expect(check837P(denial.replace('CAS*CO*27*205', 'CAS*CO*27*200')).errors.join('\n')).toMatch(
      /CLM02 20500 ≠ AMT\*D 0 \+ claim CAS 20000/,
    );
  });

  it('refuses a file without a proper ISA', () => {
    expect(check837P('GS*HC~').ok).toBe(false);
  });
});
