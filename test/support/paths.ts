import { createHash } from 'node:crypto';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const testOutputDir = path.join(repoRoot, 'test-output');
export const workflowBundlePath = path.join(testOutputDir, 'workflow-bundle.js');
/** One template per checkout, so that two checkouts can run their tests on one PostgreSQL at once. */
export const TEMPLATE_DATABASE = `scx_test_template_${createHash('sha256').update(repoRoot).digest('hex').slice(0, 8)}`;
