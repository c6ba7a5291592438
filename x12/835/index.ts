/**
 * 835 (health care claim payment/advice) reader. Pure: no I/O beyond the stream it is given.
 */
export { read835, type ClaimContext835, type Read835Options } from './read835';
export { CLAIM_STATUS, HANDLING, PAYMENT_METHOD } from './codes';
export { allFindings } from './findings';
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
