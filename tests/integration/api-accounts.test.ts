import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { accounts, auditLog } from "@/db/schema";
import { createPlatformKey } from "@/lib/api/keys";
import { atTime } from "@/lib/clock";
import { apiRequest } from "../fixtures/api";
import { useTestDb } from "../fixtures/db";
import { createUser } from "../fixtures/factories";
import { checkedModule } from "./api-contract";

// Every answer is checked against the OpenAPI document (tests/integration/api-contract.ts).
const list = checkedModule(await import("@/app/api/v1/accounts/route"));
const one = checkedModule(await import("@/app/api/v1/accounts/[accountId]/route"));

const h = useTestDb({ max: 12 });
const db = () => h().db;
const T0 = new Date("2026-11-20T10:00:00.000Z");
const noParams = { params: undefined as unknown as Promise<Record<string, string>> };

async function platformKey() {
  const finance = await createUser(db(), { staffRole: "finance" });
  return (await createPlatformKey(db(), { name: "control plane", userId: finance.id })).key;
}

const signUp = (key: string, body: Record<string, unknown>) => list.POST(apiRequest("/accounts", { method: "POST", key, body }), noParams);

describe("POST /api/v1/accounts under load", () => {
  it("10 racing sign-ups with one externalId make one account: one 201, the rest 200 with the same account", async () => {
    const key = await platformKey();
    const externalId = `cus_race_${crypto.randomUUID()}`;
    const body = { name: "Racing Ltd", ownerEmail: "owner@racing.example", locale: "en", externalId };
    const answers = await Promise.all(Array.from({ length: 10 }, () => signUp(key, body)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { account: { id: string } }).account.id)));
    expect(ids.size).toBe(1);
    const rows = await db().select().from(accounts).where(eq(accounts.externalId, externalId));
    expect(rows).toHaveLength(1);
    expect(await db().select().from(auditLog).where(eq(auditLog.accountId, rows[0]!.id))).toHaveLength(1);
  });

  it("the list pages through accounts created in the same instant, each once, in creation order", async () => {
    // Pages of 2 through every account of a shared PostgreSQL database: this test is about paging, not the per-second limit.
    vi.stubEnv("API_RATE_LIMIT_PLATFORM", "1000000");
    const key = await platformKey();
    const tag = crypto.randomUUID().slice(0, 8);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await atTime(T0, () => signUp(key, { name: `Same instant ${i}`, ownerEmail: `o${i}-${tag}@same.example`, locale: "en", externalId: `cus_${tag}_${i}` }));
      expect(res.status).toBe(201);
      made.push(((await res.json()) as { account: { id: string } }).account.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/accounts?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await list.GET(apiRequest(query, { key }), noParams);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const mine = seen.filter((id) => made.includes(id));
    expect(mine).toEqual([...made].sort());
    expect(new Set(seen).size).toBe(seen.length);
    vi.unstubAllEnvs();
  });

  it("is rate limited as the other platform routes: over the limit 429 with Retry-After, nothing created", async () => {
    const key = await platformKey();
    vi.stubEnv("API_RATE_LIMIT_PLATFORM", "2");
    try {
      const t = new Date("2026-11-20T10:00:09.100Z");
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await atTime(t, () => one.GET(apiRequest(`/accounts/${crypto.randomUUID()}`, { key }), { params: Promise.resolve({ accountId: crypto.randomUUID() }) }))).status);
      expect(statuses).toEqual([404, 404, 429]);
      const externalId = `cus_${crypto.randomUUID()}`;
      const limited = await atTime(t, () => signUp(key, { name: "Too fast", ownerEmail: "fast@too.example", locale: "en", externalId }));
      expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
      expect(await db().select().from(accounts).where(eq(accounts.externalId, externalId))).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
