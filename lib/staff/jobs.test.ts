import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findJob, nextRun, RUNNABLE_JOBS, SCHEDULED_JOBS } from "./jobs";

const root = path.resolve(import.meta.dirname, "../..");
const patterns = (file: string) => [...readFileSync(path.join(root, file), "utf8").matchAll(/new Cron\("([^"]+)"/g)].map((m) => m[1]).sort();

describe("the Runs page's job list", () => {
  it("has the same schedules as the app server and the worker start", () => {
    const ours = SCHEDULED_JOBS.map((j) => j.schedule).sort();
    expect(patterns("lib/server/start.ts")).toEqual(ours);
    expect(patterns("lib/cli/worker.ts")).toEqual(ours);
  });

  it("offers run-now only for the period-keyed jobs, and computes the next run from the pattern", () => {
    expect(RUNNABLE_JOBS).toEqual(["billing-cycle", "overdue", "voucher-expiry", "subscriptions", "invoices", "low-funds-alerts"]);
    expect(nextRun(findJob("billing-cycle")!, new Date("2026-03-01T10:06:00Z"))).toEqual(new Date("2026-03-01T11:05:00Z"));
    expect(nextRun(findJob("overdue")!, new Date("2026-03-01T10:06:00Z"))).toEqual(new Date("2026-03-01T10:10:00Z"));
  });
});
