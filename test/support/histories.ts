/**
 * Recorded workflow histories, for the replay test that guards changes to workflow code:
 * `RECORD_HISTORIES=1 npx jest test/integration/workflows/bill-paths` writes them to
 * test/fixtures/histories/ (protobuf binary, as Temporal's API carries them). They hold ids, amounts and codes only (no patient data).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { decodeHistory } from './history-payloads';
import { repoRoot } from './paths';
import { testDataConverter } from './temporal';

export const historiesDir = path.join(repoRoot, 'test', 'fixtures', 'histories');

/**
 * Writes the handle's history as `<name><RECORD_HISTORIES_TAG>.history.pb`. Give a tag (e.g.
 * `-v2`) to keep the histories of earlier code beside the new ones: those are the bills in
 * flight that the new code must still replay.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  name = `${name}${process.env.RECORD_HISTORIES_TAG ?? ''}`;
  mkdirSync(historiesDir, { recursive: true });
  // Kept decoded: the key of this test process is gone once it ends.
  const [codec] = testDataConverter.payloadCodecs ?? [];
  const fetched = await handle.fetchHistory();
  const history = temporal.api.history.v1.History.create(codec ? await decodeHistory(fetched, codec) : fetched);
  writeFileSync(path.join(historiesDir, `${name}.history.pb`), temporal.api.history.v1.History.encode(history).finish());
}
