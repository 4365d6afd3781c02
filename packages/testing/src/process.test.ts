import { describe, expect, it } from "vitest";
import { runProcess, startProcess } from "./process.js";

const script = (code: string) => ["--input-type=module", "-e", code];
const ticker = script('console.log("ready on 4242"); setInterval(() => {}, 1000);');
const quitter = script('console.error("no config"); process.exit(3);');
const echo = script(
  'process.stdin.on("data", (d) => process.stdout.write(d));' +
    'process.stdin.on("end", () => { console.error("done"); process.exit(2); });',
);

describe("startProcess", () => {
  it("resolves once the output matches, with the match, and stops the process", async () => {
    const running = await startProcess("ticker", ticker, /ready on (\d+)/);
    expect(running.match[1]).toBe("4242");
    expect(running.output()).toContain("ready on 4242");
    await expect(running.stop()).resolves.toEqual({ code: null, signal: "SIGTERM" });
  });

  it("rejects with the output when the process exits before it is ready", async () => {
    await expect(startProcess("quitter", quitter, /ready/)).rejects.toThrow(
      /The quitter exited \(3\) before it was ready\. Output:\nno config/,
    );
  });
});

describe("runProcess", () => {
  it("feeds standard input and collects the exit status and both outputs", async () => {
    await expect(runProcess(echo, { input: "echo" })).resolves.toEqual({ status: 2, stdout: "echo", stderr: "done\n" });
  });
});
