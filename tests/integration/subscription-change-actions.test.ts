import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, orders, resources } from "@/db/schema";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { atTime } from "@/lib/clock";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";

// The resource page's change flow through its server actions as Next.js calls them; only the
// session, the request headers and the cache are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({
  auth: async () =>
    (await import("../fixtures/sessions")).signedInAs(session.uid),
  signIn: async () => {},
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { changeSubscriptionAction, previewSubscriptionChangeAction } =
  await import("@/lib/actions/resources/change-subscription");
const { setAutoRenewAction } =
  await import("@/lib/actions/resources/set-auto-renew");
const { cancelSubscriptionChangeAction } =
  await import("@/lib/actions/resources/cancel-subscription-change");

const h = useTestDb();
const db = () => h().db;

beforeAll(async () => ensureCatalogue(db()));

const START = new Date("2047-03-01T00:00:00Z"); // a 1-month term: expires 2047-04-01
const NOW = new Date("2047-03-17T00:00:00Z"); // 15 days left: one more at $10 a month is $5

async function subscribed() {
  const made = await createAccount(db());
  await topUp(db(), {
    accountId: made.account.id,
    amount: dollars(500),
    provider: "test",
    idempotencyKey: `t:${crypto.randomUUID()}`,
    actor: { kind: "system" },
  });
  const { resource } = await purchaseSubscription(db(), {
    accountId: made.account.id,
    productId: "test.sub",
    quantity: 2,
    termMonths: 1,
    autoRenew: true,
    actor: { kind: "system" },
    idempotencyKey: `s:${crypto.randomUUID()}`,
    now: START,
  });
  return { ...made, resourceId: resource.id };
}

describe("the console's subscription change actions", () => {
  it("a member previews and confirms with the same price, audited as that user; the server prices it, not the browser", async () => {
    const { account: a, members, resourceId } = await subscribed();
    session.uid = members.member.id;
    const choice = {
      accountId: a.id,
      resourceId,
      productId: "test.sub",
      quantity: "3",
      termMonths: "1",
    };
    const preview = await atTime(NOW, () =>
      previewSubscriptionChangeAction(choice),
    );
    expect(preview).toMatchObject({
      ok: true,
      data: { kind: "upgrade", quantity: "3", net: "5000000" },
    });
    // An amount sent by the browser is not a field the action reads.
    const done = await atTime(NOW, () =>
      changeSubscriptionAction({
        ...choice,
        net: "0",
        requestId: crypto.randomUUID(),
      }),
    );
    expect(done).toMatchObject({
      ok: true,
      data: { kind: "upgrade", net: "5000000" },
    });
    const [order] = await db()
      .select()
      .from(orders)
      .where(eq(orders.orderNo, done.ok ? done.data.orderNo : ""));
    expect(order).toMatchObject({
      type: "upgrade",
      net: dollars(5),
      quantity: 3n,
    });
    const audits = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, resourceId));
    expect(audits.map((r) => [r.action, r.actorUserId])).toContainEqual([
      "subscription.upgrade",
      members.member.id,
    ]);
  });

  it("another account's member, and no session, change nothing", async () => {
    const { account: a, resourceId } = await subscribed();
    const { members: others } = await createAccount(db());
    await atTime(NOW, async () => {
      for (const uid of [others.owner.id, null]) {
        session.uid = uid;
        const code = uid ? "NOT_FOUND" : "UNAUTHENTICATED";
        expect(
          await previewSubscriptionChangeAction({
            accountId: a.id,
            resourceId,
            productId: "test.sub",
            quantity: "3",
            termMonths: "1",
          }),
        ).toMatchObject({ ok: false, code });
        expect(
          await changeSubscriptionAction({
            accountId: a.id,
            resourceId,
            productId: "test.sub",
            quantity: "3",
            termMonths: "1",
            requestId: crypto.randomUUID(),
          }),
        ).toMatchObject({ ok: false, code });
        expect(
          await setAutoRenewAction({
            accountId: a.id,
            resourceId,
            autoRenew: "off",
          }),
        ).toMatchObject({ ok: false, code });
        expect(
          await cancelSubscriptionChangeAction({ accountId: a.id, resourceId }),
        ).toMatchObject({ ok: false, code });
      }
    });
    const [r] = await db()
      .select()
      .from(resources)
      .where(eq(resources.id, resourceId));
    expect(r).toMatchObject({ quantity: 2n, autoRenew: true });
  });

  it("a bad quantity is refused under its field, nothing changed", async () => {
    const { account: a, members, resourceId } = await subscribed();
    session.uid = members.admin.id;
    expect(
      await atTime(NOW, () =>
        previewSubscriptionChangeAction({
          accountId: a.id,
          resourceId,
          productId: "test.sub",
          quantity: "2.5",
          termMonths: "1",
        }),
      ),
    ).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { quantity: expect.any(Array) },
    });
    expect(
      await atTime(NOW, () =>
        setAutoRenewAction({ accountId: a.id, resourceId, autoRenew: "off" }),
      ),
    ).toMatchObject({ ok: true, data: { autoRenew: false } });
  });
});
