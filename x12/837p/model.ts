/**
 * Input model of the 837P writer: one bill (one claim to one payer) with everything
 * the 005010X222A1 professional claim needs. Plain data, JSON-friendly: money is integer
 * cents, dates are "YYYY-MM-DD" strings. The database layer maps its rows to these types;
 * `schemas/bill.schema.json` documents the same shape for JSON input.
 */
import type { Adjustment } from '../common/adjustment';
import type { Cents } from '../common/money';
import type { IsoDate } from '../common/dates';
import type { CLAIM_FILING_INDICATORS, INSURANCE_TYPE_CODES } from './codes';

/** A postal address in the United States. */
export interface Address {
  /** Street line (N301). */
  line1: string;
  /** Second street line (N302), e.g. a suite. */
  line2?: string;
  /** City (N401). */
  city: string;
  /** Two-letter state or territory code (N402), e.g. "MD". */
  state: string;
  /** ZIP code, 5 or 9 digits, with or without the hyphen (N403). The billing provider's must have 9. */
  postalCode: string;
}

/** A person (patient, subscriber) as a claim names them. */
export interface Person {
  lastName: string;
  firstName?: string;
  middleName?: string;
  /** Name suffix, e.g. "JR". */
  suffix?: string;
  /** Date of birth; required for the patient. */
  birthDate?: IsoDate;
  /** Administrative sex: M, F or U (unknown); required for the patient. */
  gender?: 'M' | 'F' | 'U';
  /** Home address; required for the patient. */
  address?: Address;
}

/** A rendering provider: a person (NM102 1) or, rarely, an organization (NM102 2). */
export interface Provider {
  /** "person" (default) or "organization". */
  entity?: 'person' | 'organization';
  /** Last name, or the organization's name. */
  lastOrOrganizationName: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
  /** 10-digit National Provider Identifier (checked with the Luhn formula, prefix 80840). */
  npi: string;
  /** Health Care Provider Taxonomy code, 10 characters, e.g. "101YM0800X" (PRV03). */
  taxonomy?: string;
}

/** The billing provider (loop 2010AA): the practice or the individual who bills. */
export interface BillingProvider extends Provider {
  /** Federal tax id: a 9-digit EIN (REF*EI) or, for an individual, an SSN (REF*SY). Hyphens allowed. */
  taxId: string;
  /** Which kind of tax id `taxId` is; default "EIN". */
  taxIdType?: 'EIN' | 'SSN';
  /** Practice address; a street address (no P.O. box) with a 9-digit ZIP code. */
  address: Address;
  /** Billing contact (2010AA PER), optional. */
  contact?: Contact;
}

/** An EDI contact: a name and at least one way to reach them. */
export interface Contact {
  name?: string;
  /** Telephone, digits only after cleaning (10 digits in the US). */
  phone?: string;
  email?: string;
}

/** A payer (insurance company) as Office Ally knows it. */
export interface Payer {
  /** Payer name, e.g. "AETNA". */
  name: string;
  /** Office Ally payer id (2010BB / 2330B NM109, and SVD01 on the secondary claim). */
  payerId: string;
  address?: Address;
}

/** Rank of a policy in the coordination of benefits. */
export type PayerRank = 'primary' | 'secondary' | 'tertiary';

/**
 * Patient's relationship to the subscriber (the policy holder). "self" means the patient
 * is the subscriber: no 2000C patient loop is written for that policy.
 */
export type Relationship =
  'self' | 'spouse' | 'child' | 'employee' | 'life-partner' | 'other' | 'unknown' | 'organ-donor' | 'cadaver-donor';

/**
 * Claim filing indicator (SBR09): CI commercial, MB Medicare Part B, MA Medicare Part A, MC
 * Medicaid, BL Blue Cross/Blue Shield, HM HMO, 11 other non-federal program, 12 PPO, 13 POS,
 * 14 EPO, 15 indemnity, 16 HMO Medicare risk, 17 dental maintenance, AM auto, CH Tricare,
 * DS disability, FI federal employees, LM liability medical, OF other federal, TV Title V,
 * VA veterans, WC workers' comp, ZZ unknown.
 */
export type ClaimFilingIndicator = (typeof CLAIM_FILING_INDICATORS)[number];

/** Insurance type code (SBR05): see INSURANCE_TYPE_CODES. */
export type InsuranceTypeCode = (typeof INSURANCE_TYPE_CODES)[number];

/** One insurance policy of the patient. */
export interface Policy {
  rank: PayerRank;
  payer: Payer;
  /** Member id on the insurance card (NM109 of 2010BA / 2330A). */
  memberId: string;
  /** Group or policy number (SBR03). */
  groupNumber?: string;
  /** Group name (SBR04), sent only when there is no group number. */
  groupName?: string;
  /** Claim filing indicator (SBR09), from the payer's settings: required, never assumed. */
  claimFilingIndicator: ClaimFilingIndicator;
  /**
   * Insurance type code (SBR05): why Medicare is not the primary payer. Required when this
   * policy is Medicare (claim filing indicator MA or MB) ranked secondary or tertiary, and
   * refused on any other policy (the guide: "if not required, do not send").
   */
  insuranceTypeCode?: InsuranceTypeCode;
  /** Patient's relationship to this policy's subscriber. */
  relationship: Relationship;
  /** The subscriber (policy holder); required unless `relationship` is "self" (then the patient is used). */
  subscriber?: Person;
  /**
   * What this payer answered, when it has adjudicated the bill (from its 835 ERA, a
   * paper EOB or a denial letter). Required on every policy ranked before the one billed.
   */
  adjudication?: Adjudication;
}

