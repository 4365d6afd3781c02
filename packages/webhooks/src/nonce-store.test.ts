import { describe, expect, it } from "vitest";
import { MemoryNonceStore } from "./index.js";

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe("MemoryNonceStore", () => {
  it("claims a key once, and refuses it again until it expires", () => {
    const c = clock();
    const store = new MemoryNonceStore({ now: c.now });
    expect(store.claim("a", 1000)).toBe(true);
    expect(store.claim("a", 1000)).toBe(false);
    expect(store.claim("b", 1000)).toBe(true);
    c.advance(999);
    expect(store.claim("a", 1000)).toBe(false);
    c.advance(1);
    expect(store.claim("a", 1000)).toBe(true);
    expect(store.claim("a", 1000)).toBe(false);
  });

  it("drops expired entries as it goes, so memory follows the window, not the history", () => {
    const c = clock();
    const store = new MemoryNonceStore({ now: c.now });
    for (let i = 0; i < 1000; i++) store.claim(`n${i}`, 100);
    expect(store.size).toBe(1000);
    c.advance(101);
    store.claim("fresh", 100);
    expect(store.size).toBe(1);
  });

  it("stays within maxEntries, forgetting the oldest first", () => {
    const store = new MemoryNonceStore({ maxEntries: 3, now: clock().now });
    for (const key of ["a", "b", "c", "d"]) expect(store.claim(key, 60_000)).toBe(true);
    expect(store.size).toBe(3);
    expect(store.claim("a", 60_000)).toBe(true); // forgotten, so new again
    expect(store.claim("d", 60_000)).toBe(false);
  });

  it("re-inserts a re-claimed expired key at the back", () => {
    const c = clock();
    const store = new MemoryNonceStore({ maxEntries: 2, now: c.now });
    store.claim("long", 10_000);
    store.claim("short", 10);
    c.advance(20);
    // "short" has expired but sits behind an unexpired entry; claiming it again must work.
    expect(store.claim("short", 10_000)).toBe(true);
    expect(store.claim("short", 10_000)).toBe(false);
    expect(store.claim("long", 10_000)).toBe(false);
  });

  it("clear() forgets everything", () => {
    const store = new MemoryNonceStore();
    store.claim("a", 1000);
    store.clear();
    expect(store.claim("a", 1000)).toBe(true);
  });

  it("refuses a useless maxEntries", () => {
    expect(() => new MemoryNonceStore({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new MemoryNonceStore({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});
