// Tests assert on the error a call rejects with (its type, code, message), which
// `expect(...).rejects` makes awkward to do more than once per error.

/** The error `promise` rejects with; throws when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, it succeeded");
}
