/** 999 and 277CA readers: did the clearinghouse / payer take in what we sent? */
export { read999 } from './read999';
export { read277CA } from './read277ca';
export { ACK_CODE, SEGMENT_ERROR, ELEMENT_ERROR, TRANSACTION_SET_ERROR } from './codes-999';
export { STATUS_CATEGORY, STATUS_CODE, ENTITY, REJECTING_CATEGORIES, ACCEPTING_CATEGORIES } from './codes-277';
export type * from './types';
export {
  MalformedX12Error,
  detectTransaction,
  type SegmentRef,
  type Finding,
  type X12Input,
  type DetectedTransaction,
  type TransactionKind,
} from '../read';
