// Durations on the command line, as people write them: `90s`, `2h`, `1d`, `1h30m`, `250ms`.

const UNITS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const ORDER = ["d", "h", "m", "s", "ms"];
const PART = /(\d+)(ms|d|h|m|s)/y;

/**
 * Milliseconds of a duration such as `1h30m`: whole numbers each followed by a unit (d, h, m, s,
 * ms), largest unit first, each unit at most once. Returns a reason instead for anything else.
 */
export function parseDuration(text: string): number | { readonly problem: string } {
  const problem =
    `"${text}" is not a duration: write whole numbers with units, largest first, ` + "such as 90s, 2h, 1d or 1h30m";
  if (text === "") return { problem };
  let total = 0;
  let last = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return { problem };
    const rank = ORDER.indexOf(match[2]!);
    if (rank <= last) return { problem };
    last = rank;
    total += Number(match[1]) * UNITS[match[2]!]!;
  }
  if (!Number.isSafeInteger(total)) return { problem };
  return total;
}

/** A duration in the form {@link parseDuration} reads, such as `1h30m` (`0s` for zero). */
export function formatDuration(ms: number): string {
  let rest = ms;
  let text = "";
  for (const unit of ORDER) {
    const size = UNITS[unit]!;
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text === "" ? "0s" : text;
}
