import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { SCHEDULED_JOBS, startScheduledJobs } from "./schedule";
import { findJob, nextRun, RUNNABLE_JOBS } from "./runs";

describe("the scheduled jobs", () => {
  it("are one list: the server and the worker start exactly the jobs the Runs page shows, each on its pattern", () => {
    const names = SCHEDULED_JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    const started = startScheduledJobs({} as Db);
    try {
      expect(started.map((c) => c.getPattern())).toEqual(SCHEDULED_JOBS.map((j) => j.schedule));
      expect(started.every((c) => c.isRunning())).toBe(true);
    } finally {
      started.forEach((c) => c.stop());
    }
  });

  it("offers run-now only for the period-keyed jobs, and computes the next run from the pattern", () => {
    expect(RUNNABLE_JOBS).toEqual(["billing-cycle", "overdue", "voucher-expiry", "subscriptions", "invoices", "low-funds-alerts", "budgets"]);
    expect(nextRun(findJob("budgets")!, new Date("2026-03-01T10:06:00Z"))).toEqual(new Date("2026-03-01T10:50:00Z"));
    expect(nextRun(findJob("billing-cycle")!, new Date("2026-03-01T10:06:00Z"))).toEqual(new Date("2026-03-01T11:05:00Z"));
    expect(nextRun(findJob("overdue")!, new Date("2026-03-01T10:06:00Z"))).toEqual(new Date("2026-03-01T10:10:00Z"));
    expect(nextRun(findJob("email-delivery")!, new Date("2026-03-01T10:06:01Z"))).toEqual(new Date("2026-03-01T10:06:10Z"));
  });
});
