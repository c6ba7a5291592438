/**
 * Trading-partner settings of the 837P envelope. The defaults are the values Office Ally
 * publishes in its 837P companion guide: receiver id 330897513 (Office Ally's federal tax
 * id) in ISA08, GS03 and 1000B NM109, receiver name "OFFICE ALLY". The submitter id is the
 * id Office Ally assigned to the practice or billing service.
 */
import type { Contact } from './model';

export interface SubmitterConfig {
  /** Submitter name (1000A NM103), the practice or billing service. */
  name: string;
  /** Submitter id (1000A NM109, ISA06, GS02 unless overridden): the id Office Ally assigned. */
  id: string;
  /** EDI contact (1000A PER): a phone or an email is required. */
  contact: Contact;
  /** "organization" (default) or "person" (NM102). */
  entity?: 'person' | 'organization';
}

export interface ClearinghouseConfig {
  /** ISA05, sender id qualifier; default "ZZ" (mutually defined). */
  senderQualifier: string;
  /** ISA06, at most 15 characters; default the submitter id. */
  senderId: string;
  /** ISA07, receiver id qualifier; default "ZZ". */
  receiverQualifier: string;
  /** ISA08, at most 15 characters; Office Ally: "330897513". */
  receiverId: string;
  /** GS02; default the submitter id. */
  applicationSenderCode: string;
  /** GS03; Office Ally: "330897513" (its guide also accepts "OA"). */
  applicationReceiverCode: string;
  /** 1000B NM103; Office Ally: "OFFICE ALLY". */
  receiverName: string;
  /** 1000B NM109 (qualifier 46); Office Ally: "330897513". */
  receiverIdentifier: string;
  /** ISA14: ask for a TA1 interchange acknowledgment; default false. */
  acknowledgmentRequested: boolean;
  submitter: SubmitterConfig;
}

export const OFFICE_ALLY_DEFAULTS = Object.freeze({
  senderQualifier: 'ZZ',
  receiverQualifier: 'ZZ',
  receiverId: '330897513',
  applicationReceiverCode: '330897513',
  receiverName: 'OFFICE ALLY',
  receiverIdentifier: '330897513',
  acknowledgmentRequested: false,
});

/** Office Ally's published values, with the practice's submitter and any override. */
export function officeAllyConfig(
  submitter: SubmitterConfig,
  overrides: Partial<Omit<ClearinghouseConfig, 'submitter'>> = {},
): ClearinghouseConfig {
  return {
    ...OFFICE_ALLY_DEFAULTS,
    senderId: submitter.id,
    applicationSenderCode: submitter.id,
    ...overrides,
    submitter,
  };
}
