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

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(historiesDir, { recursive: true });
  // Kept decoded: the key of this test process is gone once it ends.
  const [codec] = testDataConverter.payloadCodecs ?? [];
  const fetched = await handle.fetchHistory();
  const history = temporal.api.history.v1.History.create(codec ? await decodeHistory(fetched, codec) : fetched);
  writeFileSync(path.join(historiesDir, `${name}.history.pb`), temporal.api.history.v1.History.encode(history).finish());
}
