// Everything the worker registers as a workflow. Deterministic code only.
export { billLifecycle } from './bill/workflow';
export { batchWorkflow, sendBatchWorkflow } from './batch/workflow';
export { clearinghouseSync } from './sync/workflow';
export { clearinghouseSyncLoop } from './sync/loop';
