import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { jobHeartbeatsByName } from "@/db/queries/staff-console";
import { jobHeartbeats } from "@/db/schema";
import { runTick, type ScheduledJob } from "@/lib/jobs/schedule";
import { useTestDb } from "../fixtures/db";

const h = useTestDb({ max: 2 });

describe("job heartbeats", () => {
  it("every tick records its outcome: the last run, and a failure's time, message and count survive later good ticks", async () => {
    const db = h().db;
    const name = `test-job-${crypto.randomUUID().slice(0, 8)}`;
    let fail = false;
    const run = async () => {
      if (fail) throw new Error("provider unreachable");
    };
    const job: ScheduledJob = { name, schedule: "* * * * *", description: "test", periodKeyed: false, run };
    const row = async () => (await db.select().from(jobHeartbeats).where(eq(jobHeartbeats.job, name)))[0];

    await runTick(db, job, new Date());
    expect(await row()).toMatchObject({ lastStatus: "succeeded", failures: 0, lastError: null, lastFailedAt: null });

    fail = true;
    vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(runTick(db, job, new Date())).rejects.toThrow("provider unreachable");
    await expect(runTick(db, job, new Date())).rejects.toThrow("provider unreachable");
    const failed = await row();
    expect(failed).toMatchObject({ lastStatus: "failed", failures: 2, lastError: "provider unreachable" });

    fail = false;
    await runTick(db, job, new Date());
    const after = await row();
    expect(after).toMatchObject({ lastStatus: "succeeded", failures: 2, lastError: "provider unreachable" });
    expect(after!.lastFailedAt).toEqual(failed!.lastFailedAt);
    expect(after!.lastStartedAt.getTime()).toBeGreaterThanOrEqual(failed!.lastStartedAt.getTime());
    // What the Runs page reads.
    expect((await jobHeartbeatsByName(db)).get(name)).toEqual(after);
  });
});
