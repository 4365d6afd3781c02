// Waiting on something asynchronous without a fixed sleep: a test polls for what it expects and
// fails with a message naming it, instead of guessing how long the work takes on a busy machine.

/** Calls `condition` until it returns something truthy, and resolves with that; fails after `timeoutMs`. */
export async function until<T>(
  condition: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
