import { inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits, signInLinkRequests, users, userSessions } from "@/db/schema";
import { resolveSession } from "@/lib/auth/session-store";
import { atTime } from "@/lib/clock";
import { pruneJob } from "@/lib/jobs/prune";
import { SCHEDULED_JOBS } from "@/lib/jobs/schedule";
import { useTestDb } from "../fixtures/db";

const h = useTestDb({ max: 2 });

// Long before any other test's rows: on PostgreSQL the files share one database, and a
// prune at this time deletes nothing they wrote.
const NOW = new Date("2001-01-10T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("the prune job", () => {
  it("runs hourly and deletes old rate-limit windows, ended sessions and stale link requests, keeping the fresh ones", async () => {
    const db = h().db;
    const tag = crypto.randomUUID().slice(0, 8);
    const job = SCHEDULED_JOBS.find((j) => j.name === "prune")!;
    expect(job.schedule).toBe("45 * * * *");

    await db.insert(rateLimits).values([
      { key: `old:${tag}`, windowStart: ago(25 * HOUR), count: 3 },
      { key: `fresh:${tag}`, windowStart: ago(15 * MIN), count: 1 },
      // An API key's one-second windows are kept a minute, not a day: a busy key makes 3,600 an hour.
      { key: `api:old:${tag}`, windowStart: ago(2 * MIN), count: 200 },
      { key: `api:fresh:${tag}`, windowStart: ago(MIN / 2), count: 12 },
    ]);
    const [user] = await db.insert(users).values({ email: `prune-${tag}@prune.example`, name: "Pat Prune" }).returning();
    const session = (s: { lastSeenAt: Date; revokedAt?: Date }) => ({ userId: user!.id, createdAt: ago(3 * 24 * HOUR), lastSeenAt: s.lastSeenAt, revokedAt: s.revokedAt ?? null });
    const sessions = await db
      .insert(userSessions)
      .values([
        session({ lastSeenAt: ago(30 * HOUR), revokedAt: ago(25 * HOUR) }), // signed out over a day ago: goes
        session({ lastSeenAt: ago(2 * HOUR), revokedAt: ago(HOUR) }), // signed out an hour ago: stays a day
        session({ lastSeenAt: ago(33 * HOUR) }), // idle past its 8 hours over a day ago: goes
        session({ lastSeenAt: ago(10 * MIN) }), // live: stays
      ])
      .returning({ id: userSessions.id });
    await db.insert(signInLinkRequests).values([
      { email: `stale-${tag}@prune.example`, requestedAt: ago(16 * MIN) },
      { email: `queued-${tag}@prune.example`, requestedAt: ago(MIN) },
    ]);

    await atTime(NOW, () => job.run(db, NOW));

    const keys = await db.select({ key: rateLimits.key }).from(rateLimits).where(like(rateLimits.key, `%:${tag}`));
    expect(keys.map((r) => r.key).sort()).toEqual([`api:fresh:${tag}`, `fresh:${tag}`]);
    const left = await db.select({ id: userSessions.id }).from(userSessions).where(inArray(userSessions.id, sessions.map((s) => s.id)));
    expect(left.map((r) => r.id).sort()).toEqual([sessions[1]!.id, sessions[3]!.id].sort());
    expect(await resolveSession(db, { userId: user!.id, sessionId: sessions[3]!.id, now: NOW })).toMatchObject({ sessionId: sessions[3]!.id });
    const requests = await db.select({ email: signInLinkRequests.email }).from(signInLinkRequests).where(like(signInLinkRequests.email, `%-${tag}@prune.example`));
    expect(requests.map((r) => r.email)).toEqual([`queued-${tag}@prune.example`]);

    // A second run finds nothing more to delete.
    expect(await pruneJob(db, { now: NOW })).toEqual({ rateLimits: 0, sessions: 0, linkRequests: 0 });
  });

  it("deletes a bounded number of rows per run and leaves the rest to the next", async () => {
    const db = h().db;
    const tag = crypto.randomUUID().slice(0, 8);
    await db.insert(rateLimits).values(Array.from({ length: 5 }, (_, i) => ({ key: `backlog-${i}:${tag}`, windowStart: ago(48 * HOUR), count: 1 })));
    const mine = async () => (await db.select({ key: rateLimits.key }).from(rateLimits).where(like(rateLimits.key, `%:${tag}`))).length;

    expect((await pruneJob(db, { now: NOW, limits: { chunk: 2, maxChunks: 2 } })).rateLimits).toBe(4);
    expect(await mine()).toBe(1);
    expect((await pruneJob(db, { now: NOW, limits: { chunk: 2, maxChunks: 2 } })).rateLimits).toBe(1);
    expect(await mine()).toBe(0);
  });
});
