import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const testOutputDir = path.join(repoRoot, 'test-output');
export const workflowBundlePath = path.join(testOutputDir, 'workflow-bundle.js');
export const TEMPLATE_DATABASE = 'scx_test_template';
