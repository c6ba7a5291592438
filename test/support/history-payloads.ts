/**
 * Every payload in a workflow history, found by walking the history's protobuf objects: what
 * the encryption tests check, and what RECORD_HISTORIES decodes before it keeps a history.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

export interface FoundPayload {
  /** Where it is, e.g. `events[0].workflowExecutionStartedEventAttributes.input.payloads[0]`. */
  path: string;
  payload: Payload;
  /** Search attributes are indexes, kept plain by design. */
  searchAttribute: boolean;
  /** The SDK's patch markers (`patched()`, naming the patch) are written by its core, not through the codec. */
  patchMarker: boolean;
  /**
   * A local activity's marker: its result (`details.result`) goes through the codec, but the
   * core's record of the call (`details.data`: sequence, attempt, activity id and type, times) is written plain.
   */
  localActivityMeta: boolean;
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

function isPayload(v: unknown): v is Payload {
  if (!v || typeof v !== 'object') return false;
  const { metadata, data } = v as { metadata?: unknown; data?: unknown };
  return (
    !!metadata &&
    typeof metadata === 'object' &&
    Object.values(metadata).every(isBytes) &&
    'encoding' in metadata &&
    (data === undefined || data === null || isBytes(data))
  );
}

export function payloadsOf(history: History): FoundPayload[] {
  const found: FoundPayload[] = [];
  const walk = (value: unknown, path: string, searchAttribute: boolean): void => {
    if (!value || typeof value !== 'object' || isBytes(value)) return;
    if (isPayload(value)) {
      found.push({
        path,
        payload: value,
        searchAttribute,
        patchMarker: path.includes('markerRecordedEventAttributes.details.patch-data'),
        localActivityMeta: path.includes('markerRecordedEventAttributes.details.data.'),
      });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, searchAttribute));
      return;
    }
    for (const [key, v] of Object.entries(value)) walk(v, path ? `${path}.${key}` : key, searchAttribute || key === 'searchAttributes');
  };
  walk(history, '', false);
  return found;
}

/** A copy of the history with every encoded payload decoded (and so replayable with any key). */
export async function decodeHistory(history: History, codec: PayloadCodec): Promise<History> {
  const copy = structuredClone(history);
  for (const { payload } of payloadsOf(copy)) {
    const [decoded] = await codec.decode([payload]);
    payload.metadata = decoded?.metadata ?? null;
    payload.data = decoded?.data ?? null;
  }
  return copy;
}
