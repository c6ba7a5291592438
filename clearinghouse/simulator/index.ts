/**
 * The payer SIMULATOR, for demos and end-to-end tests only: it answers 837P files dropped in a
 * local directory clearinghouse with a 999, a 277CA and an 835 of its own making. Everything it
 * writes says SIMULATOR; it is never Office Ally and never a real payer.
 */
export { simulatePayer, write999, write277ca, write835, SIMULATOR_ID } from './responses';
export type { SimulatorOptions, SimulatorResult, SimClaimResult } from './responses';
export { chooseOutcome, adjudicate, SIM_OUTCOMES } from './adjudicate';
export type { SimOutcome, OutcomeRules, PricingRules, AdjudicatedClaim, AdjudicatedLine } from './adjudicate';
export { read837p } from './read-837p';
export type { Sim837File, SimClaim, SimLine } from './read-837p';
export { runSimulatorOnce, simulatorOutputName } from './driver';
export type { SimulatorDriverOptions, SimulatorDelays, SimulatorRunReport } from './driver';
export { SimulatorInputError, readInterchange } from './x12-reader';
