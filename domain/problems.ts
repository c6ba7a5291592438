/** A problem with one field of an input: where it is (a path into the input) and what is wrong. */
export interface FieldProblem {
  path: (string | number)[];
  message: string;
}
