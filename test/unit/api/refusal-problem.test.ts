/** How the API answers the bill's refusals (api/workflow-calls.ts): by their type, never by their text. */
import { ApplicationFailure } from '@temporalio/common';
import { refusalProblem } from '../../../api/workflow-calls';
import { RefusalType } from '../../../workflows/bill/definitions';

it('InvalidInput is 422 with each refused field as a JSON Pointer', () => {
  const failure = ApplicationFailure.create({
    type: RefusalType.invalidInput,
    message: 'lines[0].lineNumber: the bill has no line 9',
    details: [{ fields: [{ path: ['lines', 0, 'lineNumber'], message: 'the bill has no line 9' }] }],
  });
  const problem = refusalProblem(failure, 'fallback', 'post-payment', 'bill-1');
  expect(problem.status).toBe(422);
  expect(problem.errors).toEqual([
    {
      in: 'body',
      pointer: '#/lines/0/lineNumber',
      detail: 'the bill has no line 9',
      code: 'refused_by_bill',
    },
  ]);
  expect(problem.extensions).toMatchObject({ action: 'post-payment', billId: 'bill-1', reason: 'InvalidInput' });
});

it('WrongState and Overtaken are 409, whatever their message says', () => {
  for (const type of [RefusalType.wrongState, RefusalType.overtaken]) {
    const problem = refusalProblem(ApplicationFailure.create({ type, message: 'paidCents: looks like a field' }), 'x', 'void', 'b');
    expect(problem.status).toBe(409);
    expect(problem.errors).toBeUndefined();
  }
});

it('a failure that is not a refusal is 409 with the text it carried', () => {
  const problem = refusalProblem(undefined, 'the update failed', 'submit', 'b');
  expect(problem.status).toBe(409);
  expect(problem.message).toBe('the update failed');
});
