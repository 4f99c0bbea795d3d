import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { auditLog, ledgerTransactions, paymentRefunds, payments } from "@/db/schema";
import { chargeUsage } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { saveProviderMethod } from "@/lib/payments/methods";
import type { PaymentProvider } from "@/lib/payments/provider";
import { refundPayment } from "@/lib/payments/refund";
import { testProvider } from "@/lib/payments/registry";
import { TEST_CARDS } from "@/lib/payments/test-provider";
import { topUpWithMethod } from "@/lib/payments/top-up";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

const h = useTestDb({ max: 12 });
const db = () => h().db;

async function paidTopUp(amount = dollars(100)) {
  const { account, members } = await createAccount(db(), ["finance"]);
  const m = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" }), who: { userId: members.finance.id } });
  const r = await topUpWithMethod(db(), { accountId: account.id, methodId: m.id, amount, requestId: crypto.randomUUID(), userId: members.finance.id });
  const staff = await createUser(db(), { staffRole: "finance" });
  return { accountId: account.id, payment: r.payment, staff };
}
const bal = async (a: string) => (await getBalances(db(), { accountId: a })).balance;

describe("refunds", () => {
  it("refunds to the original method, never more than the payment, audited with the reason", async () => {
    const { accountId, payment, staff } = await paidTopUp();
    const before = await bal(accountId);
    await expect(refundPayment(db(), { paymentId: payment.id, amount: dollars(101), reason: "customer asked", requestId: crypto.randomUUID(), staffUserId: staff.id })).rejects.toMatchObject({ code: "VALIDATION" });
    const r = await refundPayment(db(), { paymentId: payment.id, amount: dollars(60), reason: "customer asked", requestId: crypto.randomUUID(), staffUserId: staff.id });
    expect(r).toMatchObject({ status: "succeeded", amount: dollars(60) });
    expect(r.providerRefundId).toMatch(/^re_test_/);
    expect(before - (await bal(accountId))).toBe(dollars(60));
    // 40 left of the payment.
    await expect(refundPayment(db(), { paymentId: payment.id, amount: dollars(41), reason: "again", requestId: crypto.randomUUID(), staffUserId: staff.id })).rejects.toMatchObject({ code: "VALIDATION" });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "payment.refund"), eq(auditLog.accountId, accountId)));
    expect(audit).toMatchObject({ actorUserId: staff.id, reason: "customer asked" });
  });

  it("never refunds more than the account balance, even with concurrent requests", async () => {
    const { accountId, payment, staff } = await paidTopUp();
    // Spend most of it: the balance is now below what was paid.
    await chargeUsage(db(), { accountId, amount: dollars(70), idempotencyKey: `usage:${crypto.randomUUID()}`, actor: { kind: "system" } });
    const balance = await bal(accountId);
    await expect(refundPayment(db(), { paymentId: payment.id, amount: balance + dollars(1), reason: "too much", requestId: crypto.randomUUID(), staffUserId: staff.id })).rejects.toMatchObject({ code: "VALIDATION" });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => refundPayment(db(), { paymentId: payment.id, amount: dollars(20), reason: "split", requestId: crypto.randomUUID(), staffUserId: staff.id })),
    );
    // The balance covers one refund of $20 (it is below $40 after the charge of $70 and the rounding to cents).
    const ok = results.filter((r) => r.status === "fulfilled").length;
    expect(ok).toBe(Number(balance / dollars(20)));
    expect(await bal(accountId)).toBeGreaterThanOrEqual(0n);
    const [p] = await db().select().from(payments).where(eq(payments.id, payment.id));
    expect(p!.refundedAmount).toBe(dollars(20) * BigInt(ok));
  });

  it("the same refund request twice refunds once; a refused refund puts the money back", async () => {
    const { accountId, payment, staff } = await paidTopUp();
    const before = await bal(accountId);
    const requestId = crypto.randomUUID();
    await refundPayment(db(), { paymentId: payment.id, amount: dollars(10), reason: "dup", requestId, staffUserId: staff.id });
    await refundPayment(db(), { paymentId: payment.id, amount: dollars(10), reason: "dup", requestId, staffUserId: staff.id });
    expect(before - (await bal(accountId))).toBe(dollars(10));

    const refusing: PaymentProvider = { ...testProvider, name: "test", methodKinds: ["card"], charge: testProvider.charge.bind(testProvider), parseWebhook: testProvider.parseWebhook.bind(testProvider), refund: async () => ({ status: "failed", message: "Refused by the bank." }) };
    const r = await refundPayment(db(), { paymentId: payment.id, amount: dollars(30), reason: "refused", requestId: crypto.randomUUID(), staffUserId: staff.id }, { provider: refusing });
    expect(r.status).toBe("failed");
    expect(before - (await bal(accountId))).toBe(dollars(10));
    expect((await db().select().from(payments).where(eq(payments.id, payment.id)))[0]!.refundedAmount).toBe(dollars(10));
    expect(await db().select().from(ledgerTransactions).where(and(eq(ledgerTransactions.accountId, accountId), eq(ledgerTransactions.type, "refund_reversal")))).toHaveLength(1);
    expect(await db().select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, payment.id))).toHaveLength(2);
  });
});
