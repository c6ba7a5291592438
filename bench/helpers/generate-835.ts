/**
 * Generated 835s for the benches: balanced ERAs of one service line per claim (the payer
 * pays 80 % of what it allows, the patient owes 20 %, the rest is contractual CO-45).
 * `generate835(n)` is the pure reader bench's file; `generateEra835(claims)` answers given
 * claims (the system bench's bills), by their patient control numbers (CLM01 -> CLP01).
 */

export interface EraClaimSpec {
  /** CLP01: our claim number as sent (CLM01). */
  patientControlNumber: string;
  chargeCents: number;
  /** YYYY-MM-DD. */
  dateOfService: string;
  /** SVC01 composite; default `HC:90837:95`. */
  procedure?: string;
  /** REF*6R of the line; default `<patientControlNumber>L1`. */
  lineControlNumber?: string;
}

export interface Era835Options {
  /** TRN02, the check or EFT number; default EFT0001. */
  traceNumber?: string;
  /** YYYY-MM-DD of the payment (BPR16); default 2026-01-20. */
  paymentDate?: string;
  /** YYYY-MM-DD of the production (DTM*405); default the payment date's eve. */
  productionDate?: string;
  payerName?: string;
}

const d = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const ymd = (date: string): string => date.replaceAll('-', '');

/** A balanced 835 answering `claims`, one SVC each. */
export function generateEra835(claims: readonly EraClaimSpec[], options: Era835Options = {}): string {
  const body: string[] = [];
  let totalPaid = 0;
  claims.forEach((claim, i) => {
    const charge = claim.chargeCents;
    const allowed = Math.round(charge * 0.8);
    const patient = Math.round(allowed * 0.2);
    const paid = allowed - patient;
    const contractual = charge - allowed;
    totalPaid += paid;
    const pcn = claim.patientControlNumber;
    const dos = ymd(claim.dateOfService);
    body.push(
      `CLP*${pcn}*1*${d(charge)}*${d(paid)}*${d(patient)}*12*PAYER${String(i).padStart(10, '0')}`,
      `NM1*QC*1*DOE${i % 97}*JANE****MI*MEMBER${String(i).padStart(6, '0')}`,
      `NM1*82*1*SMITH*ALEX****XX*1234567893`,
      `DTM*232*${dos}`,
      `SVC*${claim.procedure ?? 'HC:90837:95'}*${d(charge)}*${d(paid)}**1`,
      `DTM*472*${dos}`,
      `CAS*CO*45*${d(contractual)}`,
      `CAS*PR*2*${d(patient)}`,
      `REF*6R*${claim.lineControlNumber ?? `${pcn}L1`}`,
      `AMT*B6*${d(allowed)}`,
    );
  });
  const paidOn = ymd(options.paymentDate ?? '2026-01-20');
  const trace = options.traceNumber ?? 'EFT0001';
  const producedOn = ymd(
    options.productionDate ??
      new Date(Date.parse(`${options.paymentDate ?? '2026-01-20'}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
  );
  const header = [
    `ST*835*0001*005010X221A1`,
    `BPR*I*${d(totalPaid)}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*${paidOn}`,
    `TRN*1*${trace}*1512345678`,
    `DTM*405*${producedOn}`,
    `N1*PR*${options.payerName ?? 'BENCH PAYER'}`,
    `REF*2U*99999`,
    `N1*PE*BENCH CLINIC*XX*1234567893`,
    `LX*1`,
  ];
  const count = header.length + body.length + 1;
  const seg = [
    `ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *${paidOn.slice(2)}*1200*^*00501*000000001*0*P*:`,
    `GS*HP*PAYER*CLINIC*${paidOn}*1200*1*X*005010X221A1`,
    ...header,
    ...body,
    `SE*${count}*0001`,
    'GE*1*1',
    'IEA*1*000000001',
  ];
  return `${seg.join('~\n')}~\n`;
}

/** The pure reader bench's file: `claims` claims PCN00000000... of 100.00 to 599.00. */
export function generate835(claims: number): string {
  const specs: EraClaimSpec[] = [];
  for (let i = 0; i < claims; i += 1) {
    specs.push({
      patientControlNumber: `PCN${String(i).padStart(8, '0')}`,
      chargeCents: 10000 + (i % 500) * 100,
      dateOfService: '2026-01-05',
    });
  }
  return generateEra835(specs);
}
