import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scopedJob } from "./job-runs";

describe("a run scoped to some accounts", () => {
  it("is named by its set of accounts in a short key, whatever the size or order of the set", () => {
    const fleet = Array.from({ length: 2500 }, () => randomUUID());
    const name = scopedJob("overdue", fleet);
    // job_runs keys it with a btree index: a row over 8 kB is refused by PostgreSQL.
    expect(name.length).toBeLessThan(100);
    expect(scopedJob("overdue", [...fleet].reverse())).toBe(name);
    expect(scopedJob("overdue", fleet.slice(1))).not.toBe(name);
    expect(scopedJob("invoices", fleet)).not.toBe(name);
    expect(scopedJob("overdue")).toBe("overdue");
  });
});
