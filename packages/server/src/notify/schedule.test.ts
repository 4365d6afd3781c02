import { describe, expect, it } from "vitest";
import type { AttemptOutcome } from "../storage/notifications.js";
import { DEFAULT_RETRY_DELAYS_MS, DEFAULT_RETRY_DELAYS_SECONDS, checkRetryDelays, nextState } from "./schedule.js";

const NOW = 1_800_000_000_000;

describe("nextState", () => {
  it("uses the documented default schedule of 15 s, 1 min, 5 min, 15 min, 1 h, 2 h and 6 h", () => {
    expect(DEFAULT_RETRY_DELAYS_SECONDS).toEqual([15, 60, 300, 900, 3600, 7200, 21600]);
    expect(DEFAULT_RETRY_DELAYS_MS).toEqual([15_000, 60_000, 300_000, 900_000, 3_600_000, 7_200_000, 21_600_000]);
  });

  const failedOutcomes: AttemptOutcome[] = ["bad_status", "bad_body", "timeout", "connection_error"];
  const table: Array<{ attempt: number; outcome: AttemptOutcome; status: string; after: number | null }> = [
    { attempt: 1, outcome: "acknowledged", status: "delivered", after: 0 },
    { attempt: 8, outcome: "acknowledged", status: "delivered", after: 0 },
    { attempt: 12, outcome: "acknowledged", status: "delivered", after: 0 },
    ...failedOutcomes.map((outcome) => ({ attempt: 1, outcome, status: "pending", after: 15_000 })),
    { attempt: 2, outcome: "bad_status", status: "pending", after: 60_000 },
    { attempt: 3, outcome: "bad_status", status: "pending", after: 300_000 },
    { attempt: 4, outcome: "timeout", status: "pending", after: 900_000 },
    { attempt: 5, outcome: "timeout", status: "pending", after: 3_600_000 },
    { attempt: 6, outcome: "bad_body", status: "pending", after: 7_200_000 },
    { attempt: 7, outcome: "connection_error", status: "pending", after: 21_600_000 },
    ...failedOutcomes.map((outcome) => ({ attempt: 8, outcome, status: "failed", after: 0 })),
    { attempt: 9, outcome: "bad_status", status: "failed", after: 0 },
  ];

  it.each(table)(
    "after attempt $attempt ending $outcome the notification is $status",
    ({ attempt, outcome, status, after }) => {
      const next = nextState({ attempt, outcome, now: NOW, retryDelaysMs: DEFAULT_RETRY_DELAYS_MS });
      expect(next.status).toBe(status);
      expect(next.nextAttemptAt).toBe(NOW + (after ?? 0));
      expect(next.deliveredAt).toBe(status === "delivered" ? NOW : null);
    },
  );

  it("allows 1 + retries attempts in all for any schedule", () => {
    const retryDelaysMs = [1000, 1000, 1000];
    const statuses = [1, 2, 3, 4].map(
      (attempt) => nextState({ attempt, outcome: "bad_status", now: NOW, retryDelaysMs }).status,
    );
    expect(statuses).toEqual(["pending", "pending", "pending", "failed"]);
  });

  it("fails after the first attempt when the schedule has no retries", () => {
    expect(nextState({ attempt: 1, outcome: "timeout", now: NOW, retryDelaysMs: [] }).status).toBe("failed");
  });

  it("refuses an attempt number below 1", () => {
    expect(() => nextState({ attempt: 0, outcome: "timeout", now: NOW, retryDelaysMs: [] })).toThrow(RangeError);
  });
});

describe("checkRetryDelays", () => {
  it("accepts whole non-negative milliseconds", () => {
    expect(checkRetryDelays([0, 1, 1000])).toEqual([0, 1, 1000]);
  });

  it.each([[[-1]], [[1.5]], [[Number.NaN]], [[Number.POSITIVE_INFINITY]]])(
    "refuses %j and says which entry is wrong",
    (delays) => {
      expect(() => checkRetryDelays(delays)).toThrow(/retry delay 1/);
    },
  );
});
