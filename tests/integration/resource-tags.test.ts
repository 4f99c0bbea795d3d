import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/rows";
import { activateResource } from "@/lib/billing/activate";
import { releaseResource } from "@/lib/billing/release";
import { setResourceTags } from "@/lib/billing/resource-tags";
import { runBilling } from "@/lib/billing/run";
import { verifyDailyCosts } from "@/lib/billing/spend";
import { atTime } from "@/lib/clock";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const t = (iso: string) => new Date(iso);
const user = { kind: "user" as const, userId: null, ip: "203.0.113.9" };

beforeAll(async () => ensureCatalogue(db()));

async function funded() {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount: dollars(1000), provider: "test", idempotencyKey: key("topup"), actor: system });
  return acct;
}

const activate = (acct: string, tags: Record<string, string>, at = "2025-03-01T00:00:00Z") =>
  activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, tags, actor: system, idempotencyKey: key("a"), now: t(at) });

const auditOf = (resourceId: string) =>
  rowsOf(db(), sql`select action, actor_kind, ip, target_type, data from audit_log where target_id = ${resourceId} order by id`);

describe("setResourceTags", () => {
  it("replaces the set for charges written after it; charges before keep the tags they were charged with", async () => {
    const acct = await funded();
    const { resource } = await activate(acct, { team: "web", env: "staging" });
    await atTime(t("2025-03-01T02:00:00Z"), () => runBilling(db(), { until: t("2025-03-01T02:00:00Z"), accountIds: [acct] }));

    const out = await setResourceTags(db(), { accountId: acct, resourceId: resource.id, tags: { team: "ml", env: "prod", owner: "ana" }, actor: user, now: t("2025-03-01T02:30:00Z") });
    expect(out.changed).toBe(true);
    expect(out.before).toEqual({ env: "staging", team: "web" });
    expect(out.resource.tags).toEqual({ env: "prod", owner: "ana", team: "ml" });
    await atTime(t("2025-03-01T04:00:00Z"), () => runBilling(db(), { until: t("2025-03-01T04:00:00Z"), accountIds: [acct] }));

    const charged = await rowsOf(db(), sql`select tags from charges where resource_id = ${resource.id}::uuid order by period_start`);
    expect(charged.map((c) => c.tags)).toEqual([
      { env: "staging", team: "web" },
      { env: "staging", team: "web" },
      { env: "prod", owner: "ana", team: "ml" },
      { env: "prod", owner: "ana", team: "ml" },
    ]);
    // The day's costs split by the set each charge carried; the rollup still agrees with the charges.
    const days = await rowsOf(db(), sql`select tags, gross::text from daily_costs where resource_id = ${resource.id}::uuid order by tags->>'team'`);
    expect(days).toEqual([
      { tags: { env: "prod", owner: "ana", team: "ml" }, gross: "120000" },
      { tags: { env: "staging", team: "web" }, gross: "120000" },
    ]);
    expect(await verifyDailyCosts(db(), acct)).toEqual([]);

    expect(await auditOf(resource.id)).toEqual([
      { action: "resource.tags.set", actor_kind: "user", ip: "203.0.113.9", target_type: "resource", data: { name: resource.name, before: { env: "staging", team: "web" }, after: { env: "prod", owner: "ana", team: "ml" } } },
    ]);
  });

  it("removes every tag with an empty set, and the same set again writes and audits nothing", async () => {
    const acct = await funded();
    const { resource } = await activate(acct, { team: "web" });
    const same = await setResourceTags(db(), { accountId: acct, resourceId: resource.id, tags: { team: "web" }, actor: user });
    expect(same.changed).toBe(false);
    expect(await auditOf(resource.id)).toEqual([]);
    const cleared = await setResourceTags(db(), { accountId: acct, resourceId: resource.id, tags: {}, actor: user });
    expect(cleared.resource.tags).toEqual({});
    expect((await auditOf(resource.id)).map((a) => a.data)).toEqual([{ name: resource.name, before: { team: "web" }, after: {} }]);
  });

  it("refuses a bad set, another account's resource and a released one, changing nothing", async () => {
    const acct = await funded();
    const other = await funded();
    const { resource } = await activate(acct, { team: "web" });
    // The rules themselves are unit-tested (lib/billing/tags.test.ts): here, that they are applied.
    for (const tags of [Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])), { team: "m\u0000l" }]) {
      await expect(setResourceTags(db(), { accountId: acct, resourceId: resource.id, tags, actor: user })).rejects.toMatchObject({ code: "VALIDATION" });
    }
    await expect(setResourceTags(db(), { accountId: other, resourceId: resource.id, tags: { team: "ml" }, actor: user })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setResourceTags(db(), { accountId: acct, resourceId: "not-a-uuid", tags: { team: "ml" }, actor: user })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await atTime(t("2025-03-01T01:00:00Z"), () => releaseResource(db(), { accountId: acct, resourceId: resource.id, actor: system, now: t("2025-03-01T01:00:00Z") }));
    await expect(setResourceTags(db(), { accountId: acct, resourceId: resource.id, tags: { team: "ml" }, actor: user })).rejects.toMatchObject({ code: "CONFLICT" });

    const [row] = await rowsOf(db(), sql`select tags from resources where id = ${resource.id}::uuid`);
    expect(row!.tags).toEqual({ team: "web" });
    expect(await auditOf(resource.id)).toEqual([]);
  });
});
