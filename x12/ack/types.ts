import type { IsoDate } from '../common/dates';
import type { Cents } from '../common/money';
import type { FunctionalGroupInfo, InterchangeInfo } from '../read/envelope';
import type { SegmentRef } from '../read/errors';
import type { Finding } from '../read/finding';

/** A code as sent, with its meaning when the reader knows it. */
export interface Coded {
  code: string;
  meaning?: string;
}

/** What a 999 or 277CA says of one transaction set or one claim. */
export type AckDecision = 'accepted' | 'accepted-with-errors' | 'rejected';

// ---------------------------------------------------------------- 999

/** IK4 (+CTX): one element in error. */
export interface ElementError999 {
  /** IK401-1 element position in the segment. */
  elementPosition: number;
  /** IK401-2 component position, when a component is in error. */
  componentPosition?: number;
  /** IK401-3 repeating data element position. */
  repetitionPosition?: number;
  /** IK402 data element reference number. */
  referenceNumber?: string;
  /** IK403 with its meaning. */
  error: Coded;
  /** IK404 copy of the bad data element. */
  badValue?: string;
  segment: SegmentRef;
}

/** IK3 (+CTX, IK4s): one segment in error. */
export interface SegmentError999 {
  /** IK301 segment id in the acknowledged transaction set (e.g. NM1). */
  segmentId: string;
  /** IK302 position in the acknowledged transaction set (its ST is 1). */
  position: number;
  /** IK303 loop id, e.g. 2010BA. */
  loopId?: string;
  /** IK304 with its meaning. */
  error?: Coded;
  /** CTX segments, verbatim (business unit identifier / segment context). */
  context: string[];
  elementErrors: ElementError999[];
  segment: SegmentRef;
}

/** AK2 ... IK5: the verdict on one transaction set we sent. */
export interface TransactionSetAck999 {
  /** AK201, e.g. 837. */
  transactionSetId: string;
  /** AK202: the ST02 we sent: maps to the batch's claims. */
  controlNumber: string;
  /** AK203 implementation guide. */
  implementationGuide?: string;
  decision: AckDecision;
  /** IK501 with its meaning. */
  status: Coded;
  /** IK502-IK506 with their meanings. */
  errors: Coded[];
  segmentErrors: SegmentError999[];
  segment: SegmentRef;
}

/** One 999 transaction set: the verdict on one functional group we sent. */
export interface Ack999 {
  interchange: InterchangeInfo;
  functionalGroup: FunctionalGroupInfo;
  /** ST02 of the 999 itself. */
  controlNumber: string;
  /** AK101 functional identifier code of the group acknowledged (HC for 837). */
  acknowledgedFunctionalId: string;
  /** AK102: the GS06 we sent. */
  acknowledgedGroupControlNumber: string;
  /** AK103. */
  acknowledgedVersion?: string;
  transactionSets: TransactionSetAck999[];
  /** AK901 with its meaning (A, E, P partially accepted, R ...). */
  groupStatus: Coded;
  /** AK902 / AK903 / AK904. */
  includedCount: number;
  receivedCount: number;
  acceptedCount: number;
  /** AK905-AK909 functional group error codes, as sent. */
  groupErrors: string[];
  segment: SegmentRef;
}

export interface Ack999Result {
  acknowledgments: Ack999[];
  /** Codes outside their code list (IK304, IK403, IK502-IK506), kept as sent. */
  findings: Finding[];
  envelopeFindings: Finding[];
}

// ---------------------------------------------------------------- 277CA

/** One status triple of an STC (STC01, STC10 or STC11): category, status, entity. */
export interface StatusCode277 {
  category: Coded;
  status: Coded;
  /** Entity the status is about (85 billing provider, QC patient, ...). */
  entity?: Coded;
  /** Category A3, A4, A6, A7, A8, E0, E3 or E4: the claim was not taken in. */
  rejection: boolean;
}

/** One STC segment. */
export interface ClaimStatus277 {
  codes: StatusCode277[];
  /** STC02 status information effective date. */
  effectiveDate?: IsoDate;
  /** STC03 action code as sent (WQ, U, ...). */
  actionCode?: string;
  /** STC04 total claim charge amount. */
  chargeCents?: Cents;
  /** STC05 claim payment amount. */
  paidCents?: Cents;
  /** STC12 free-form message text. */
  message?: string;
  segment: SegmentRef;
}

/** A service line status (loop 2220: SVC with its STC, REF, DTP). */
export interface ServiceLineStatus277 {
  /** SVC01 as sent, components joined by ":". */
  procedure: string;
  chargeCents?: Cents;
  paidCents?: Cents;
  /** REF*FJ: the line item control number sent in the 837. */
  lineItemControlNumber?: string;
  serviceDate?: IsoDate;
  statuses: ClaimStatus277[];
  decision?: AckDecision;
  segment: SegmentRef;
}

/** One claim in a 277CA (or a 277 claim status response). */
export interface ClaimAck277 {
  /** TRN02 of the claim-level TRN: the patient control number we sent as CLM01. */
  patientControlNumber: string;
  /** REF*1K payer claim control number (when the payer assigned one). */
  payerClaimControlNumber?: string;
  /** REF*D9 clearinghouse trace number. */
  clearinghouseTraceNumber?: string;
  /** REF*BLT bill type. */
  billType?: string;
  /** Verdict from the STC categories: rejected if any rejects, accepted if any A2/A5, else undefined. */
  decision?: AckDecision;
  statuses: ClaimStatus277[];
  serviceLines: ServiceLineStatus277[];
  /** DTP*472 service date or period start / end. */
  serviceDateFrom?: IsoDate;
  serviceDateTo?: IsoDate;
  /** NM1 of the patient or subscriber this claim sits under (name parts and id as sent). */
  patient?: { entityCode: string; lastName?: string; firstName?: string; id?: string };
  /** NM1 of the billing provider level above this claim. */
  provider?: { name?: string; id?: string };
  segment: SegmentRef;
}

/** A status reported above claim level (information source, receiver or provider HL). */
export interface LevelStatus277 {
  /** HL03: 20 information source, 21 information receiver, 19 provider. */
  levelCode: string;
  level: 'information-source' | 'information-receiver' | 'provider' | 'other';
  entity?: { entityCode: string; name?: string; id?: string };
  /** TRN02 at this level (at 21, the batch trace: the 837's BHT03). */
  traceNumber?: string;
  statuses: ClaimStatus277[];
  /** Verdict of this level's STCs (a rejection here covers every claim under it). */
  decision?: AckDecision;
  /** QTY*90 accepted / QTY*AA rejected counts, AMT*YU / AMT*YY amounts. */
  acceptedQuantity?: number;
  rejectedQuantity?: number;
  acceptedAmountCents?: Cents;
  rejectedAmountCents?: Cents;
  segment: SegmentRef;
}

export interface ClaimAck277Transaction {
  interchange: InterchangeInfo;
  functionalGroup: FunctionalGroupInfo;
  controlNumber: string;
  /** ST03 or GS08: 005010X214 for a 277CA, 005010X212 for a claim status response. */
  implementationGuide: string;
  /** BHT03 originator reference. */
  referenceId?: string;
  levels: LevelStatus277[];
  claims: ClaimAck277[];
  segment: SegmentRef;
}

export interface ClaimAck277Result {
  transactions: ClaimAck277Transaction[];
  /** Codes outside their code list (an STC category that is not in list 507), kept as sent. */
  findings: Finding[];
  envelopeFindings: Finding[];
}
