import { buildBatch837P, ClaimValidationError, writeBatch837P } from '../../../../x12/837p';
import { batchInput, example } from './support/fixtures';
import { writeOutput } from './support/output';
import { scenarios } from './support/scenarios';
import { claims, ids, parseX12, render } from './support/x12-text';

const all = scenarios();

function written(name: keyof ReturnType<typeof scenarios> & string): string {
  const input = all[name];
  if (!input) throw new Error(`no scenario ${name}`);
  const x12 = writeBatch837P(input);
  writeOutput(name, x12);
  return x12;
}

function claimSegments(x12: string, claimId: string): string[] {
  const segments = claims(x12).get(claimId);
  if (!segments) throw new Error(`claim ${claimId} not found`);
  return render(segments);
}

describe('envelope', () => {
  const x12 = written('primary');
  const { segments } = parseX12(x12);

  it('writes a fixed-width ISA with Office Ally as receiver, test usage and the control number passed in', () => {
    expect(x12.indexOf('~')).toBe(105);
    expect(x12.slice(0, 106)).toBe(
      'ISA*00*          *00*          *ZZ*OA12345        *ZZ*330897513      *261127*1030*^*00501*000004201*0*T*:~',
    );
    expect(segments[1]).toEqual(['GS', 'HC', 'OA12345', '330897513', '20261127', '1030', '4201', 'X', '005010X222A1']);
    expect(segments[2]).toEqual(['ST', '837', '0001', '005010X222A1']);
    expect(render(segments.slice(3, 7))).toEqual([
      'BHT*0019*00*0001*20261127*1030*CH',
      'NM1*41*2*CALM MINDS BILLING*****46*OA12345',
      'PER*IC*EDI DESK*TE*4105550199',
      'NM1*40*2*OFFICE ALLY*****46*330897513',
    ]);
    expect(render(segments.slice(-3))).toEqual([`SE*${segments.length - 4}*0001`, 'GE*1*4201', 'IEA*1*000004201']);
  });

  it('marks production files P', () => {
    expect(written('delimiters-in-data').slice(0, 106).split('*')[15]).toBe('P');
  });

  it('is pure: the same input gives the same bytes', () => {
    expect(writeBatch837P(batchInput([example('tertiary')]))).toBe(writeBatch837P(batchInput([example('tertiary')])));
  });
});

describe('primary claim', () => {
  const x12 = written('primary');

  it('writes the loops in order: 2000A/2010AA, 2000B/2010BA/2010BB, 2300, 2310B, 2320 for the secondary coverage, 2400', () => {
    const body = ids(x12).slice(7, -3);
    expect(body.join(' ')).toBe(
      [
        'HL PRV NM1 N3 N4 REF PER', // 2000A, 2010AA
        'HL SBR NM1 N3 N4 DMG NM1', // 2000B, 2010BA (the patient is the subscriber), 2010BB
        'CLM HI NM1 PRV', // 2300, 2310B
        'SBR OI NM1 N3 N4 NM1', // 2320, 2330A, 2330B: coverage only, not adjudicated yet
        'LX SV1 DTP REF LX SV1 DTP REF', // 2400
      ].join(' '),
    );
    const segments = render(parseX12(x12).segments);
    expect(segments).toEqual(
      expect.arrayContaining([
        'HL*1**20*1',
        'PRV*BI*PXC*101YM0800X',
        'NM1*85*2*CALM MINDS THERAPY LLC*****XX*1234567893',
        'N4*BALTIMORE*MD*212301234',
        'REF*EI*123456789',
        'HL*2*1*22*0',
        'SBR*P*18*GRP-7788******CI',
        'NM1*IL*1*DOE*JANE*Q***MI*W123456789',
        'DMG*D8*19850412*F',
        'NM1*PR*2*AETNA*****PI*60054',
      ]),
    );
  });

  it('writes CLM, HI (ABK then ABF), the rendering provider and the service lines', () => {
    expect(claimSegments(x12, 'SCE1001P')).toEqual([
      'CLM*SCE1001P*205***11:B:1*Y*A*Y*Y',
      'HI*ABK:F411*ABF:F329',
      'NM1*82*1*RIVERA*ANA****XX*1111111112',
      'PRV*PE*PXC*101YP2500X',
      'SBR*S*01*55012******BL',
      'OI***Y***Y',
      'NM1*IL*1*DOE*JOHN****MI*XYZ987654321',
      'N3*45 ELM ST',
      'N4*TOWSON*MD*21204',
      'NM1*PR*2*CAREFIRST BLUECROSS BLUESHIELD*****PI*00580',
      'LX*1',
      'SV1*HC:90837*180*UN*1***1:2',
      'DTP*472*D8*20261102',
      'REF*6R*SCE1001-1',
      'LX*2',
      'SV1*HC:90785*25*UN*1***1',
      'DTP*472*D8*20261102',
      'REF*6R*SCE1001-2',
    ]);
  });

  it('leaves 2310B out when the rendering provider is the billing provider', () => {
    const bill = example('primary');
    bill.renderingProvider = { lastOrOrganizationName: 'Anyone', npi: bill.billingProvider.npi };
    const segments = claimSegments(writeBatch837P(batchInput([bill])), 'SCE1001P');
    expect(segments.filter((s) => s.startsWith('NM1*82'))).toEqual([]);
  });
});

