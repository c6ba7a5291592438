export { MalformedX12Error, type MalformedX12Code, type SegmentRef } from './errors';
export type { Finding } from './finding';
export type { Delimiters } from './isa';
export { inspectIsa } from './isa';
export type { InterchangeInfo, FunctionalGroupInfo, TransactionHandler, TransactionStart } from './envelope';
export { readX12, type X12Input, type ReadX12Options, type ReadX12Summary } from './stream';
export { detectTransaction, type DetectedTransaction, type TransactionKind } from './detect';
export { el, comp, components, isLoop, ref, type Segment, type Loop } from './segment';
