/**
 * A staff action goes straight to the bill's workflow (no existence query first): a bill that
 * does not exist answers 404 from the workflow's "not found", one that exists still gets the
 * workflow's verdict, and a bill whose workflow is gone answers 409.
 */
import { randomUUID } from 'node:crypto';
import { billWorkflowId } from '../../../workflows/bill/definitions';
import { useApiStack } from '../../support/api-stack';

const stack = useApiStack('api-action-lookup');
const { setUp, action } = stack;

it('answers 404 for a bill that does not exist, and the workflow verdict for one that does', async () => {
  const missing = randomUUID();
  const res = await action(missing, 'ready-to-batch');
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 404, detail: expect.stringContaining(missing) });

  const { billId } = await setUp({ autoBatchSecondary: false, submitsManually: false });
  const refused = await action(billId, 'claim-fix-cleared');
  expect(refused.status).toBe(409);
  expect((await action(billId, 'ready-to-batch')).body).toEqual({ billId, status: 'READY_TO_BATCH' });
});

it('answers 409 for a bill whose workflow is not running', async () => {
  const { billId } = await setUp({ autoBatchSecondary: false, submitsManually: false });
  await stack.h.deps.temporal.workflow.getHandle(billWorkflowId(billId)).terminate('test: the workflow is gone');
  const res = await action(billId, 'ready-to-batch');
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ type: '/problems/wrong-state' });
});