describe('secondary claim after a partial payment', () => {
  const x12 = written('secondary-partial-payment');

  it('bills the secondary (SBR01 S) with a patient level because the patient is not its subscriber', () => {
    const segments = render(parseX12(x12).segments);
    const start = segments.indexOf('HL*2*1*22*1');
    expect(start).toBeGreaterThan(0);
    expect(segments.slice(start, start + 9)).toEqual([
      'HL*2*1*22*1',
      'SBR*S**55012******BL',
      'NM1*IL*1*DOE*JOHN****MI*XYZ987654321',
      'NM1*PR*2*CAREFIRST BLUECROSS BLUESHIELD*****PI*00580',
      'HL*3*2*23*0',
      'PAT*01',
      'NM1*QC*1*DOE*JANE*Q',
      'N3*45 ELM ST',
      'N4*TOWSON*MD*21204',
    ]);
    expect(segments[start + 9]).toBe('DMG*D8*19850412*F');
  });

  it("reports the primary's adjudication in 2320/2330 and per line in 2430", () => {
    expect(claimSegments(x12, 'SCE1001S')).toEqual([
      'CLM*SCE1001S*205***11:B:1*Y*A*Y*Y',
      'HI*ABK:F411*ABF:F329',
      'NM1*82*1*RIVERA*ANA****XX*1111111112',
      'PRV*PE*PXC*101YP2500X',
      'SBR*P*18*GRP-7788******CI',
      'AMT*D*104',
      'AMT*EAF*51',
      'OI***Y***Y',
      'NM1*IL*1*DOE*JANE*Q***MI*W123456789',
      'N3*45 ELM ST',
      'N4*TOWSON*MD*21204',
      'NM1*PR*2*AETNA*****PI*60054',
      'REF*F8*AET2026111600042',
      'LX*1',
      'SV1*HC:90837*180*UN*1***1:2',
      'DTP*472*D8*20261102',
      'REF*6R*SCE1001-1',
      'SVD*60054*104*HC:90837**1',
      'CAS*CO*45*40',
      'CAS*PR*3*30**1*6',
      'DTP*573*D8*20261116',
      'LX*2',
      'SV1*HC:90785*25*UN*1***1',
      'DTP*472*D8*20261102',
      'REF*6R*SCE1001-2',
      'SVD*60054*0*HC:90785**1',
      'CAS*CO*45*10',
      'CAS*PR*1*15',
      'DTP*573*D8*20261116',
    ]);
  });
});

describe('secondary claim after a denial', () => {
  it('carries the whole charge in claim-level CAS, AMT*D 0 and the adjudication date in 2330B', () => {
    const segments = claimSegments(written('secondary-denial'), 'SCE1002S');
    const from = segments.indexOf('SBR*P*18*GRP-7788******CI');
    expect(segments.slice(from, from + 10)).toEqual([
      'SBR*P*18*GRP-7788******CI',
      'CAS*CO*27*205',
      'AMT*D*0',
      'AMT*EAF*0',
      'OI***Y***Y',
      'NM1*IL*1*DOE*JANE*Q***MI*W123456789',
      'N3*45 ELM ST',
      'N4*TOWSON*MD*21204',
      'NM1*PR*2*AETNA*****PI*60054',
      'DTP*573*D8*20261120',
    ]);
    expect(segments.filter((s) => s.startsWith('SVD'))).toEqual([]);
  });
});

describe('tertiary claim', () => {
  it('bills the tertiary (SBR01 T) and reports both earlier payers, claim and line level', () => {
    const x12 = written('tertiary');
    const all = render(parseX12(x12).segments);
    expect(all).toContain('SBR*T*18*******MC');
    const segments = claimSegments(x12, 'SCE1003T');
    expect(segments.filter((s) => /^(SBR|AMT|CAS|SVD|DTP\*573|NM1\*PR|NM1\*IL|NM1\*82|SV1)/.test(s))).toEqual([
      'SBR*P*19*GRP-7788******CI',
      'CAS*OA*94*20',
      'AMT*D*240',
      'AMT*EAF*70',
      'NM1*IL*1*DOE*JANE****MI*W555000111',
      'NM1*PR*2*AETNA*****PI*60054',
      'SBR*S*19*55012******BL',
      'AMT*D*55',
      'AMT*EAF*15',
      'NM1*IL*1*DOE*JOHN****MI*XYZ987654321',
      'NM1*PR*2*CAREFIRST BLUECROSS BLUESHIELD*****PI*00580',
      'SV1*HC:90834:95*150*UN*1***1:2:3',
      'SVD*60054*100*HC:90834:95**1',
      'CAS*CO*45*20',
      'CAS*PR*3*30',
      'DTP*573*D8*20261114',
      'SVD*00580*20*HC:90834:95**1',
      'CAS*OA*23*120',
      'CAS*PR*3*10',
      'DTP*573*D8*20261121',
      'SV1*HC:96130*220*UN*1*11**2',
      'SVD*60054*160*HC:96130**1',
      'CAS*CO*45*20',
      'CAS*PR*2*40',
      'DTP*573*D8*20261114',
      'SVD*00580*35*HC:96130**1',
      'CAS*OA*23*180',
      'CAS*PR*2*5',
      'DTP*573*D8*20261122',
    ]);
  });
});

