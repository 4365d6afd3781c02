import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serverSentEvents } from "./sse.js";

function streamOf(chunks: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: readonly string[]) {
  const events = [];
  for await (const event of serverSentEvents(streamOf(chunks)))
    events.push({ id: event.id, event: event.event, data: event.data });
  return events;
}

const TEXT =
  `: keep-alive\n\nid: 1\nevent: attempt\ndata: {"type":"attempt","n":"é"}\n\nid: 2\n` +
  `event: enqueued\r\ndata: {"a":1}\r\n\r\n`;
const EXPECTED = [
  { id: "1", event: "attempt", data: '{"type":"attempt","n":"é"}' },
  { id: "2", event: "enqueued", data: '{"a":1}' },
];

describe("serverSentEvents", () => {
  it("reads events, skipping comments, with LF or CRLF line ends", async () => {
    expect(await collect([TEXT])).toEqual(EXPECTED);
  });

  it("reads the same events however the stream is cut into chunks, even inside a character", async () => {
    const bytes = new TextEncoder().encode(TEXT);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const pieces = points.slice(1).map((end, index) => bytes.slice(points[index], end));
          const stream = new ReadableStream<Uint8Array>({
            start(controller) {
              for (const piece of pieces) controller.enqueue(piece);
              controller.close();
            },
          });
          const events = [];
          for await (const event of serverSentEvents(stream))
            events.push({ id: event.id, event: event.event, data: event.data });
          expect(events).toEqual(EXPECTED);
        },
      ),
    );
  });
});
