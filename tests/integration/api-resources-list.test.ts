import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/rows";
import { type ApiSchemas, createBillingClient } from "@/lib/api/client";
import { encodeCursor } from "@/lib/api/cursor";
import { createApiKey, createPlatformKey } from "@/lib/api/keys";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";
import { routeFetch } from "./api-routes";

const h = useTestDb();
const db = () => h().db;
// Every resource of the bulk insert is created within this one millisecond: 4 distinct microseconds, many rows on each.
const T0 = "2031-03-01T00:00:00.123000Z";
const BULK = 230;
const client = (key: string) => createBillingClient("http://localhost", key, { fetch: routeFetch });

/** An account with `BULK` resources written by one SQL statement in the same millisecond; every fifth one stopped. */
async function bulkAccount() {
  const { account, members } = await createAccount(db(), ["owner"]);
  await db().execute(sql`insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key, created_at)
    select ${account.id}::uuid, 'test.hourly', 'vm-' || i, 1, (case when i % 5 = 0 then 'stopped' else 'running' end)::resource_status, 'payg_hourly', 60000,
      ${T0}::timestamptz, ${T0}::timestamptz, 'bulk-' || i, ${T0}::timestamptz + (i % 4) * interval '1 microsecond'
    from generate_series(1, ${BULK}::int) i`);
  const { key } = await createApiKey(db(), { accountId: account.id, name: "provisioner", userId: members.owner.id });
  return { accountId: account.id, key, api: client(key) };
}

/** The account's resource ids in the order the list promises: (created_at, id), as the database compares them. */
async function idsInOrder(accountId: string, where = sql``): Promise<string[]> {
  return (await rowsOf(db(), sql`select id from resources where account_id = ${accountId} ${where} order by created_at, id`)).map((r) => String(r.id));
}

/** Reads the list page by page with `limit`, until nextCursor is null. */
async function readAll(api: ReturnType<typeof client>, limit: number, status?: ApiSchemas["Resource"]["status"][]) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const res = await api.GET("/resources", { params: { query: { limit, cursor, status } } });
    expect(res.response.status).toBe(200);
    ids.push(...res.data!.data.map((r) => r.id));
    pages++;
    if (!res.data!.nextCursor) return { ids, pages };
    cursor = res.data!.nextCursor;
  }
}

describe("GET /api/v1/resources pages with a cursor", () => {
  beforeAll(async () => {
    await ensureCatalogue(db());
    // Dozens of pages in a second: the per-key limit is not what this file tests.
    vi.stubEnv("API_RATE_LIMIT_ACCOUNT", "100000");
    vi.stubEnv("API_RATE_LIMIT_PLATFORM", "100000");
  });
  afterAll(() => vi.unstubAllEnvs());

  it("lists resources created within one millisecond each exactly once, in creation order, however the pages are cut", async () => {
    const { accountId, api } = await bulkAccount();
    const [ms] = await rowsOf(db(), sql`select count(distinct date_trunc('milliseconds', created_at))::int ms, count(distinct created_at)::int us from resources where account_id = ${accountId}`);
    expect([ms!.ms, ms!.us]).toEqual([1, 4]);
    const expected = await idsInOrder(accountId);
    expect(expected).toHaveLength(BULK);
    for (const limit of [7, 50, 100]) {
      const { ids, pages } = await readAll(api, limit);
      expect(ids, `limit ${limit}`).toEqual(expected);
      expect(pages).toBe(Math.ceil(BULK / limit));
    }
    // Without a limit a page holds 50.
    const first = await api.GET("/resources");
    expect(first.data?.data).toHaveLength(50);
    expect(first.data?.nextCursor).toEqual(expect.any(String));
  });

  it("a resource created while a client pages comes after every other, once; the status filter pages only those statuses", async () => {
    const { accountId, api } = await bulkAccount();
    const page1 = await api.GET("/resources", { params: { query: { limit: 100 } } });
    await db().execute(sql`insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key, created_at)
      values (${accountId}, 'test.hourly', 'late', 1, 'running', 'payg_hourly', 60000, ${T0}::timestamptz, ${T0}::timestamptz, 'late', ${T0}::timestamptz + interval '1 microsecond' * 10)`);
    const rest: { id: string; name: string }[] = [];
    for (let cursor = page1.data!.nextCursor; cursor; ) {
      const res = await api.GET("/resources", { params: { query: { limit: 100, cursor } } });
      rest.push(...res.data!.data);
      cursor = res.data!.nextCursor;
    }
    const all = [...page1.data!.data.map((r) => r.id), ...rest.map((r) => r.id)];
    expect(all).toEqual(await idsInOrder(accountId));
    expect(rest.at(-1)?.name).toBe("late");
    expect(new Set(all).size).toBe(BULK + 1);

    const stopped = await readAll(api, 9, ["stopped"]);
    expect(stopped.ids).toEqual(await idsInOrder(accountId, sql`and status = 'stopped'`));
    expect(stopped.ids).toHaveLength(BULK / 5);
    const both = await api.GET("/resources", { params: { query: { status: ["running", "stopped"], limit: 100 } } });
    expect(both.data?.data.every((r) => r.status === "running" || r.status === "stopped")).toBe(true);
    expect((await api.GET("/resources", { params: { query: { status: ["released"] } } })).data).toEqual({ data: [], nextCursor: null });
  });

  it("a platform key pages one account's resources under /accounts/{accountId} the same way", async () => {
    const { accountId } = await bulkAccount();
    const staff = await createUser(db(), { staffRole: "finance" });
    const platform = client((await createPlatformKey(db(), { name: "control plane", userId: staff.id })).key);
    const ids: string[] = [];
    for (let cursor: string | undefined; ; ) {
      const res = await platform.GET("/accounts/{accountId}/resources", { params: { path: { accountId }, query: { limit: 64, cursor } } });
      ids.push(...res.data!.data.map((r) => r.id));
      if (!res.data!.nextCursor) break;
      cursor = res.data!.nextCursor;
    }
    expect(ids).toEqual(await idsInOrder(accountId));
  });

  it("a bad status, limit or cursor is a 400 that names it, and a cursor of another list or in milliseconds is refused", async () => {
    const { api } = await bulkAccount();
    const id = crypto.randomUUID();
    for (const [query, field] of [
      [{ status: ["exploded"] }, "status"],
      [{ limit: 0 }, "limit"],
      [{ limit: 101 }, "limit"],
      [{ cursor: "not-a-cursor!" }, "cursor"],
      // The usage list's cursor, and this list's position with a millisecond time.
      [{ cursor: encodeCursor({ t: "2031-03-01T00:00:00.123Z", id }) }, "cursor"],
      [{ cursor: encodeCursor({ created: "2031-03-01T00:00:00.123Z", id }) }, "cursor"],
    ] as const) {
      const res = await api.GET("/resources", { params: { query: query as never } });
      expect(res.response.status, JSON.stringify(query)).toBe(400);
      expect(res.error?.error.fieldErrors, JSON.stringify(query)).toHaveProperty(field);
    }
  });
});
