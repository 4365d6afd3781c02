// Money in integer minor units (bigint) from the amount strings of the contract and back, and the
// payout fee. Never a float anywhere.

import { fromMinorUnits, toMinorUnits } from "@gatekit/types";
import { parameterError } from "./errors.js";

/** The payout fee rate in basis points: 1%. */
export const PAYOUT_FEE_BASIS_POINTS = 100n;

/** An amount string that the schema already checked, as minor units, refusing zero. */
export function positiveAmount(field: string, amount: string): bigint {
  const minor = toMinorUnits(amount);
  if (minor <= 0n) throw parameterError(field, "must be more than 0.00");
  return minor;
}

/**
 * The fee of a payout (`totalFee`): 1% of the amount, rounded half up to the minor unit, so
 * 250.00 costs 2.50 and 0.50 costs 0.01. Frozen with the amount when the payout is created,
 * debited when it is paid, released (and reported as 0.00) when it fails.
 */
export function payoutFee(amount: bigint): bigint {
  return (amount * PAYOUT_FEE_BASIS_POINTS + 5_000n) / 10_000n;
}

/** Minor units as an amount string, such as `"100.05"`. */
export function formatAmount(minor: bigint): string {
  return fromMinorUnits(minor);
}
