import { describe, expect, it } from "vitest";
import { hit } from "@/lib/rate-limit";
import { useTestDb } from "../fixtures/db";

const db = useTestDb({ max: 10 });

describe("rate limit", () => {
  it("allows exactly the limit within a window, across concurrent callers", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const now = new Date("2026-03-01T10:00:05Z");
    const results = await Promise.all(Array.from({ length: 12 }, () => hit(db().db, key, { limit: 5, windowSeconds: 60, now })));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.every((r) => r.allowed || r.retryAfterSeconds === 55)).toBe(true);
  });

  it("opens again in the next window", async () => {
    const key = `test:${crypto.randomUUID()}`;
    for (let i = 0; i < 3; i++) await hit(db().db, key, { limit: 3, windowSeconds: 60, now: new Date("2026-03-01T10:00:59Z") });
    expect((await hit(db().db, key, { limit: 3, windowSeconds: 60, now: new Date("2026-03-01T10:00:59.999Z") })).allowed).toBe(false);
    expect((await hit(db().db, key, { limit: 3, windowSeconds: 60, now: new Date("2026-03-01T10:01:00Z") })).allowed).toBe(true);
  });
});