describe('claim frequency', () => {
  it('writes 7 (replacement) and 8 (void) with REF*F8, and the control numbers passed in', () => {
    const x12 = written('replacement-and-void');
    const { segments } = parseX12(x12);
    expect(segments[1]?.[6]).toBe('17');
    expect(segments[2]?.[2]).toBe('9001');
    const replacement = claimSegments(x12, 'SCE1001S-R');
    expect(replacement.slice(0, 2)).toEqual(['CLM*SCE1001S-R*205***11:B:7*Y*A*Y*Y', 'REF*F8*BCBS20261201777']);
    const voided = claimSegments(x12, 'SCE1001P-V');
    expect(voided.slice(0, 2)).toEqual(['CLM*SCE1001P-V*205***11:B:8*Y*A*Y*Y', 'REF*F8*AET2026111600042']);
  });
});

describe('delimiters in data', () => {
  it('cleans names and addresses so no element can break the file', () => {
    const x12 = written('delimiters-in-data');
    const segments = render(parseX12(x12).segments);
    expect(segments).toContain("NM1*QC*1*O'BRIEN*ZOE ANN*Q");
    expect(segments).toContain('N3*12 MAIN ST APT 3 B');
    expect(segments).toContain('NM1*85*2*CA VA COUNSELING GROUP*****XX*1234567893');
    expect(segments).toContain('NM1*IL*1*DOE SMITH*JOHN****MI*XYZ987654321');
    // Every NM1 still has at most 9 elements: nothing was split by a stray separator.
    for (const s of parseX12(x12).segments) if (s[0] === 'NM1') expect(s.length).toBeLessThanOrEqual(10);
  });

  it('refuses identifiers holding a delimiter rather than altering them', () => {
    const bill = example('primary');
    bill.policies[0]!.memberId = 'W12*34';
    expect(() => writeBatch837P(batchInput([bill]))).toThrow(ClaimValidationError);
  });
});

describe('batches', () => {
  it('writes primary, secondary and tertiary claims of two practices in one interchange', () => {
    const x12 = written('mixed-batch');
    const input = all['mixed-batch']!;
    const segments = parseX12(x12).segments;
    const hl = segments.filter((s) => s[0] === 'HL');
    expect(hl.map((s) => s[1])).toEqual(hl.map((_, i) => String(i + 1)));
    const providers = hl.filter((s) => s[3] === '20');
    expect(providers).toHaveLength(2);
    expect([...claims(x12).keys()].sort()).toEqual(input.bills.map((b) => b.claimId).sort());
    // The second practice's claim hangs under its own billing provider level.
    const harbor = segments.findIndex((s) => s[0] === 'NM1' && s[3] === 'HARBOR DIETITIANS');
    const harborHl = segments
      .slice(0, harbor)
      .filter((s) => s[0] === 'HL')
      .at(-1);
    expect(harborHl?.[3]).toBe('20');
    const next = segments.slice(harbor).find((s) => s[0] === 'HL');
    expect(next?.slice(2, 4)).toEqual([harborHl?.[1], '22']);
    expect(providers[0]?.[1]).toBe('1');
    expect(segments.filter((s) => s[0] === 'ST')).toHaveLength(1);
    expect(segments.at(-2)).toEqual(['GE', '1', '4203']);
  });

  it('splits into transaction sets numbered from the ST02 passed in', () => {
    const input = all['split-transaction-sets']!;
    const result = buildBatch837P(input);
    writeOutput('split-transaction-sets', result.x12);
    expect(result.transactionSets.map((t) => t.controlNumber)).toEqual(['0040', '0041', '0042', '0043']);
    expect(result.transactionSets.flatMap((t) => t.claimIds)).toEqual(input.bills.map((b) => b.claimId));
    const segments = parseX12(result.x12).segments;
    expect(segments.filter((s) => s[0] === 'SE').map((s) => s[2])).toEqual(['0040', '0041', '0042', '0043']);
    expect(segments.at(-2)).toEqual(['GE', '4', '12']);
    expect(result.x12).toContain('~\nGS*');
  });
});
