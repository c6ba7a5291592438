/**
 * What `npm run demo` creates, through the API only: the payers with their simulator scenarios,
 * the practices, and one client and bill per path. Every name and number is made up.
 */
import type { PayerScenario } from '../../clearinghouse/simulator/scenarios';

export interface DemoPayer {
  key: string;
  name: string;
  claimFilingIndicator: string;
  responseDays?: number;
  scenario: PayerScenario;
}

export const DEMO_PAYERS: readonly DemoPayer[] = [
  { key: 'SHR', name: 'Demo Share Health', claimFilingIndicator: 'CI', scenario: { kind: 'pays-share' } },
  { key: 'FUL', name: 'Demo Full Mutual', claimFilingIndicator: 'BL', scenario: { kind: 'pays-full' } },
  { key: 'HLF', name: 'Demo Half Secondary', claimFilingIndicator: 'CI', scenario: { kind: 'pays-share', shareBasisPoints: 5000 } },
  {
    key: 'DEN',
    name: 'Demo Denying Payer',
    claimFilingIndicator: 'CI',
    scenario: { kind: 'denies', reasons: ['CO-50'], remarks: ['N115'] },
  },
  { key: 'RJC', name: 'Demo Rejecting Payer', claimFilingIndicator: 'CI', scenario: { kind: 'rejects-277ca', codes: ['562'] } },
  { key: 'RJN', name: 'Demo 999 Rejecting Payer', claimFilingIndicator: 'CI', scenario: { kind: 'rejects-999', codes: ['7'] } },
  { key: 'XOV', name: 'Demo Crossover Medicare', claimFilingIndicator: 'MB', scenario: { kind: 'crosses-over' } },
  { key: 'PAP', name: 'Demo Paper EOB Payer', claimFilingIndicator: 'CI', responseDays: 365, scenario: { kind: 'never-answers' } },
  { key: 'SIL', name: 'Demo Silent Payer', claimFilingIndicator: 'CI', responseDays: 1, scenario: { kind: 'never-answers' } },
  { key: 'LAT', name: 'Demo Late Payer', claimFilingIndicator: 'CI', scenario: { kind: 'pays-late', days: 2 } },
  { key: 'REV', name: 'Demo Reversing Payer', claimFilingIndicator: 'CI', scenario: { kind: 'reverses', days: 3 } },
  { key: 'WHD', name: 'Demo Withholding Payer', claimFilingIndicator: 'CI', scenario: { kind: 'pays-full', withholdCents: 500 } },
];

export type PracticeKey = 'integrated' | 'manual' | 'separate';

/** What the demo looks for on the bill once the path has been walked. */
export interface Expectation {
  status: string;
  /** The bill also needs attention for this reason. */
  attention?: string;
}

export interface DemoPath {
  key: string;
  /** What a newcomer sees, in one line. */
  title: string;
  practice: PracticeKey;
  /** Payer keys in rank order: primary, secondary, tertiary. */
  payers: string[];
  /** Download the 837P for manual upload once the bill is Ready to Batch. */
  download?: boolean;
  expect: Expectation;
}

/**
 * The paths, each on its own client. `expect` is what the demo's end-to-end test waits for
 * (with the demo's short timers); the others keep moving after it (late payments, reversals).
 */
export const DEMO_PATHS: readonly DemoPath[] = [
  {
    key: 'closed-era',
    title: 'primary pays a share, secondary the rest, both by ERA: Closed',
    practice: 'integrated',
    payers: ['SHR', 'FUL'],
    expect: { status: 'CLOSED' },
  },
  {
    key: 'denied-then-secondary',
    title: 'primary denies (CO-50, N115), the secondary pays: Closed',
    practice: 'integrated',
    payers: ['DEN', 'FUL'],
    expect: { status: 'CLOSED' },
  },
  {
    key: 'tertiary',
    title: 'three payers: share, half of the rest, what is left: Closed',
    practice: 'integrated',
    payers: ['SHR', 'HLF', 'FUL'],
    expect: { status: 'CLOSED' },
  },
  {
    key: 'manual-eob',
    title: 'the payer answers on paper (no ERA): waits for staff to post the EOB',
    practice: 'integrated',
    payers: ['PAP', 'FUL'],
    expect: { status: 'AWAITING_PRIMARY' },
  },
  {
    key: 'claim-fix',
    title: 'a practice that uploads by hand: 837P downloaded, waiting in Claim Fix (and reminded)',
    practice: 'manual',
    payers: ['SHR', 'FUL'],
    download: true,
    expect: { status: 'AWAITING_CLAIM_FIX', attention: 'CLAIM_FIX_NOT_CONFIRMED' },
  },
  {
    key: 'manual-not-downloaded',
    title: 'a practice that uploads by hand: nobody downloads the 837P, it escalates',
    practice: 'manual',
    payers: ['SHR'],
    expect: { status: 'READY_TO_BATCH', attention: 'MANUAL_UPLOAD_PENDING' },
  },
  {
    key: 'rejected-277ca',
    title: 'the 277CA rejects the claim (A7:562): waits for a correction',
    practice: 'integrated',
    payers: ['RJC', 'FUL'],
    expect: { status: 'REJECTED' },
  },
  {
    key: 'rejected-999',
    title: 'the 999 rejects the file (IK4 7): waits for a correction',
    practice: 'separate',
    payers: ['RJN'],
    expect: { status: 'REJECTED' },
  },
  {
    key: 'crossover',
    title: 'the primary crosses the claim over to the secondary itself',
    practice: 'integrated',
    payers: ['XOV', 'FUL'],
    expect: { status: 'CROSSOVER' },
  },
  {
    key: 'no-response',
    title: 'the payer never answers: escalated for no response',
    practice: 'integrated',
    payers: ['SIL'],
    expect: { status: 'AWAITING_PRIMARY', attention: 'NO_PAYER_RESPONSE' },
  },
  {
    key: 'pays-late',
    title: 'the payer pays two (demo) days late, the secondary the rest',
    practice: 'integrated',
    payers: ['LAT', 'FUL'],
    expect: { status: 'CLOSED' },
  },
  {
    key: 'reversal',
    title: 'the payer pays, reverses three (demo) days later and pays again',
    practice: 'integrated',
    payers: ['REV'],
    expect: { status: 'CLOSED' },
  },
  {
    key: 'withheld',
    title: 'the payer pays in full and withholds $5 in a PLB',
    practice: 'integrated',
    payers: ['WHD'],
    expect: { status: 'CLOSED' },
  },
];

/** The paths the issue asks a newcomer to see within two minutes (the end-to-end test waits for these). */
export const MUST_SEE: readonly string[] = [
  'closed-era',
  'manual-eob',
  'claim-fix',
  'rejected-277ca',
  'rejected-999',
  'crossover',
  'no-response',
  'tertiary',
  'denied-then-secondary',
  'manual-not-downloaded',
];
