// The error a promise rejects with, for tests that assert on a failure's kind and message.

/** The Error `promise` rejects with; throws (failing the test) when it resolves or rejects with a non-Error. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error('expected a failure, but the promise resolved');
  return error;
}
