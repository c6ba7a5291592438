/**
 * Recorded workflow histories, for the replay test that guards changes to workflow code:
 * `RECORD_HISTORIES=1 npx jest test/integration/workflows/bill-paths` writes them to
 * test/fixtures/histories/ (protobuf binary, as Temporal's API carries them). They hold ids, amounts and codes only (no patient data).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { repoRoot } from './paths';

export const historiesDir = path.join(repoRoot, 'test', 'fixtures', 'histories');

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(historiesDir, { recursive: true });
  const history = temporal.api.history.v1.History.create(await handle.fetchHistory());
  writeFileSync(path.join(historiesDir, `${name}.history.pb`), temporal.api.history.v1.History.encode(history).finish());
}
