// Hearing about merchant changes made by other gateway instances: one connection that LISTENs on
// the channel the merchants repository NOTIFYs on commit. A watch that loses its connection (the
// server restarted, a proxy dropped it) connects again after a pause and then reports a change,
// since whatever was committed while it was away went unheard.

import pg from "pg";
import type { MerchantWatch } from "../store.js";
import { MERCHANTS_CHANNEL } from "./merchants.js";

/** How long a lost watch waits before connecting again. */
const RECONNECT_MS = 1000;

/** Options of {@link watchMerchantChanges}. */
export interface WatchOptions {
  readonly url: string;
  /** Resolves once the schema is ready; the watch starts after it. */
  readonly opened: Promise<void>;
  readonly listener: () => void;
  readonly onError?: ((error: Error) => void) | undefined;
}

/** Starts watching; see {@link MerchantWatch}. */
export function watchMerchantChanges({ url, opened, listener, onError }: WatchOptions): MerchantWatch {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, application_name: "gatekit-gateway" });
    client = next;
    let schema: string | undefined;
    next.on("notification", (message) => {
      if (message.channel === MERCHANTS_CHANNEL && message.payload === schema) listener();
    });
    next.on("error", (error) => {
      onError?.(error);
      lost(next);
    });
    next.on("end", () => lost(next));
    await next.connect();
    schema = (await next.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s;
    await next.query(`LISTEN ${MERCHANTS_CHANNEL}`);
  }

  function lost(which: pg.Client): void {
    if (stopped || which !== client) return;
    client = undefined;
    which.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = undefined;
      if (stopped) return;
      connect().then(listener, (error: unknown) => {
        onError?.(error as Error);
        if (client) lost(client);
      });
    }, RECONNECT_MS);
    retry.unref?.();
  }

  const ready = opened.then(connect);
  ready.catch((error: unknown) => {
    onError?.(error as Error);
    if (client) lost(client);
  });
  return {
    ready,
    async stop() {
      stopped = true;
      if (retry !== undefined) clearTimeout(retry);
      await ready.catch(() => undefined);
      await client?.end().catch(() => undefined);
    },
  };
}
