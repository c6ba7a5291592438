/** The bill's refusals, as typed failures (see RefusalType in definitions.ts). Pure code. */
import { ApplicationFailure } from '@temporalio/workflow';
import { RefusalType, type InvalidInputDetails, type RefusedField } from './definitions';

/** "lines[0].adjustments[1].group" for ["lines", 0, "adjustments", 1, "group"]. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

export function wrongState(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: RefusalType.wrongState, message, nonRetryable: true });
}

export function overtaken(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: RefusalType.overtaken, message, nonRetryable: true });
}

export function invalidInput(fields: RefusedField[]): ApplicationFailure {
  const details: InvalidInputDetails = { fields };
  return ApplicationFailure.create({
    type: RefusalType.invalidInput,
    message: fields.map((f) => (f.path.length > 0 ? `${fieldName(f.path)}: ${f.message}` : f.message)).join('; '),
    details: [details],
    nonRetryable: true,
  });
}