/**
 * One payer's adjudication of the bill. Adjustments are copied verbatim from the
 * remittance. It must balance: with `lines`, paidCents = sum of line paid amounts less
 * the claim-level adjustments; without, claim charge = paidCents + claim-level adjustments.
 * A denial is paidCents 0 with adjustments carrying the whole charge.
 */
export interface Adjudication {
  /** Date the payer adjudicated or paid the claim (DTP*573). */
  adjudicationDate: IsoDate;
  /** What the payer paid for the whole claim (2320 AMT*D). */
  paidCents: Cents;
  /** Claim-level adjustments (835 claim CAS), copied to 2320 CAS. */
  claimAdjustments?: Adjustment[];
  /** What the patient still owes after this payer, when known (2320 AMT*EAF). */
  remainingPatientLiabilityCents?: Cents;
  /** The payer's own claim control number (835 CLP07), sent as 2330B REF*F8 when known. */
  payerClaimControlNumber?: string;
  /** Line-level adjudication (835 SVC loops), one per service line of the bill. */
  lines?: LineAdjudication[];
}

/** One payer's adjudication of one service line (loop 2430). */
export interface LineAdjudication {
  /** 1-based number of the service line it answers (its position in `serviceLines`). */
  line: number;
  /** Paid amount for the line (SVD02). */
  paidCents: Cents;
  /** Line adjustments (835 service CAS), copied to 2430 CAS. */
  adjustments?: Adjustment[];
  /** Procedure code as the payer adjudicated it (SVD03); default: the billed one. */
  procedureCode?: string;
  /** Modifiers as adjudicated; default: the billed ones (only when procedureCode is also default). */
  modifiers?: string[];
  /** Paid units (SVD05); default: the billed units. */
  paidUnits?: number;
  /** Line adjudication date (2430 DTP*573); default: the claim-level adjudication date. */
  adjudicationDate?: IsoDate;
}

/** One service line (loop 2400). */
export interface ServiceLine {
  /** CPT or HCPCS Level II code, e.g. "90837" or "G0108". */
  procedureCode: string;
  /** Up to 4 two-character modifiers, e.g. ["95"]. */
  modifiers?: string[];
  /** Line charge (SV102). */
  chargeCents: Cents;
  /** Units of service (SV104), unit type UN. */
  units: number;
  /** Place of service of this line, when it differs from the claim's (SV105). */
  placeOfService?: string;
  /** 1-based pointers into `diagnoses`, 1 to 4 of them, first is primary (SV107). */
  diagnosisPointers: number[];
  /** Date of service (DTP*472). */
  serviceDate: IsoDate;
  /** Our line item control number (REF*6R), echoed back in the 835 SVC loop. */
  lineControlNumber?: string;
}

/** Claim frequency (CLM05-3): 1 original, 7 replacement, 8 void/cancel. */
export type ClaimFrequency = '1' | '7' | '8';

/**
 * A bill sent to one payer: the payer is the policy whose rank is `submitTo`; every
 * policy ranked before it is reported as an earlier payer (2320/2330) with its adjudication.
 */
export interface Bill {
  /** Our id of the bill, used in validation messages. */
  billId: string;
  /**
   * Patient control number (CLM01): unique, 1 to 20 characters, letters, digits and
   * - . / only. It comes back in the 835 CLP01, so it is how ERAs are matched.
   */
  claimId: string;
  /** Which policy this claim goes to. */
  submitTo: PayerRank;
  /** Claim frequency; default "1" (original). */
  frequency?: ClaimFrequency;
  /** The payer's claim control number of the claim being replaced or voided (REF*F8); required for 7 and 8. */
  payerClaimControlNumber?: string;
  billingProvider: BillingProvider;
  /** Rendering provider (2310B), written only when its NPI differs from the billing provider's. */
  renderingProvider?: Provider;
  patient: Person;
  /** The patient's policies, each rank at most once. */
  policies: Policy[];
  /** Place of service code of the claim (CLM05-1), e.g. "11" office, "02"/"10" telehealth. */
  placeOfService: string;
  /** ICD-10-CM codes, 1 to 12, the first is the principal diagnosis (ABK); dots optional. */
  diagnoses: string[];
  /** 1 to 50 service lines. */
  serviceLines: ServiceLine[];
  /** Prior authorization number (REF*G1). */
  priorAuthorization?: string;
  /** Provider signature on file (CLM06); default true. */
  providerSignatureOnFile?: boolean;
  /** Assignment / plan participation (CLM07): A assigned (default), B lab services only, C not assigned. */
  assignment?: 'A' | 'B' | 'C';
  /** Benefits assigned to the provider (CLM08, OI03); default true. */
  benefitsAssigned?: boolean;
  /** Release of information (CLM09, OI06): Y signed (default) or I informed consent. */
  releaseOfInformation?: 'Y' | 'I';
}

/** Control numbers for one file, taken from the database so they never repeat. */
export interface ControlNumbers {
  /** ISA13/IEA02, 1 to 999999999. */
  interchange: number;
  /** GS06/GE02, 1 to 999999999. */
  group: number;
  /**
   * ST02/SE02 of the first transaction set, 1 to 999999999 (written with at least 4
   * digits). When the batch is split into several sets, they take the next numbers.
   */
  transactionSet: number;
}

/** When the file was created, on the submitter's clock (pure code never reads the clock). */
export interface CreatedAt {
  date: IsoDate;
  /** "HH:MM" or "HHMM", 24-hour. */
  time: string;
}
