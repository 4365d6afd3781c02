// The README is the integration guide, and its code blocks are quotes from the app. This keeps
// them quotes: every TypeScript block must name its file (a "From [`file`](file):" line earlier
// in the same section) and appear in that file line for line, shifted by one indentation at most
// (a guide reads better without a function body's indentation).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const app = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(`${app}README.md`, "utf8");

interface Excerpt {
  readonly file: string;
  readonly code: string[];
  readonly line: number;
}

/** Every ```ts block of the README, with the file it says it quotes. */
function excerpts(markdown: string): Excerpt[] {
  const found: Excerpt[] = [];
  const lines = markdown.split("\n");
  let file: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("## ")) file = undefined;
    const from = /^From \[`([^`]+)`\]\(([^)]+)\):$/.exec(line);
    if (from) {
      expect(from[2], `the link on README line ${i + 1} points at the file it names`).toBe(from[1]);
      file = from[1];
    }
    if (line !== "```ts") continue;
    const start = i + 1;
    let end = start;
    while (lines[end] !== "```") end++;
    if (!file)
      throw new Error(
        `The TypeScript block on README line ${i + 1} names no file: ` +
          `put a "From [\`src/….ts\`](src/….ts):" line before it.`,
      );
    found.push({ file, code: lines.slice(start, end), line: i + 1 });
    i = end;
  }
  return found;
}

/** Whether `code` appears in `source` as consecutive lines, all with the same extra indentation. */
function quotes(source: string, code: readonly string[]): boolean {
  const lines = source.split("\n");
  const first = code[0]!;
  for (let at = 0; at + code.length <= lines.length; at++) {
    const candidate = lines[at]!;
    if (!candidate.endsWith(first)) continue;
    const indent = candidate.slice(0, candidate.length - first.length);
    if (indent.trim() !== "") continue;
    if (code.every((line, k) => lines[at + k] === (line === "" ? "" : indent + line))) return true;
  }
  return false;
}

const blocks = excerpts(readme);

describe("the README's code", () => {
  it("has an excerpt for each step of the integration", () => {
    const files = new Set(blocks.map((block) => block.file));
    for (const file of [
      "src/gateway.ts",
      "src/config.ts",
      "src/routes/pay.ts",
      "src/routes/return.ts",
      "src/routes/notify.ts",
      "src/notifications.ts",
      "src/orders.ts",
      "src/routes/refund.ts",
      "src/routes/payout.ts",
      "src/routes/orders.ts",
    ]) {
      expect(files, `the README quotes ${file}`).toContain(file);
    }
  });

  it.each(blocks.map((block) => [`${block.file} (README line ${block.line})`, block] as const))(
    "quotes %s verbatim",
    (_, block) => {
      const source = readFileSync(`${app}${block.file}`, "utf8");
      expect(
        quotes(source, block.code),
        `The block on README line ${block.line} no longer matches ${block.file}: ` +
          "copy the current code into the README.",
      ).toBe(true);
    },
  );
});
