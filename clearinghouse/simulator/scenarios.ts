/**
 * Payer scenarios of the SIMULATOR: how one payer answers every claim sent to it. A scenario is
 * a payer setting (`Payer.simulatorScenario`, only with the local clearinghouse); the driver is
 * given a table from the payer id of the 837P (2010BB NM109) to its scenario. Pure code.
 *
 * A payer without a scenario keeps the simulator's default: a primary pays a share, a later
 * payer pays what is still owed.
 */
export const SCENARIO_KINDS = [
  'pays-share',
  'pays-full',
  'denies',
  'rejects-999',
  'rejects-277ca',
  'crosses-over',
  'pays-late',
  'never-answers',
  'reverses',
] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export interface PayerScenario {
  kind: ScenarioKind;
  /**
   * pays-share on a later payer: the share of what is still owed it pays, in basis points
   * (default 5000); the rest stays with the patient (PR-2). On a primary the share is priced
   * as contractual CO-45, deductible PR-1 and coinsurance PR-2 (see PricingRules).
   */
  shareBasisPoints?: number;
  /** denies: CARCs as "group-code", e.g. ["CO-50"] (default one of CO-50, CO-96, PR-204, CO-197). */
  reasons?: string[];
  /** RARCs written in LQ*HE of each denied line, e.g. ["N130"]. */
  remarks?: string[];
  /**
   * rejects-999: IK4 element error codes (default ["7"], invalid code value);
   * rejects-277ca: STC status codes under category A7 (default ["562"], entity's NPI).
   */
  codes?: string[];
  /** pays-late: the 835 comes this many (simulated) days after receipt; reverses: the reversal. */
  days?: number;
  /** Withheld from the payment in a PLB (WO, overpayment recovery), in cents. */
  withholdCents?: number;
}

/** Payer id (2010BB NM109) -> scenario. */
export type ScenarioTable = Readonly<Record<string, PayerScenario>>;

const CARC = /^(CO|PR|OA|PI|CR)-[A-Z0-9]{1,5}$/;
const RARC = /^[MN][A-Z0-9]{1,4}$|^MA[0-9]{2,3}$/;
const CODE = /^[A-Z0-9]{1,5}$/;

/** One problem in a scenario, at a JSON pointer inside it. */
export interface ScenarioProblem {
  pointer: string;
  message: string;
}

function list(value: unknown, pointer: string, pattern: RegExp, what: string, out: ScenarioProblem[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0 || value.length > 6) {
    out.push({ pointer, message: `must be a list of 1 to 6 ${what}` });
    return;
  }
  value.forEach((v, i) => {
    if (typeof v !== 'string' || !pattern.test(v)) out.push({ pointer: `${pointer}/${i}`, message: `must be ${what}` });
  });
}

function count(value: unknown, pointer: string, min: number, max: number, out: ScenarioProblem[]): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    out.push({ pointer, message: `must be a whole number from ${min} to ${max}` });
}

/** The problems of a scenario read from JSON (empty when it is one). */
export function checkScenario(value: unknown): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ pointer: '', message: 'must be an object' }];
  const v = value as Record<string, unknown>;
  if (!SCENARIO_KINDS.includes(v.kind as ScenarioKind))
    out.push({ pointer: '/kind', message: `must be one of ${SCENARIO_KINDS.join(', ')}` });
  const known = new Set(['kind', 'shareBasisPoints', 'reasons', 'remarks', 'codes', 'days', 'withholdCents']);
  for (const key of Object.keys(v)) if (!known.has(key)) out.push({ pointer: `/${key}`, message: 'is not a scenario setting' });
  count(v.shareBasisPoints, '/shareBasisPoints', 0, 10000, out);
  list(v.reasons, '/reasons', CARC, 'adjustment reasons as group-code, e.g. CO-50', out);
  list(v.remarks, '/remarks', RARC, 'remark codes, e.g. N130', out);
  list(v.codes, '/codes', CODE, 'codes of 1 to 5 letters or digits', out);
  count(v.days, '/days', 0, 365, out);
  count(v.withholdCents, '/withholdCents', 0, 10_000_000, out);
  if (v.kind === 'pays-late' && v.days === undefined) out.push({ pointer: '/days', message: 'is required for pays-late' });
  return out;
}

/** A number from 0 to n-1 drawn from a seed (the claim's control number): the same every time. */
export function pick(seed: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return n <= 0 ? 0 : h % n;
}

const DEFAULT_DENIALS = ['CO-50', 'CO-96', 'PR-204', 'CO-197'] as const;
const DENIAL_REMARKS: Readonly<Record<string, string>> = { 'CO-50': 'N115', 'CO-96': 'N130', 'PR-204': 'N130', 'CO-197': 'N54' };

/** The denial reasons and remarks of a claim under a `denies` scenario. */
export function denial(scenario: PayerScenario, seed: string): { reasons: Array<{ group: string; reason: string }>; remarks: string[] } {
  const reasons = scenario.reasons ?? [DEFAULT_DENIALS[pick(seed, DEFAULT_DENIALS.length)] as string];
  const remarks = scenario.remarks ?? reasons.map((r) => DENIAL_REMARKS[r]).filter((r): r is string => r !== undefined);
  return {
    reasons: reasons.map((r) => {
      const [group = 'CO', reason = '50'] = r.split('-');
      return { group, reason };
    }),
    remarks,
  };
}

/** The 999 IK4 error codes of a transaction set a `rejects-999` payer refuses. */
export function rejection999Codes(scenario: PayerScenario): string[] {
  return scenario.codes ?? ['7'];
}

/** The 277CA STC01-2 status codes of a claim a `rejects-277ca` payer refuses. */
export function rejection277Codes(scenario: PayerScenario): string[] {
  return scenario.codes ?? ['562'];
}

/** The scenario of the payer a claim is sent to, or undefined for the simulator's default. */
export function scenarioOf(payerId: string, table: ScenarioTable | undefined): PayerScenario | undefined {
  if (!table) return undefined;
  return table[payerId] ?? table[payerId.toUpperCase()];
}
