/**
 * A balanced 835 for the claims given (one service line each; the payer pays 80 % of the charge
 * less the patient's 20 %), for size tests and benchmarks. Patients are invented.
 */
export interface GeneratedEraClaim {
  /** CLP01: our claim's patient control number. */
  patientControlNumber: string;
  chargeCents: number;
}

const dollars = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

export function generate835For(claims: readonly GeneratedEraClaim[], options: { trace?: string } = {}): string {
  const body: string[] = [];
  let totalPaid = 0;
  for (const [i, c] of claims.entries()) {
    const allowed = Math.round(c.chargeCents * 0.8);
    const patient = Math.round(allowed * 0.2);
    const paid = allowed - patient;
    totalPaid += paid;
    body.push(
      `CLP*${c.patientControlNumber}*1*${dollars(c.chargeCents)}*${dollars(paid)}*${dollars(patient)}*12*ICN${String(i).padStart(10, '0')}`,
      `NM1*QC*1*DOE${i % 97}*JANE****MI*MEMBER${String(i).padStart(6, '0')}`,
      `DTM*232*20260105`,
      `SVC*HC:90837*${dollars(c.chargeCents)}*${dollars(paid)}**1`,
      `DTM*472*20260105`,
      `CAS*CO*45*${dollars(c.chargeCents - allowed)}`,
      `CAS*PR*2*${dollars(patient)}`,
      `AMT*B6*${dollars(allowed)}`,
    );
  }
  const trace = options.trace ?? 'EFT0001';
  const header = [
    `ST*835*0001*005010X221A1`,
    `BPR*I*${dollars(totalPaid)}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20260120`,
    `TRN*1*${trace}*1512345678`,
    `DTM*405*20260119`,
    `N1*PR*SIZE PAYER`,
    `REF*2U*99999`,
    `N1*PE*SIZE CLINIC*XX*1234567893`,
    `LX*1`,
  ];
  const segments = [
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *260120*1200*^*00501*000000001*0*P*:',
    'GS*HP*PAYER*CLINIC*20260120*1200*1*X*005010X221A1',
    ...header,
    ...body,
    `SE*${header.length + body.length + 1}*0001`,
    'GE*1*1',
    'IEA*1*000000001',
  ];
  return `${segments.join('~\n')}~\n`;
}
