import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/rows";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";

// The console's tag forms through their server actions as in Next.js; only the session, the
// request headers and the cache are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid), signIn: async () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { activateResourceAction } = await import("@/lib/actions/resources/activate-resource");
const { purchaseSubscriptionAction } = await import("@/lib/actions/resources/purchase-subscription");
const { setResourceTagsAction } = await import("@/lib/actions/resources/set-resource-tags");

const h = useTestDb();
const db = () => h().db;

beforeAll(async () => ensureCatalogue(db()));

async function account() {
  const made = await createAccount(db());
  await topUp(db(), { accountId: made.account.id, amount: dollars(500), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  return made;
}
const resourcesOf = (accountId: string) => rowsOf(db(), sql`select name, tags from resources where account_id = ${accountId}::uuid order by created_at`);

describe("the console's tag forms", () => {
  it("activation and a subscription take key:value lines; a bad line is refused under tags, nothing activated", async () => {
    const { account: a, members } = await account();
    session.uid = members.member.id;
    const refused = await activateResourceAction({ accountId: a.id, productId: "test.hourly", quantity: "1", name: "vm", tags: "team:ml\nteam:web", requestId: crypto.randomUUID() });
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { tags: ["resources.tagErrors.duplicate", "team"] } });
    expect(await resourcesOf(a.id)).toEqual([]);

    expect(await activateResourceAction({ accountId: a.id, productId: "test.hourly", quantity: "1", name: "vm", tags: " team : ml \n\nenv:prod", requestId: crypto.randomUUID() })).toMatchObject({ ok: true });
    expect(await activateResourceAction({ accountId: a.id, productId: "test.hourly", quantity: "1", name: "plain", tags: "", requestId: crypto.randomUUID() })).toMatchObject({ ok: true });
    expect(await purchaseSubscriptionAction({ accountId: a.id, productId: "test.sub", quantity: "1", termMonths: "1", autoRenew: "", name: "sub", tags: "team:web", requestId: crypto.randomUUID() })).toMatchObject({ ok: true });
    expect(await resourcesOf(a.id)).toEqual([
      { name: "vm", tags: { env: "prod", team: "ml" } },
      { name: "plain", tags: {} },
      { name: "sub", tags: { team: "web" } },
    ]);
  });

  it("Edit tags replaces the set for a member of the account, audited as that user; another account's member and a bad text change nothing", async () => {
    const { account: a, members } = await account();
    const { members: others } = await account();
    session.uid = members.owner.id;
    expect(await activateResourceAction({ accountId: a.id, productId: "test.hourly", quantity: "1", name: "vm", tags: "team:web", requestId: crypto.randomUUID() })).toMatchObject({ ok: true });
    const [{ id }] = (await rowsOf(db(), sql`select id::text from resources where account_id = ${a.id}::uuid`)) as [{ id: string }];

    session.uid = others.owner.id;
    expect(await setResourceTagsAction({ accountId: a.id, resourceId: id, tags: "team:stolen" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    session.uid = null;
    expect(await setResourceTagsAction({ accountId: a.id, resourceId: id, tags: "team:stolen" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    session.uid = members.member.id;
    expect(await setResourceTagsAction({ accountId: a.id, resourceId: id, tags: `team:${"v".repeat(129)}` })).toMatchObject({ ok: false, fieldErrors: { tags: ["resources.tagErrors.valueLength", "team"] } });
    expect(await setResourceTagsAction({ accountId: a.id, resourceId: "nope", tags: "team:ml" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { resourceId: expect.any(Array) } });
    expect(await resourcesOf(a.id)).toEqual([{ name: "vm", tags: { team: "web" } }]);

    expect(await setResourceTagsAction({ accountId: a.id, resourceId: id, tags: "team:ml\nenv:prod" })).toEqual({ ok: true, data: { tags: { env: "prod", team: "ml" }, changed: true } });
    expect(await resourcesOf(a.id)).toEqual([{ name: "vm", tags: { env: "prod", team: "ml" } }]);
    const audit = await rowsOf(db(), sql`select actor_user_id::text as by, actor_kind, data from audit_log where action = 'resource.tags.set' and target_id = ${id}`);
    expect(audit).toEqual([{ by: members.member.id, actor_kind: "user", data: { name: "vm", before: { team: "web" }, after: { env: "prod", team: "ml" } } }]);
  });
});
