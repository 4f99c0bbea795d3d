import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { autoRechargeSettings, paymentMethods, payments } from "@/db/schema";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

// The actions run as they do in Next.js, through the one builder; only the session cookie
// and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (session.uid ? { uid: session.uid } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { topUpAction } = await import("@/lib/actions/payments/top-up");
const { addTestCardAction, markMethodAction, removeMethodAction } = await import("@/lib/actions/payments/methods");
const { saveAutoRechargeAction } = await import("@/lib/actions/payments/auto-recharge");
const { confirmWireAction, refundPaymentAction } = await import("@/lib/actions/payments/staff");

const h = useTestDb();
const db = () => h().db;
const as = (userId: string | null) => (session.uid = userId);

describe("payment actions: who may do what", () => {
  it("finance adds a card and tops up; a plain member is forbidden; another account's member gets not found; nothing changes for them", async () => {
    const { account, members } = await createAccount(db(), ["owner", "finance", "member"]);
    const other = await createAccount(db(), ["finance"]);

    as(members.finance.id);
    const card = await addTestCardAction({ accountId: account.id, number: "4242 4242 4242 4242", expiry: "12/39", cvc: "123" });
    expect(card).toEqual({ ok: true, data: { label: "Visa •••• 4242" } });
    const [method] = await db().select().from(paymentMethods).where(eq(paymentMethods.accountId, account.id));
    const before = (await getBalances(db(), { accountId: account.id })).balance;
    const paid = await topUpAction({ accountId: account.id, amount: "100", method: method!.id, requestId: crypto.randomUUID() });
    expect(paid).toMatchObject({ ok: true, data: { status: "succeeded" } });
    expect((await getBalances(db(), { accountId: account.id })).balance - before).toBe(100_000_000n);

    as(members.member.id);
    const attempts = [
      topUpAction({ accountId: account.id, amount: "100", method: method!.id, requestId: crypto.randomUUID() }),
      addTestCardAction({ accountId: account.id, number: "4242424242424242", expiry: "12/39", cvc: "123" }),
      markMethodAction({ accountId: account.id, methodId: method!.id, role: "primary" }),
      removeMethodAction({ accountId: account.id, methodId: method!.id }),
      saveAutoRechargeAction({ accountId: account.id, enabled: "on", amount: "100", dayOfMonth: "3" }),
    ];
    for (const r of await Promise.all(attempts)) expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });

    as(other.members.finance.id);
    for (const r of await Promise.all([
      topUpAction({ accountId: account.id, amount: "100", method: method!.id, requestId: crypto.randomUUID() }),
      removeMethodAction({ accountId: account.id, methodId: method!.id }),
      // Their own account, someone else's method: not found either.
      topUpAction({ accountId: other.account.id, amount: "100", method: method!.id, requestId: crypto.randomUUID() }),
    ]))
      expect(r).toMatchObject({ ok: false, code: "NOT_FOUND" });

    expect(await db().select().from(payments).where(eq(payments.accountId, account.id))).toHaveLength(1);
    expect(await db().select().from(payments).where(eq(payments.accountId, other.account.id))).toHaveLength(0);
    expect((await db().select().from(paymentMethods).where(eq(paymentMethods.id, method!.id)))[0]!.removedAt).toBeNull();
    expect(await db().select().from(autoRechargeSettings).where(eq(autoRechargeSettings.accountId, account.id))).toHaveLength(0);
  });

  it("bad input is refused with a translated field message and changes nothing", async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    as(members.finance.id);
    expect(await addTestCardAction({ accountId: account.id, number: "4111 1111 1111 1112", expiry: "12/39", cvc: "123" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { number: ["payments.errors.cardNumber"] } });
    expect(await addTestCardAction({ accountId: account.id, number: "4111 1111 1111 1111", expiry: "12/39", cvc: "123" })).toMatchObject({ ok: false, fieldErrors: { number: ["payments.errors.testCardsOnly"] } });
    expect(await addTestCardAction({ accountId: account.id, number: "4242424242424242", expiry: "01/20", cvc: "123" })).toMatchObject({ ok: false, fieldErrors: { expiry: ["payments.errors.expiry"] } });
    expect(await db().select().from(paymentMethods).where(eq(paymentMethods.accountId, account.id))).toHaveLength(0);
    for (const amount of ["1e3", "-5", "5", "100.001", ""]) {
      expect(await topUpAction({ accountId: account.id, amount, method: "wire", requestId: crypto.randomUUID() })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["payments.errors.amount"] } });
    }
    expect(await db().select().from(payments).where(eq(payments.accountId, account.id))).toHaveLength(0);
  });

  it("only finance staff confirm transfers and refund; customers and support staff are forbidden", async () => {
    const { account, members } = await createAccount(db(), ["owner"]);
    as(members.owner.id);
    const wire = await topUpAction({ accountId: account.id, amount: "250", method: "wire", requestId: crypto.randomUUID() });
    expect(wire).toMatchObject({ ok: true, data: { status: "pending" } });
    const paymentId = (wire as { data: { paymentId: string } }).data.paymentId;

    for (const who of [members.owner.id, (await createUser(db(), { staffRole: "support" })).id]) {
      as(who);
      expect(await confirmWireAction({ paymentId, received: "250" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(0n);

    as((await createUser(db(), { staffRole: "finance" })).id);
    expect(await confirmWireAction({ paymentId, received: "250" })).toMatchObject({ ok: true });
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(250_000_000n);
    expect(await refundPaymentAction({ paymentId, amount: "300", reason: "too much", requestId: crypto.randomUUID() })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await refundPaymentAction({ paymentId, amount: "50", reason: "", requestId: crypto.randomUUID() })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await refundPaymentAction({ paymentId, amount: "50", reason: "asked by the customer", requestId: crypto.randomUUID() })).toMatchObject({ ok: true, data: { status: "succeeded" } });
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(200_000_000n);
  });
});
