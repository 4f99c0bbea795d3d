import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { apiKeys } from "@/db/schema";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { apiKeyRequest } from "@/lib/api/rate-limits";
import { createAccount } from "../fixtures/factories";
import { onPostgres, useTestDb } from "../fixtures/db";

// The one statement every keyed API request starts with: the key looked up and, if live,
// one request counted against this second's limit and its last use noted.
const h = useTestDb({ max: 10 });
const db = () => h().db;

async function accountKey() {
  const { account, members } = await createAccount(db(), ["owner"]);
  const { key, id } = await createApiKey(db(), { accountId: account.id, name: "provisioner", userId: members.owner.id });
  return { accountId: account.id, ownerId: members.owner.id, key, keyId: id };
}

describe("a keyed API request", () => {
  it("lets exactly the limit through within one second however many arrive at once, on as many connections", async () => {
    const a = await accountKey();
    vi.stubEnv("API_RATE_LIMIT_ACCOUNT", "5");
    try {
      const t = new Date("2026-11-20T10:00:05.400Z");
      const results = await Promise.all(Array.from({ length: 12 }, () => apiKeyRequest(db(), a.key, t)));
      expect(results.filter((r) => r?.allowed)).toHaveLength(5);
      expect(results.filter((r) => r && !r.allowed).map((r) => r && !r.allowed && [r.limit, r.retryAfterSeconds])).toEqual(Array.from({ length: 7 }, () => [5, 1]));
      expect(results.every((r) => r?.auth.keyId === a.keyId && r.auth.accountId === a.accountId && r.auth.kind === "account")).toBe(true);
      expect((await apiKeyRequest(db(), a.key, new Date("2026-11-20T10:00:06.000Z")))?.allowed).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses an unknown, malformed or revoked key at the next request, and counts nothing for it", async () => {
    const a = await accountKey();
    const t = new Date("2026-11-20T11:00:00.000Z");
    expect(await apiKeyRequest(db(), null, t)).toBeNull();
    expect(await apiKeyRequest(db(), "not-a-key", t)).toBeNull();
    expect(await apiKeyRequest(db(), `${a.key}x`, t)).toBeNull();
    expect((await apiKeyRequest(db(), a.key, t))?.allowed).toBe(true);
    await revokeApiKey(db(), { accountId: a.accountId, keyId: a.keyId, userId: a.ownerId });
    expect(await apiKeyRequest(db(), a.key, t)).toBeNull();
    const counts = await rowsOf(db(), sql`select count from rate_limits where key = ${`api:${a.keyId}`}`);
    expect(counts.map((r) => Number(r.count))).toEqual([1]);
  });

  it("notes the key's last use to the minute", async () => {
    const a = await accountKey();
    const lastUsed = async () => (await db().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, a.keyId)))[0]!.at?.toISOString();
    const t = new Date("2026-11-20T12:00:00.000Z");
    await apiKeyRequest(db(), a.key, t);
    expect(await lastUsed()).toBe(t.toISOString());
    await apiKeyRequest(db(), a.key, new Date(t.getTime() + 59_000));
    expect(await lastUsed()).toBe(t.toISOString());
    await apiKeyRequest(db(), a.key, new Date(t.getTime() + 61_000));
    expect(await lastUsed()).toBe(new Date(t.getTime() + 61_000).toISOString());
  });

  it("turns the WAL-flush wait off for its own count only: the connection's later transactions still wait for it", async () => {
    const a = await accountKey();
    const t = new Date("2026-11-20T13:00:00.000Z");
    // A pool of one connection on PostgreSQL, so the setting read afterwards is that of the connection the count used.
    const single = onPostgres() ? openDatabase({ url: process.env.DATABASE_URL, max: 1 }) : null;
    try {
      const conn = single?.db ?? db();
      expect((await apiKeyRequest(conn, a.key, t))?.allowed).toBe(true);
      const [setting] = await rowsOf(conn, sql`select current_setting('synchronous_commit') as s`);
      expect(setting!.s).toBe("on");
    } finally {
      await single?.close();
    }
  });
});
