import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, ByteCollector, declaresMoreThan, isBodyTooLarge, readCapped, readPrefix } from "./body.js";

function streamOf(chunks: readonly Uint8Array[], onCancel: () => void = () => undefined): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
    cancel: onCancel,
  });
}

const chunk = (size: number, byte = 0x61) => new Uint8Array(size).fill(byte);

describe("declaresMoreThan", () => {
  it.each([
    [null, false],
    [undefined, false],
    ["10", false],
    ["11", true],
    ["0011", true],
    ["1e9", false],
    [" 11", false],
    ["", false],
  ])("Content-Length %j over 10 is %s", (header, expected) => {
    expect(declaresMoreThan(header, 10)).toBe(expected);
  });
});

describe("readCapped", () => {
  it("reads a body of exactly the cap, and an absent body as empty", async () => {
    expect(await readCapped(streamOf([chunk(4), chunk(6)]), 10)).toEqual(chunk(10));
    expect(await readCapped(null, 10)).toEqual(new Uint8Array(0));
  });

  it("throws BodyTooLargeError as soon as the cap is passed, and cancels the stream", async () => {
    let cancelled = false;
    const stream = streamOf([chunk(8), chunk(8), chunk(8)], () => (cancelled = true));
    const error = await readCapped(stream, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(isBodyTooLarge(error)).toBe(true);
    expect((error as BodyTooLargeError).limit).toBe(10);
    expect((error as Error).message).toMatch(/larger than 10 bytes; send a smaller body/);
    expect(cancelled).toBe(true);
  });

  it("keeps the bytes of any chunking, in order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 16 }), { maxLength: 8 }), async (chunks) => {
        const whole = new Uint8Array(chunks.flatMap((c) => [...c]));
        expect(await readCapped(streamOf(chunks), whole.byteLength)).toEqual(whole);
      }),
    );
  });
});

describe("readPrefix", () => {
  it("reads a short answer whole", async () => {
    expect(await readPrefix(streamOf([chunk(3)]), 10)).toEqual({ bytes: chunk(3), complete: true });
    expect(await readPrefix(null, 10)).toEqual({ bytes: new Uint8Array(0), complete: true });
  });

  it("cuts a long answer at the cap and cancels the rest", async () => {
    let cancelled = false;
    const read = await readPrefix(
      streamOf([chunk(6), chunk(6), chunk(6)], () => (cancelled = true)),
      10,
    );
    expect(read).toEqual({ bytes: chunk(10), complete: false });
    expect(cancelled).toBe(true);
  });
});

describe("ByteCollector", () => {
  it("joins chunks and refuses the one that passes the cap", () => {
    const collector = new ByteCollector(5);
    collector.add(chunk(2));
    collector.add(chunk(3, 0x62));
    expect(collector.bytes()).toEqual(new Uint8Array([0x61, 0x61, 0x62, 0x62, 0x62]));
    expect(() => collector.add(chunk(1))).toThrow(BodyTooLargeError);
  });

  it("tells the error apart by its type, across copies of the package", () => {
    expect(isBodyTooLarge({ type: "BodyTooLargeError" })).toBe(true);
    expect(isBodyTooLarge(new Error("the body is larger"))).toBe(false);
    expect(isBodyTooLarge(null)).toBe(false);
  });
});
