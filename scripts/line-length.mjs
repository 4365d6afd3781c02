// Fails when a line of code is longer than the formatter's width. The formatter breaks code, but it
// leaves a long string, comment or template alone; this check keeps those within 120 columns too.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const LIMIT = 120;
const CODE = /\.(?:[cm]?[jt]s|tsx)$/;

const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
  encoding: "utf8",
})
  .split("\0")
  .filter((file) => CODE.test(file) && !file.includes("/src/generated/"));

const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split("\n").forEach((line, index) => {
    if ([...line].length > LIMIT) long.push(`${file}:${index + 1}: ${[...line].length} characters`);
  });
}

if (long.length > 0) {
  console.error(long.join("\n"));
  console.error(
    `✖ ${long.length} line(s) are longer than ${LIMIT} characters; split them (a long string can be joined with +).`,
  );
  process.exit(1);
}
