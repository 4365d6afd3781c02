import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { listen, originOf } from "./serve.js";

describe("originOf", () => {
  it.each([
    ["http", "127.0.0.1", 8080, "http://127.0.0.1:8080"],
    ["http", "0.0.0.0", 8080, "http://127.0.0.1:8080"],
    ["https", "0.0.0.0", 8443, "https://localhost:8443"],
    ["http", "::", 80, "http://[::1]:80"],
    ["http", "::1", 80, "http://[::1]:80"],
    ["http", "localhost", 3000, "http://localhost:3000"],
  ] as const)("shows %s on %s:%i as %s", (scheme, host, port, origin) => {
    expect(originOf(scheme, host, port)).toBe(origin);
  });
});

describe("listen", () => {
  it("lets a request in flight finish on close, then stops accepting", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
    const server = await listen({
      port: 0,
      host: "127.0.0.1",
      fetch: async (req) => {
        if (new URL(req.url).pathname === "/slow") {
          arrived();
          await released;
        }
        return new Response("done");
      },
    });
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    // A keep-alive connection left idle must not hold close() open.
    expect(await (await fetch(`${server.origin}/fast`)).text()).toBe("done");

    const slow = fetch(`${server.origin}/slow`).then((response) => response.text());
    await hasArrived;
    const closed = server.close(5000);
    release();
    expect(await slow).toBe("done");
    await closed;
    await expect(
      new Promise((resolve, reject) =>
        request(`${server.origin}/fast`).on("error", reject).on("response", resolve).end(),
      ),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("rejects with the listen error when the port is taken", async () => {
    const first = await listen({ port: 0, host: "127.0.0.1", fetch: () => new Response("") });
    try {
      await expect(
        listen({ port: first.port, host: "127.0.0.1", fetch: () => new Response("") }),
      ).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await first.close();
    }
  });
});
