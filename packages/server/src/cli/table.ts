// Plain-text tables for the terminal: columns padded to their widest cell.

/** The rows under `headers`, each column as wide as its widest cell, two spaces apart. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join("\n")}\n`;
}

/** A gateway time (`2026-11-27T10:50:44.123+08:00`) shorter: `2026-11-27 10:50:44+08:00`. */
export function shortTime(time: string | null | undefined): string {
  if (!time) return "-";
  return time.replace("T", " ").replace(/\.\d{3}/, "");
}
