import { describe, expect, it } from "vitest";
import { ACK, isAcknowledgement } from "./ack.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("the acknowledgement", () => {
  it('is exactly {"code":"OK"}, and counts as one', () => {
    expect(ACK).toBe('{"code":"OK"}');
    expect(isAcknowledgement(ACK)).toBe(true);
    expect(isAcknowledgement(bytes(ACK))).toBe(true);
  });

  it.each([
    [' {"code" : "OK"}\n', true],
    ['\uFEFF{"code":"OK"}', true],
    ['{"code":"ok"}', false],
    ['{"code":"OK","errorMessage":null}', false],
    ['{"code":"FAIL","code":"OK"}', false],
    ['{"code":"FAIL"}', false],
    ['[{"code":"OK"}]', false],
    ['"OK"', false],
    ["OK", false],
    ["", false],
    ['{"code":"OK"}x', false],
  ])("judges %j as %s, as text and as bytes", (text, expected) => {
    expect(isAcknowledgement(text)).toBe(expected);
    expect(isAcknowledgement(bytes(text))).toBe(expected);
  });

  it("refuses invalid UTF-8", () => {
    expect(isAcknowledgement(new Uint8Array([...bytes('{"code":"OK"'), 0xff, 0x7d]))).toBe(false);
  });
});
