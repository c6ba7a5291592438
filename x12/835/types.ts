import type { Adjustment } from '../common/adjustment';
import type { IsoDate } from '../common/dates';
import type { Cents } from '../common/money';
import type { Finding } from '../read/finding';
import type { SegmentRef } from '../read/errors';
import type { FunctionalGroupInfo, InterchangeInfo } from '../read/envelope';

/** A code as sent, with its meaning when the reader knows it. */
export interface Coded {
  code: string;
  /** Undefined when the code is not in the reader's table. */
  meaning?: string;
}

/** A qualified identifier (REF, or an NM108/NM109 pair). */
export interface QualifiedId {
  qualifier: string;
  value: string;
}

/** A finding in an 835, with the claim and service line it concerns when it concerns one. */
export interface Finding835 extends Finding {
  /** CLP01 of the claim the finding is about. */
  patientControlNumber?: string;
  /** 1-based ordinal of the service line (SVC) inside its claim. */
  serviceLine?: number;
}

/** A person or organisation named by an NM1 segment. */
export interface Party {
  /** NM101, e.g. QC patient, IL insured, 74 corrected insured, 82 rendering provider, TT crossover carrier. */
  entityCode: string;
  /** NM102: 1 person, 2 organisation. */
  entityType: string;
  /** NM103: last name or organisation name. */
  lastOrOrganizationName?: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
  /** NM108/NM109, e.g. MI member id, XX NPI, PI payer id. */
  id?: QualifiedId;
}

/** BPR and TRN: the money itself. */
export interface Payment835 {
  /** BPR01: C payment accompanies remittance, D payment only, H notification only, I remittance information only, U split payment and remittance, X handling party's option. */
  handling: Coded;
  /** BPR02 as signed cents: negative when BPR03 is D (debit). */
  totalPaidCents: Cents;
  /** BPR03: C credit, D debit. */
  creditDebit: string;
  /** BPR04: ACH, BOP, CHK, FWT, NON. */
  method: Coded;
  /** BPR05: CCP, CTX when an ACH. */
  paymentFormat?: string;
  /** BPR16: check issue or EFT effective date. */
  date?: IsoDate;
  /** TRN02: the check number or EFT trace number: what the bank deposit shows. */
  traceNumber: string;
  /** TRN03: payer's originating company identifier (usually 1 + TIN). */
  originatingCompanyId?: string;
  /** TRN04. */
  originatingCompanySupplementalCode?: string;
}

/** N1*PR loop 1000A. */
export interface Payer835 {
  name: string;
  /** N103/N104 when present (e.g. XV CMS plan id). */
  id?: QualifiedId;
  /** REF*2U payer identification number, the id most clearinghouses key on. */
  payerIdentificationNumber?: string;
  references: QualifiedId[];
}

/** N1*PE loop 1000B. */
export interface Payee835 {
  name: string;
  /** N103/N104: XX NPI, FI tax id, XV plan id. */
  id?: QualifiedId;
  references: QualifiedId[];
}

/** SVC01 or SVC06: a procedure composite. */
export interface Procedure {
  /** HC CPT/HCPCS, AD ADA, ER jurisdiction specific, IV HIEC, N4 NDC, NU NUBC revenue, WK advanced billing concepts. */
  qualifier: string;
  code: string;
  modifiers: string[];
  description?: string;
}

/** A remark code (RARC or NCPDP reject), with where it came from. */
export interface RemarkCode {
  /** LQ*HE / LQ*RX on a line, MOA or MIA on a claim. */
  source: 'LQ' | 'MOA' | 'MIA';
  /** For LQ: HE (RARC) or RX (NCPDP reject code). For MOA/MIA: HE. */
  qualifier: string;
  code: string;
}

export interface AmountEntry {
  qualifier: string;
  amountCents: Cents;
}

export interface QuantityEntry {
  qualifier: string;
  quantity: number;
}

/** Loop 2110: one service line as the payer adjudicated it. */
export interface ServiceLine835 {
  /** SVC01; undefined when SVC01 is malformed (a finding says so). */
  procedure?: Procedure;
  /** SVC01 as sent, components joined by ":" (kept for a person when the procedure is malformed). */
  procedureAsSent: string;
  /** SVC02. */
  chargeCents: Cents;
  /** SVC03. */
  paidCents: Cents;
  /** SVC04 NUBC revenue code. */
  revenueCode?: string;
  /** SVC05, 1 when absent (the TR3 default). */
  units: number;
  /** SVC06 when the payer adjudicated a different procedure than submitted: the one submitted. */
  originalProcedure?: Procedure;
  /** SVC07 original units of service. */
  originalUnits?: number;
  /** DTM*472. */
  serviceDate?: IsoDate;
  /** DTM*150 / DTM*151 service period. */
  servicePeriodStart?: IsoDate;
  servicePeriodEnd?: IsoDate;
  /** REF*6R: the line item control number sent in the 837 (REF*6R of loop 2400). */
  lineItemControlNumber?: string;
  /** Line-level CAS, one entry per reason/amount/quantity triple, verbatim. */
  adjustments: Adjustment[];
  remarkCodes: RemarkCode[];
  /** AMT*B6 allowed amount (informational, not part of balancing). */
  allowedCents?: Cents;
  amounts: AmountEntry[];
  quantities: QuantityEntry[];
  /** Other REF segments (1B, 0K, LU, ...). */
  references: QualifiedId[];
  segment: SegmentRef;
}

