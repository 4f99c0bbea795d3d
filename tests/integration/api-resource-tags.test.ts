import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/rows";
import { createBillingClient } from "@/lib/api/client";
import { createApiKey, createPlatformKey } from "@/lib/api/keys";
import { runBilling } from "@/lib/billing/run";
import { atTime } from "@/lib/clock";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";
import { routeFetch } from "./api-routes";

// Every answer goes through routeFetch, which checks it against the OpenAPI document.
const h = useTestDb();
const db = () => h().db;
const client = (key: string) => createBillingClient("http://localhost", key, { fetch: routeFetch });

async function fundedAccount() {
  const { account, members } = await createAccount(db(), ["owner"]);
  await topUp(db(), { accountId: account.id, amount: dollars(100), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  const { key, id: keyId } = await createApiKey(db(), { accountId: account.id, name: "provisioner", userId: members.owner.id });
  return { id: account.id, key, keyId, api: client(key) };
}

const header = (k: string) => ({ header: { "Idempotency-Key": k } });

describe("tags through the API", () => {
  beforeAll(async () => seedCatalogue(db()));

  it("activation takes tags and every resource answer carries them; a PATCH replaces the set for charges from then on", async () => {
    const a = await fundedAccount();
    const t0 = new Date("2026-03-02T10:00:00Z");
    const made = await atTime(t0, () => a.api.POST("/resources", { body: { productId: "ecs.g7.large", quantity: 1, tags: { team: "web", env: "staging" } }, params: header("tagged-1") }));
    expect(made.response.status).toBe(201);
    const vm = made.data!.resource;
    expect(vm.tags).toEqual({ env: "staging", team: "web" });
    // Untagged resources answer {} rather than leaving the field out.
    const plain = (await a.api.POST("/resources", { body: { productId: "ecs.g7.large", quantity: 1 }, params: header("plain-1") })).data!.resource;
    expect(plain.tags).toEqual({});
    expect((await a.api.GET("/resources")).data?.data.map((r) => [r.id, r.tags])).toEqual([[vm.id, { env: "staging", team: "web" }], [plain.id, {}]]);

    await atTime(new Date("2026-03-02T11:30:00Z"), () => runBilling(db(), { until: new Date("2026-03-02T11:30:00Z"), accountIds: [a.id] }));
    const patched = await atTime(new Date("2026-03-02T11:45:00Z"), () => a.api.PATCH("/resources/{id}", { params: { path: { id: vm.id } }, body: { tags: { team: "ml", env: "prod" } } }));
    expect(patched.response.status).toBe(200);
    expect(patched.data?.resource).toMatchObject({ id: vm.id, status: "running", tags: { env: "prod", team: "ml" } });
    expect((await a.api.GET("/resources/{id}", { params: { path: { id: vm.id } } })).data?.resource.tags).toEqual({ env: "prod", team: "ml" });
    await atTime(new Date("2026-03-02T13:30:00Z"), () => runBilling(db(), { until: new Date("2026-03-02T13:30:00Z"), accountIds: [a.id] }));

    const charged = await rowsOf(db(), sql`select to_char(period_start at time zone 'UTC', 'HH24:MI') as at, tags from charges where resource_id = ${vm.id}::uuid order by period_start`);
    // An hour is charged once it has ended: 10:00-11:00 before the change, the hours after by the 13:30 run, with the new set.
    expect(charged.map((c) => [c.at, c.tags])).toEqual([
      ["10:00", { env: "staging", team: "web" }],
      ["11:00", { env: "prod", team: "ml" }],
      ["12:00", { env: "prod", team: "ml" }],
    ]);
    const [record] = await rowsOf(db(), sql`select actor_kind, data from audit_log where action = 'resource.tags.set' and target_id = ${vm.id}`);
    expect(record).toEqual({ actor_kind: "api_key", data: { name: vm.name, before: { env: "staging", team: "web" }, after: { env: "prod", team: "ml" }, apiKeyId: a.keyId } });
  });

  it("the tags are part of an activation's terms: the same key with other tags is 409, the same tags replay", async () => {
    const a = await fundedAccount();
    const body = { productId: "ecs.g7.large", quantity: 1, tags: { team: "web" } };
    expect((await a.api.POST("/resources", { body, params: header("k-1") })).response.status).toBe(201);
    expect((await a.api.POST("/resources", { body, params: header("k-1") })).response.status).toBe(200);
    const other = await a.api.POST("/resources", { body: { ...body, tags: { team: "ml" } }, params: header("k-1") });
    expect([other.response.status, other.error?.error.code]).toEqual([409, "IDEMPOTENCY_CONFLICT"]);
  });

  it("refuses bad tags with a message naming the rule under fieldErrors.tags, changing nothing", async () => {
    const a = await fundedAccount();
    const cases: [Record<string, string>, string][] = [
      [Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])), "At most 20 tags on one resource."],
      [{ ["k".repeat(65)]: "v" }, "A tag key is 1 to 64 characters."],
      [{ team: "v".repeat(129) }, "A tag value is at most 128 characters."],
      [{ "team\u0000": "ml" }, "A tag key has no control characters."],
    ];
    for (const [tags, message] of cases) {
      const bad = await a.api.POST("/resources", { body: { productId: "ecs.g7.large", quantity: 1, tags }, params: header(`bad-${message}`) });
      expect([bad.response.status, bad.error?.error.fieldErrors?.tags]).toEqual([400, [message]]);
    }
    expect((await a.api.GET("/resources")).data?.data).toEqual([]);

    const vm = (await a.api.POST("/resources", { body: { productId: "ecs.g7.large", quantity: 1, tags: { team: "web" } }, params: header("ok") })).data!.resource;
    for (const [tags, message] of cases) {
      const bad = await a.api.PATCH("/resources/{id}", { params: { path: { id: vm.id } }, body: { tags } });
      expect([bad.response.status, bad.error?.error.fieldErrors?.tags]).toEqual([400, [message]]);
    }
    const missing = await routeFetch(`http://localhost/api/v1/resources/${vm.id}`, { method: "PATCH", headers: { authorization: `Bearer ${a.key}`, "content-type": "application/json" }, body: "{}" });
    expect(missing.status).toBe(400);
    expect((await a.api.GET("/resources/{id}", { params: { path: { id: vm.id } } })).data?.resource.tags).toEqual({ team: "web" });
  });

  it("another account's resource is 404 on either path, a released one 409; a platform key tags through /accounts/{accountId}", async () => {
    const a = await fundedAccount();
    const b = await fundedAccount();
    const staff = await createUser(db(), { staffRole: "finance" });
    const platform = client((await createPlatformKey(db(), { name: "control plane", userId: staff.id })).key);
    const vm = (await b.api.POST("/resources", { body: { productId: "ecs.g7.large", quantity: 1, tags: { team: "web" } }, params: header("b-1") })).data!.resource;

    expect((await a.api.PATCH("/resources/{id}", { params: { path: { id: vm.id } }, body: { tags: { team: "stolen" } } })).response.status).toBe(404);
    expect((await a.api.PATCH("/resources/{id}", { params: { path: { id: "not-a-uuid" } }, body: { tags: {} } })).response.status).toBe(404);
    expect((await a.api.PATCH("/accounts/{accountId}/resources/{id}", { params: { path: { accountId: b.id, id: vm.id } }, body: { tags: { team: "stolen" } } })).response.status).toBe(404);
    expect((await platform.PATCH("/accounts/{accountId}/resources/{id}", { params: { path: { accountId: a.id, id: vm.id } }, body: { tags: { team: "stolen" } } })).response.status).toBe(404);

    const viaPlatform = await platform.PATCH("/accounts/{accountId}/resources/{id}", { params: { path: { accountId: b.id, id: vm.id } }, body: { tags: { team: "ml" } } });
    expect([viaPlatform.response.status, viaPlatform.data?.resource.tags]).toEqual([200, { team: "ml" }]);

    await b.api.DELETE("/resources/{id}", { params: { path: { id: vm.id } } });
    const released = await b.api.PATCH("/resources/{id}", { params: { path: { id: vm.id } }, body: { tags: { team: "web" } } });
    expect([released.response.status, released.error?.error.code]).toEqual([409, "CONFLICT"]);
    expect((await b.api.GET("/resources/{id}", { params: { path: { id: vm.id } } })).data?.resource.tags).toEqual({ team: "ml" });
    const audited = await rowsOf(db(), sql`select count(*)::int as n from audit_log where action = 'resource.tags.set' and target_id = ${vm.id}`);
    expect(audited).toEqual([{ n: 1 }]);
  });
});
