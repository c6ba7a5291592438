/**
 * Replays recorded histories of finished bills against today's workflow code: a change that
 * would break bills mid-flight (a non-deterministic change without `patched()`) fails here.
 * Re-record after a deliberate, patched change with RECORD_HISTORIES=1 (test/support/histories.ts).
 * The histories are kept decoded; replaying them through the project's encrypting data converter
 * shows that payloads without encryption metadata pass through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { historiesDir } from '../../support/histories';
import { workflowBundlePath } from '../../support/paths';
import { testDataConverter } from '../../support/temporal';

const files = readdirSync(historiesDir)
  .filter((f) => f.endsWith('.history.pb'))
  .sort();

beforeAll(() => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already by another suite in this process
  }
});

it('has recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

it.each(files)('replays %s without non-determinism', async (file) => {
  const history = temporal.api.history.v1.History.decode(readFileSync(path.join(historiesDir, file)));
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: { codePath: workflowBundlePath }, dataConverter: testDataConverter },
      history,
      file.replace('.history.pb', ''),
    ),
  ).resolves.toBeUndefined();
});
