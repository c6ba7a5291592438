/**
 * The workflow bundle built ahead of time (`npm run build:workflows`), so a worker starts
 * without webpacking the workflows (seconds of CPU and ~100 MB of memory it never gives back).
 * The failure converter goes in with the workflows, as the encrypting data converter needs.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { failureConverterPath } from '../codec/data-converter';
import { repoRoot } from '../config/env';

export const DEFAULT_WORKFLOW_BUNDLE_PATH = path.join(repoRoot, 'dist', 'workflow-bundle.js');

export async function buildWorkflowBundle(outPath: string = DEFAULT_WORKFLOW_BUNDLE_PATH): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    failureConverterPath,
    logger: new DefaultLogger('WARN'),
  });
  mkdirSync(path.dirname(outPath), { recursive: true });
  const tmp = `${outPath}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, outPath);
  return outPath;
}

/**
 * The bundle a worker process loads: WORKFLOW_BUNDLE_PATH (which must exist), else none (the
 * workflows are bundled at start). Never a file found by chance: a bundle left from older
 * workflow code would replay running bills on the wrong code.
 */
export function workflowBundleToLoad(configured: string | undefined): string | undefined {
  if (configured) {
    if (!existsSync(configured)) throw new Error(`WORKFLOW_BUNDLE_PATH names no file: ${configured} (run npm run build:workflows)`);
    return configured;
  }
  return undefined;
}
