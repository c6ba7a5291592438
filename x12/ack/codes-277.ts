/**
 * Claim status category codes (X12 external code list 507), STC01-1 / STC10-1 / STC11-1.
 * A = acknowledgement (277CA), P = pending, F = finalized, R = request for information,
 * E = response not possible, D = data search unsuccessful.
 */
export const STATUS_CATEGORY: Readonly<Record<string, string>> = {
  A0: 'Acknowledgement/Forwarded - The claim/encounter has been forwarded to another entity.',
  A1: 'Acknowledgement/Receipt - The claim/encounter has been received. This does not mean that the claim has been accepted for adjudication.',
  A2: 'Acknowledgement/Acceptance into adjudication system - The claim/encounter has been accepted into the adjudication system.',
  A3: 'Acknowledgement/Returned as unprocessable claim - The claim/encounter has been rejected and has not been entered into the adjudication system.',
  A4: 'Acknowledgement/Not Found - The claim/encounter can not be found in the adjudication system.',
  A5: 'Acknowledgement/Split Claim - The claim/encounter has been split upon acceptance into the adjudication system.',
  A6: 'Acknowledgement/Rejected for Missing Information - The claim/encounter is missing the information specified in the Status details and has been rejected.',
  A7: 'Acknowledgement/Rejected for Invalid Information - The claim/encounter has invalid information as specified in the Status details and has been rejected.',
  A8: 'Acknowledgement/Rejected for relational field in error.',
  P0: 'Pending: Adjudication/Details - A generic message about a pended claim.',
  P1: 'Pending/In Process - The claim or encounter is in the adjudication system.',
  P2: 'Pending/Payer Review - The claim/encounter is suspended and is pending review.',
  P3: 'Pending/Provider Requested Information - The claim or encounter is waiting for information that has already been requested from the provider.',
  P4: 'Pending/Patient Requested Information - The claim or encounter is waiting for information that has already been requested from the patient.',
  P5: 'Pending/Payer Administrative/System hold',
  F0: 'Finalized - The claim/encounter has completed the adjudication cycle and no more action will be taken.',
  F1: 'Finalized/Payment - The claim/line has been paid.',
  F2: 'Finalized/Denial - The claim/line has been denied.',
  F3: 'Finalized/Revised - Adjudication information has been changed',
  F3F: 'Finalized/Forwarded - Processing completed, any payment made, and the claim/encounter forwarded to a subsequent entity.',
  F3N: 'Finalized/Not Forwarded - Processing completed, any payment made; the claim/encounter has NOT been forwarded.',
  F4: 'Finalized/Adjudication Complete - No payment forthcoming.',
  R0: 'Requests for additional Information/General Requests',
  R1: 'Requests for additional Information/Entity Requests',
  R3: 'Requests for additional Information/Claim/Line',
  R4: 'Requests for additional Information/Documentation',
  R5: 'Request for additional information/more specific detail',
  E0: 'Response not possible - error on submitted request data',
  E1: 'Response not possible - System Status',
  E2: 'Information Holder is not responding; resubmit at a later time.',
  E3: 'Correction required - relational fields in error.',
  E4: 'Trading partner agreement specific requirement not met: Data correction required.',
  D0: 'Data Search Unsuccessful - The payer is unable to return status on the requested claim(s) based on the submitted search criteria.',
};

/** Categories that mean the claim was not taken in (fix and resubmit). */
export const REJECTING_CATEGORIES: ReadonlySet<string> = new Set(['A3', 'A4', 'A6', 'A7', 'A8', 'E0', 'E3', 'E4']);
/** Categories that mean the claim entered the payer's adjudication system. */
export const ACCEPTING_CATEGORIES: ReadonlySet<string> = new Set(['A2', 'A5']);

/**
 * A few claim status codes (X12 external code list 508), STC01-2. The list has hundreds;
 * codes missing here are returned without a meaning.
 */
export const STATUS_CODE: Readonly<Record<string, string>> = {
  '0': 'Cannot provide further status electronically.',
  '1': 'For more detailed information, see remittance advice.',
  '2': 'More detailed information in letter.',
  '3': 'Claim has been adjudicated and is awaiting payment cycle.',
  '6': 'Balance due from the subscriber.',
  '16': 'Claim/encounter has been forwarded to entity.',
  '17': 'Claim/encounter has been forwarded by third party entity to entity.',
  '18': 'Entity received claim/encounter, but returned invalid status.',
  '19': 'Entity acknowledges receipt of claim/encounter.',
  '20': 'Accepted for processing.',
  '21': 'Missing or invalid information.',
  '23': 'Returned to Entity.',
  '24': 'Entity not approved as an electronic submitter.',
  '25': 'Entity not approved.',
  '26': 'Entity not found.',
  '27': 'Policy canceled.',
  '29': 'Subscriber and policy number/contract number mismatched.',
  '30': 'Subscriber and subscriber id mismatched.',
  '33': 'Subscriber and subscriber id not found.',
  '35': 'Claim/encounter not found.',
  '54': 'Duplicate of a previously processed claim/line.',
  '65': 'Claim/line has been paid.',
  '85': 'Entity not primary.',
  '88': 'Entity not eligible for benefits for submitted dates of service.',
  '562': "Entity's National Provider Identifier (NPI).",
};

/** Entity identifier codes seen in STC01-3 and NM101 of a 277. */
export const ENTITY: Readonly<Record<string, string>> = {
  '1P': 'Provider',
  '41': 'Submitter',
  '40': 'Receiver',
  '82': 'Rendering Provider',
  '85': 'Billing Provider',
  '87': 'Pay-to Provider',
  '77': 'Service Location',
  DN: 'Referring Provider',
  IL: 'Insured or Subscriber',
  QC: 'Patient',
  PR: 'Payer',
};
