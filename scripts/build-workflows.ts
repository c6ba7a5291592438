/**
 * `npm run build:workflows [out]`: writes the workflow bundle a worker loads at start
 * (default dist/workflow-bundle.js; see worker/bundle.ts). Rebuild it after changing workflows/.
 */
import path from 'node:path';
import { buildWorkflowBundle, DEFAULT_WORKFLOW_BUNDLE_PATH } from '../worker/bundle';

const out = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_WORKFLOW_BUNDLE_PATH;
buildWorkflowBundle(out)
  .then((file) => console.log(`workflow bundle written: ${file}`))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
