import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { auditLog, autoRechargeSettings, paymentMethods, paymentRefunds, payments } from "@/db/schema";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

// The actions run as they do in Next.js, through the one builder; only the session cookie
// and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
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
      expect(await confirmWireAction({ paymentId, received: "250", reason: "Arrived in full" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(0n);

    as((await createUser(db(), { staffRole: "finance" })).id);
    expect(await confirmWireAction({ paymentId, received: "250", reason: "Arrived in full" })).toEqual({ ok: true, data: { credited: "250000000", alreadyConfirmed: false, balance: "250000000" } });
    // The same confirmation again (a double click, a second tab): nothing more, and it says so.
    expect(await confirmWireAction({ paymentId, received: "250", reason: "Arrived in full" })).toEqual({ ok: true, data: { credited: "0", alreadyConfirmed: true, balance: "250000000" } });
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(250_000_000n);
    expect(await refundPaymentAction({ paymentId, amount: "300", reason: "too much", requestId: crypto.randomUUID() })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["payments.errors.refundTooLarge"] } });
    const requestId = crypto.randomUUID();
    const refund = { paymentId, amount: "50", reason: "asked by the customer", requestId };
    expect(await refundPaymentAction(refund)).toMatchObject({ ok: true, data: { amount: "50000000", status: "succeeded", balance: "200000000" } });
    expect(await refundPaymentAction(refund)).toMatchObject({ ok: true, data: { amount: "50000000", balance: "200000000" } }); // Confirm pressed twice
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(200_000_000n);
    expect((await db().select().from(payments).where(eq(payments.id, paymentId)))[0]!.refundedAmount).toBe(50_000_000n);
  });

  it("a wire confirmation or a refund without a valid reason is refused with the reason's message and changes nothing", async () => {
    const { account, members } = await createAccount(db(), ["owner"]);
    as(members.owner.id);
    const wire = await topUpAction({ accountId: account.id, amount: "250", method: "wire", requestId: crypto.randomUUID() });
    const paymentId = (wire as { data: { paymentId: string } }).data.paymentId;
    const audits = async () => (await db().select().from(auditLog).where(eq(auditLog.accountId, account.id))).length;
    const auditsBefore = await audits();

    as((await createUser(db(), { staffRole: "finance" })).id);
    const reasonRefused = { ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } };
    for (const reason of [undefined, "", "  ", "no", "x".repeat(501)]) expect(await confirmWireAction({ paymentId, received: "250", reason })).toMatchObject(reasonRefused);
    expect(await confirmWireAction({ paymentId, received: "lots", reason: "Arrived in full" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { received: ["payments.errors.received"] } });
    expect((await db().select().from(payments).where(eq(payments.id, paymentId)))[0]).toMatchObject({ status: "pending", receivedAmount: null });
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(0n);
    expect(await audits()).toBe(auditsBefore);

    expect(await confirmWireAction({ paymentId, received: "250", reason: "Arrived in full" })).toMatchObject({ ok: true });
    const afterConfirm = await audits();
    for (const reason of [undefined, "", "  ", "no", "x".repeat(501)]) expect(await refundPaymentAction({ paymentId, amount: "50", reason, requestId: crypto.randomUUID() })).toMatchObject(reasonRefused);
    expect(await refundPaymentAction({ paymentId, amount: "0", reason: "asked by the customer", requestId: crypto.randomUUID() })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["payments.errors.refundAmount"] } });
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(250_000_000n);
    expect((await db().select().from(payments).where(eq(payments.id, paymentId)))[0]!.refundedAmount).toBe(0n);
    expect(await db().select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, paymentId))).toHaveLength(0);
    expect(await audits()).toBe(afterConfirm);
  });
});
