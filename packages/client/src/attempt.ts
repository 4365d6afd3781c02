// One attempt and its timeout: the timer runs until the last byte of the response is read,
// combined with the caller's AbortSignal.

import type { FetchLike } from "./options.js";

/** What one attempt came to: the response with its whole body, or the failure and whether it was the timeout. */
export type Outcome =
  | {
      readonly response: Response;
      readonly bytes: Uint8Array<ArrayBuffer>;
      readonly error?: undefined;
      readonly timedOut?: undefined;
    }
  | { readonly response?: undefined; readonly bytes?: undefined; readonly error: unknown; readonly timedOut: boolean };

/**
 * One attempt: the response and its whole body, or why there is none. The timer runs until the
 * body is read, so a gateway that sends headers and then stalls still times out; both the timeout
 * and the caller's signal reach fetch through one AbortSignal (a fetch must honour it, as the
 * standard one does). A caller's abort is rethrown as it is: it is the caller's decision, not a
 * failure to report. A plain timer rather than AbortSignal.timeout: it is cleared as soon as the
 * attempt ends, instead of lingering for timeoutMs after every call.
 */
export async function exchangeOnce(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`No complete response within ${timeoutMs} ms.`, "TimeoutError"));
  }, timeoutMs);
  const onAbort = (): void => controller.abort(signal!.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  init.signal = controller.signal;
  try {
    const response = await fetch(url, init);
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { error, timedOut };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
