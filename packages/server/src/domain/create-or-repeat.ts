// Creating an object once per natural key (merchantTradeNo, merchantRefundNo): the first request
// creates it, a repeat with the same content gets the same object brought up to date, and a
// repeat with other content is refused. Gateway instances sharing a database can race on one
// key; the loser answers as a repeat of the winner, so a retry never creates a second object.

import type { GatewayError } from "./errors.js";
import { requestHash } from "./idempotency.js";

/** An object created on a natural key, stamped with the {@link requestHash} of its request. */
export interface Idempotent {
  readonly requestHash: string;
}

/** How one kind of object is looked up, answered on a repeat, and created. */
export interface CreateOrRepeatSteps<T extends Idempotent> {
  /** The object and its key, for the message of a broken store: `payment ORD-1`. */
  readonly label: string;
  /** The object created before with the request's natural key, if any. */
  readonly find: () => Promise<T | null>;
  /** A repeat's answer: the object brought up to date. */
  readonly catchUp: (existing: T) => Promise<T>;
  /** The refusal of a repeat with other content, saying what to do instead. */
  readonly differentContent: (existing: T) => GatewayError;
  /**
   * Creates the object stamped with `hash`. Resolves null when its insert wrote nothing because a
   * concurrent create with the same key won; it undoes its own writes first. When a reservation
   * fails it can ask `repeatOfWinner` whether a concurrent create took what it wanted.
   */
  readonly create: (hash: string, repeatOfWinner: () => Promise<T | null>) => Promise<T | null>;
}

/**
 * Answers a create request idempotently: the object created before with the same key and
 * content, brought up to date; else a new one. Throws `differentContent` for the same key with
 * other content, and whatever `create` throws.
 */
export async function createOrRepeat<T extends Idempotent>(
  request: unknown,
  steps: CreateOrRepeatSteps<T>,
): Promise<T> {
  const hash = requestHash(request);
  const repeat = async (existing: T): Promise<T> => {
    if (existing.requestHash !== hash) throw steps.differentContent(existing);
    return steps.catchUp(existing);
  };
  // Looked up again after a lost race: the winner has committed by then.
  const repeatOfWinner = async (): Promise<T | null> => {
    const winner = await steps.find();
    return winner && repeat(winner);
  };

  const existing = await steps.find();
  if (existing) return repeat(existing);
  const created = await steps.create(hash, repeatOfWinner);
  if (created) return created;
  const winner = await repeatOfWinner();
  if (!winner) throw new Error(`${steps.label} conflicted on insert but cannot be read back`);
  return winner;
}