/** MOA / MIA: outpatient / inpatient adjudication information. */
export interface AdjudicationInfo {
  kind: 'MOA' | 'MIA';
  /** The segment's elements as sent (element number -> value), remark codes also in remarkCodes. */
  elements: Record<string, string>;
}

/** Loop 2100: one claim as the payer adjudicated it. */
export interface Claim835 {
  /** CLP01: the patient control number sent as CLM01. The key to match the bill. */
  patientControlNumber: string;
  /** CLP02 with its meaning. */
  status: Coded;
  /** CLP02 22: this claim takes back a previous payment (amounts are negative). */
  isReversal: boolean;
  /** CLP02 1/19, 2/20, 3/21: the order in which this payer processed the claim. */
  processedAs?: 'primary' | 'secondary' | 'tertiary';
  /** CLP02 19, 20, 21 or 23: the payer forwarded the claim to another payer itself (crossover: do not send it again). */
  forwardedToAnotherPayer: boolean;
  /** CLP03. */
  chargeCents: Cents;
  /** CLP04. */
  paidCents: Cents;
  /** CLP05. */
  patientResponsibilityCents?: Cents;
  /** CLP06 (12 PPO, MB Medicare Part B, MC Medicaid, ...). */
  claimFilingIndicator?: string;
  /** CLP07: the payer's claim control number (ICN/DCN): needed to void or replace. */
  payerClaimControlNumber?: string;
  /** CLP08 facility type code (place of service for professional claims). */
  facilityTypeCode?: string;
  /** CLP09 claim frequency code. */
  frequencyCode?: string;
  /** Claim-level CAS, verbatim. */
  adjustments: Adjustment[];
  /** NM1*QC. */
  patient?: Party;
  /** NM1*IL when the insured is not the patient. */
  insured?: Party;
  /** NM1*74: corrected patient/insured name or id the payer has on file. */
  correctedInsured?: Party;
  /** NM1*82. */
  renderingProvider?: Party;
  /** NM1*TT: the payer the claim was crossed over (forwarded) to. */
  crossoverCarrier?: Party;
  /** NM1*PR: corrected priority payer (the payer says another payer is primary). */
  correctedPriorityPayer?: Party;
  /** Any other NM1 (GB other subscriber, ...). */
  otherParties: Party[];
  /** DTM*232 / DTM*233 statement period. */
  statementFrom?: IsoDate;
  statementTo?: IsoDate;
  /** DTM*050 received date. */
  receivedDate?: IsoDate;
  /** DTM*036 coverage expiration. */
  coverageExpirationDate?: IsoDate;
  adjudication: AdjudicationInfo[];
  remarkCodes: RemarkCode[];
  amounts: AmountEntry[];
  quantities: QuantityEntry[];
  references: QualifiedId[];
  serviceLines: ServiceLine835[];
  /** Findings about this claim and its lines (balancing, malformed SVC01, ...). */
  findings: Finding835[];
  segment: SegmentRef;
}

/** One PLB amount: a provider-level adjustment, not tied to a claim. Positive takes money back. */
export interface ProviderAdjustmentEntry {
  /** PLB03-1 etc.: WO overpayment recovery, L6 interest, FB forwarding balance, ... */
  reasonCode: string;
  /** PLB03-2: often the claim or invoice the adjustment refers to. */
  reference?: string;
  amountCents: Cents;
}

export interface ProviderAdjustment {
  /** PLB01 provider identifier. */
  providerId: string;
  /** PLB02 fiscal period end date. */
  fiscalPeriodDate?: IsoDate;
  entries: ProviderAdjustmentEntry[];
  segment: SegmentRef;
}

/** One 835 transaction set (ST ... SE): one payment and the claims it pays. */
export interface Remittance835 {
  interchange: InterchangeInfo;
  functionalGroup: FunctionalGroupInfo;
  /** ST02. */
  transactionControlNumber: string;
  /** ST03 or GS08, e.g. 005010X221A1. */
  implementationGuide: string;
  payment: Payment835;
  /** DTM*405. */
  productionDate?: IsoDate;
  payer: Payer835;
  payee: Payee835;
  /** The claims, in file order; empty when they were streamed (read835's onClaim). */
  claims: Claim835[];
  /** How many claims were handed to onClaim, when they were streamed. */
  claimsStreamed?: number;
  providerAdjustments: ProviderAdjustment[];
  /** Remittance-level findings (BPR total against claims and PLB). Claim findings are on each claim. */
  findings: Finding835[];
  segment: SegmentRef;
}

/** Everything an 835 file holds. */
export interface Remittance835Result {
  remittances: Remittance835[];
  /** Envelope findings (e.g. a trailer control number that differs from its header). */
  envelopeFindings: Finding[];
}
