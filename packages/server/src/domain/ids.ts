// Gateway ids: a prefix, the creation time as yyyyMMddHHmmss in the gateway's +08:00 zone (so
// ids sort by time and read like the contract's examples), a per-process sequence (unique within
// the process whatever the request rate) and random digits (unique across restarts and instances).
// `PAY` + 14 + 6 + 4 digits is 27 characters, within the contract's 32.

import { randomBytes, randomInt } from "node:crypto";

/** The prefixes of the gateway's ids. */
export type IdPrefix = "PAY" | "RF" | "PO" | "NTF";

const OFFSET_MS = 8 * 60 * 60 * 1000;
let sequence = randomInt(1_000_000);
let stampSecond = -1;
let stamp = "";

/** A new id such as `PAY20261127105044000123` + 4 random digits. */
export function newId(prefix: IdPrefix, now: number): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${prefix}${timeDigits(now)}${pad(sequence, 6)}${pad(randomInt(10_000), 4)}`;
}

/** A fresh secret token (hex), such as the checkout token or a generated appSecret. */
export function newToken(bytes = 16): string {
  return randomBytes(bytes).toString("hex");
}

/** A channel reference number (`rrn`): 12 digits. */
export function newRrn(): string {
  return `${randomInt(100_000, 1_000_000)}${pad(randomInt(1_000_000), 6)}`;
}

// Formatting a date costs more than the rest of the id; ids made within one second share it.
function timeDigits(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    const local = new Date(second * 1000 + OFFSET_MS);
    stamp =
      pad(local.getUTCFullYear(), 4) +
      pad(local.getUTCMonth() + 1, 2) +
      pad(local.getUTCDate(), 2) +
      pad(local.getUTCHours(), 2) +
      pad(local.getUTCMinutes(), 2) +
      pad(local.getUTCSeconds(), 2);
    stampSecond = second;
  }
  return stamp;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
