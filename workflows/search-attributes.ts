/**
 * The project's custom search attributes: what ops filter on in the Temporal UI and with
 * `temporal workflow list --query`. Ids, statuses and codes only: never patient data.
 *
 *   temporal workflow list --query 'NeedsAttention = true'
 *   temporal workflow list --query 'BillStatus = "AWAITING_PRIMARY" AND WaitingSince < "2026-10-01T00:00:00Z"'
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const BillIdKey = defineSearchAttributeKey('BillId', SearchAttributeType.KEYWORD);
export const PracticeIdKey = defineSearchAttributeKey('PracticeId', SearchAttributeType.KEYWORD);
export const BillStatusKey = defineSearchAttributeKey('BillStatus', SearchAttributeType.KEYWORD);
export const PayerCodeKey = defineSearchAttributeKey('PayerCode', SearchAttributeType.KEYWORD);
export const NeedsAttentionKey = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);
export const AttentionReasonKey = defineSearchAttributeKey('AttentionReason', SearchAttributeType.KEYWORD);
export const WaitingSinceKey = defineSearchAttributeKey('WaitingSince', SearchAttributeType.DATETIME);

export const SEARCH_ATTRIBUTES = [
  BillIdKey,
  PracticeIdKey,
  BillStatusKey,
  PayerCodeKey,
  NeedsAttentionKey,
  AttentionReasonKey,
  WaitingSinceKey,
] as const;

/** `Name=Type` as the Temporal CLI's `--search-attribute` flag takes it. */
export function searchAttributeCliArgs(): string[] {
  const cliType: Record<string, string> = { KEYWORD: 'Keyword', BOOL: 'Bool', DATETIME: 'Datetime', INT: 'Int', TEXT: 'Text' };
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}
