/**
 * The payer SIMULATOR, for demos and end-to-end tests only: it answers 837P files dropped in a
 * local directory clearinghouse with a 999, a 277CA and 835s of its own making, as each payer's
 * scenario says. Everything it writes says SIMULATOR; it is never Office Ally and never a real payer.
 */
export { simulatePayer, write999, write277ca, write835, SIMULATOR_ID } from './responses';
export type { SimulatorOptions, SimulatorResult, SimClaimResult, LaterEra } from './responses';
export { chooseOutcome, adjudicate, reverse, isAdjudicated, scenarioOutcome, SIM_OUTCOMES } from './adjudicate';
export type { SimOutcome, OutcomeRules, PricingRules, AdjudicatedClaim, AdjudicatedLine, DenialRules } from './adjudicate';
export { SCENARIO_KINDS, checkScenario, scenarioOf } from './scenarios';
export type { PayerScenario, ScenarioKind, ScenarioTable, ScenarioProblem } from './scenarios';
export { read837p } from './read-837p';
export type { Sim837File, SimClaim, SimLine } from './read-837p';
export { runSimulatorOnce, simulatorOutputName } from './driver';
export type { SimulatorDriverOptions, SimulatorDelays, SimulatorRunReport } from './driver';
export { SimulatorInputError, readInterchange } from './x12-reader';
