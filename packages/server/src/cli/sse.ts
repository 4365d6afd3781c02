// Reading a server-sent event stream from a fetch Response, with eventsource-parser doing the
// framing (fields split across chunks, multi-line data, comments, CRLF).

import { type EventSourceMessage, createParser } from "eventsource-parser";

/** The events of `body` as they arrive; ends when the stream ends (or throws if it breaks). */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<EventSourceMessage> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => void queue.push(event) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (queue.length > 0) yield queue.shift()!;
    }
    parser.feed(decoder.decode());
    while (queue.length > 0) yield queue.shift()!;
  } finally {
    reader.releaseLock();
  }
}
