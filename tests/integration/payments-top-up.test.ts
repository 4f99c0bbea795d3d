import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { auditLog, emailOutbox, ledgerTransactions, paymentMethods, payments } from "@/db/schema";
import { dollars } from "@/lib/money";
import { type ChargeOutcome, type ChargeRequest, type PaymentProvider, ProviderUnavailableError, WebhookSignatureError } from "@/lib/payments/provider";
import { reconcilePayments, deliverTestProviderWebhooks } from "@/lib/payments/reconcile";
import { testProvider } from "@/lib/payments/registry";
import { saveProviderMethod } from "@/lib/payments/methods";
import { signPayload } from "@/lib/payments/signature";
import { TEST_CARDS, TEST_SIGNATURE_HEADER, testWebhookSecret } from "@/lib/payments/test-provider";
import { confirmWireTransfer, requestWireTransfer, topUpWithMethod } from "@/lib/payments/top-up";
import { handleWebhook } from "@/lib/payments/webhooks";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";

const h = useTestDb({ max: 12 });
const db = () => h().db;
const rid = () => crypto.randomUUID();

async function accountWithCard(card: string, locale: "en" | "zh-CN" = "en") {
  const { account, members } = await createAccount(db(), ["finance"]);
  const payer = members.finance;
  if (locale !== "en") await db().execute(`update users set locale = '${locale}' where id = '${payer.id}'`);
  const method = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: card, expiry: "12/40", cvc: "123" }), who: { userId: payer.id } });
  return { accountId: account.id, payer, method };
}

const balance = async (accountId: string) => (await getBalances(db(), { accountId })).balance;
const topUps = async (accountId: string) => db().select().from(ledgerTransactions).where(and(eq(ledgerTransactions.accountId, accountId), eq(ledgerTransactions.type, "top_up")));
const statusOf = async (paymentId: string) => (await db().select().from(payments).where(eq(payments.id, paymentId)))[0]!.status;

/** The $100 top-up was credited, and once. */
async function creditedOnce(accountId: string, before: bigint) {
  expect((await balance(accountId)) - before).toBe(dollars(100));
  expect(await topUps(accountId)).toHaveLength(1);
}

describe("top-up by card", () => {
  it("credits the amount once, stores only a token with brand and last four, and emails the payer a receipt in their language", async () => {
    const { accountId, payer, method } = await accountWithCard(TEST_CARDS.succeeds, "zh-CN");
    expect(method.providerToken).not.toContain(TEST_CARDS.succeeds);
    expect(method).toMatchObject({ brand: "Visa", last4: "4242", isDefault: true, isPrimary: true });
    const before = await balance(accountId);
    const r = await topUpWithMethod(db(), { accountId, methodId: method.id, amount: dollars(100), requestId: rid(), userId: payer.id });
    expect(r.status).toBe("succeeded");
    expect((await balance(accountId)) - before).toBe(dollars(100));
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `receipt:${r.payment.id}`));
    expect(mail!.to).toBe(payer.email);
    expect(mail!.subject).toContain("收据");
    expect(mail!.text).toContain("$100.00");
  });

  it("the same request twice (double submit, retry) pays once", async () => {
    const { accountId, payer, method } = await accountWithCard(TEST_CARDS.succeeds);
    const requestId = rid();
    const before = await balance(accountId);
    const results = await Promise.all(Array.from({ length: 5 }, () => topUpWithMethod(db(), { accountId, methodId: method.id, amount: dollars(100), requestId, userId: payer.id })));
    expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
    await creditedOnce(accountId, before);
    // The same key with another amount is refused, not charged.
    await expect(topUpWithMethod(db(), { accountId, methodId: method.id, amount: dollars(200), requestId, userId: payer.id })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
  });

  it.each([
    [TEST_CARDS.declined, "declined"],
    [TEST_CARDS.insufficientFunds, "insufficient_funds"],
  ] as const)("card %s fails with a clear reason and changes nothing", async (card, code) => {
    const { accountId, payer, method } = await accountWithCard(card);
    const before = await balance(accountId);
    const r = await topUpWithMethod(db(), { accountId, methodId: method.id, amount: dollars(100), requestId: rid(), userId: payer.id });
    expect(r).toMatchObject({ status: "failed", declineCode: code });
    expect(await balance(accountId)).toBe(before);
    expect(await topUps(accountId)).toHaveLength(0);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `receipt:${r.payment.id}`))).toHaveLength(0);
  });

  it("refuses amounts outside the limits and fractions of a cent", async () => {
    const { accountId, payer, method } = await accountWithCard(TEST_CARDS.succeeds);
    for (const amount of [dollars(9), dollars(100_001), 10_000_001n]) {
      await expect(topUpWithMethod(db(), { accountId, methodId: method.id, amount, requestId: rid(), userId: payer.id })).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(await db().select().from(payments).where(eq(payments.accountId, accountId))).toHaveLength(0);
  });

  it("a method of another account is not found", async () => {
    const a = await accountWithCard(TEST_CARDS.succeeds);
    const b = await accountWithCard(TEST_CARDS.succeeds);
    await expect(topUpWithMethod(db(), { accountId: a.accountId, methodId: b.method.id, amount: dollars(100), requestId: rid(), userId: a.payer.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

/** A provider that really charges once per key, and whose first answer is lost (a timeout). */
class FlakyProvider implements PaymentProvider {
  readonly name = "test" as const;
  readonly methodKinds = ["card"] as const;
  charges = new Map<string, number>();
  calls = 0;
  constructor(private readonly loseFirstAnswer: boolean) {}
  async charge(req: ChargeRequest): Promise<ChargeOutcome> {
    this.calls++;
    if (!this.charges.has(req.idempotencyKey)) this.charges.set(req.idempotencyKey, Number(req.amount));
    if (this.loseFirstAnswer && this.calls === 1) {
      await new Promise((r) => setTimeout(r, 200));
      throw new ProviderUnavailableError("timed out");
    }
    return { status: "succeeded", providerPaymentId: `pi_flaky_${req.idempotencyKey}` };
  }
  refund = testProvider.refund.bind(testProvider);
  parseWebhook = testProvider.parseWebhook.bind(testProvider);
}

describe("provider timeout", () => {
  it("leaves the payment undecided, then reconciliation asks again with the same key: one charge, one credit", async () => {
    const { accountId, payer, method } = await accountWithCard(TEST_CARDS.succeeds);
    const provider = new FlakyProvider(true);
    const before = await balance(accountId);
    const r = await topUpWithMethod(db(), { accountId, methodId: method.id, amount: dollars(100), requestId: rid(), userId: payer.id }, { provider, timeoutMs: 50 });
    expect(r.status).toBe("unknown");
    expect(await balance(accountId)).toBe(before);

    // Too early: not touched.
    await reconcilePayments(db(), { provider, now: new Date() });
    expect(provider.calls).toBe(1);
    const later = new Date(Date.now() + 5 * 60_000);
    await Promise.all([reconcilePayments(db(), { provider, now: later }), reconcilePayments(db(), { provider, now: later })]);
    const [p] = await db().select().from(payments).where(eq(payments.id, r.payment.id));
    expect(p!.status).toBe("succeeded");
    expect(provider.charges.size).toBe(1); // the provider took the money once
    await creditedOnce(accountId, before);
  });
});

describe("webhooks", () => {
  /** A $100 card top-up whose outcome is unknown, the balance before it, and the provider's webhook that settles it. */
  async function unknownPayment() {
    const acct = await accountWithCard(TEST_CARDS.unknown);
    const r = await topUpWithMethod(db(), { accountId: acct.accountId, methodId: acct.method.id, amount: dollars(100), requestId: rid(), userId: acct.payer.id });
    expect(r.status).toBe("unknown");
    const [p] = await db().select().from(payments).where(eq(payments.id, r.payment.id));
    const hook = testProvider.settlementWebhook({ providerPaymentId: p!.providerPaymentId!, paymentId: p!.id });
    return { ...acct, payment: p!, before: await balance(acct.accountId), hook };
  }

  it("ten replays of one webhook in sequence credit once", async () => {
    const { accountId, before, hook } = await unknownPayment();
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await handleWebhook(db(), "test", hook.body, hook.headers));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    await creditedOnce(accountId, before);
  });

  it("ten replays of one webhook at once credit once", async () => {
    const { accountId, payment, before, hook } = await unknownPayment();
    await Promise.all(Array.from({ length: 10 }, () => handleWebhook(db(), "test", hook.body, hook.headers)));
    await creditedOnce(accountId, before);
    expect(await statusOf(payment.id)).toBe("succeeded");
  });

  it("the unknown-outcome card settles exactly once when the test provider's webhook arrives", async () => {
    const { accountId, payment, before } = await unknownPayment();
    // Not yet: the provider takes its time.
    await deliverTestProviderWebhooks(db(), { now: new Date() });
    expect(await statusOf(payment.id)).toBe("unknown");
    expect(await balance(accountId)).toBe(before);
    const later = new Date(Date.now() + 60_000);
    await Promise.all([deliverTestProviderWebhooks(db(), { now: later }), deliverTestProviderWebhooks(db(), { now: later })]);
    await deliverTestProviderWebhooks(db(), { now: new Date(Date.now() + 120_000) });
    expect(await statusOf(payment.id)).toBe("succeeded");
    await creditedOnce(accountId, before);
  });

  it("refuses a tampered body, a wrong secret and a stale timestamp, and changes nothing", async () => {
    const { accountId, payment, before, hook: good } = await unknownPayment();
    const tampered = good.body.replace(payment.providerPaymentId!, "pi_test_someone_else");
    const wrongSecret = new Headers({ [TEST_SIGNATURE_HEADER]: signPayload(good.body, "not-the-secret") });
    const stale = new Headers({ [TEST_SIGNATURE_HEADER]: signPayload(good.body, testWebhookSecret(), Math.floor(Date.now() / 1000) - 3600) });
    await expect(handleWebhook(db(), "test", tampered, good.headers)).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(handleWebhook(db(), "test", good.body, wrongSecret)).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(handleWebhook(db(), "test", good.body, stale)).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(handleWebhook(db(), "test", good.body, new Headers())).rejects.toBeInstanceOf(WebhookSignatureError);
    expect(await balance(accountId)).toBe(before);
    expect(await statusOf(payment.id)).toBe("unknown");
  });
});

describe("bank transfer", () => {
  it("stays pending until staff confirm the amount received with a reason: credited once, one audit record carrying the reason", async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    const staff = await createUser(db(), { staffRole: "finance" });
    const before = await balance(account.id);
    const p = await requestWireTransfer(db(), { accountId: account.id, amount: dollars(500), requestId: rid(), userId: members.finance.id });
    expect(p.status).toBe("pending");
    expect(await balance(account.id)).toBe(before);
    // The reconciler leaves bank transfers alone.
    await reconcilePayments(db(), { now: new Date(Date.now() + 3_600_000) });
    expect((await db().select().from(payments).where(eq(payments.id, p.id)))[0]!.status).toBe("pending");
    const audits = () => db().select().from(auditLog).where(eq(auditLog.accountId, account.id));
    const auditsBefore = (await audits()).length;

    // Two staff members confirm at once (or one double-clicks): one credit, one record.
    const confirm = () => confirmWireTransfer(db(), { paymentId: p.id, received: dollars(495), reason: "Arrived at the bank minus a $5 fee", staffUserId: staff.id });
    const results = await Promise.all([confirm(), confirm()]);
    expect(results.map((r) => r.credited).sort()).toEqual([false, true]);
    expect((await balance(account.id)) - before).toBe(dollars(495));
    expect(await topUps(account.id)).toHaveLength(1);
    expect((await db().select().from(payments).where(eq(payments.id, p.id)))[0]).toMatchObject({ status: "succeeded", receivedAmount: dollars(495), confirmedByUserId: staff.id });
    const added = (await audits()).slice(auditsBefore);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: "payment.wire_confirm",
      actorKind: "staff",
      actorUserId: staff.id,
      reason: "Arrived at the bank minus a $5 fee",
      data: { paymentId: p.id, announced: "500000000", received: "495000000", amount: "495000000", provider: "bank_transfer" },
    });
    // Confirmed again later: still nothing more.
    expect((await confirm()).credited).toBe(false);
    expect((await balance(account.id)) - before).toBe(dollars(495));
    expect(await audits()).toHaveLength(auditsBefore + 1);
  });

  it("a confirmation without a reason, or with a bad amount, is refused and changes nothing", async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    const staff = await createUser(db(), { staffRole: "finance" });
    const p = await requestWireTransfer(db(), { accountId: account.id, amount: dollars(100), requestId: rid(), userId: members.finance.id });
    const before = await balance(account.id);
    const audits = async () => (await db().select().from(auditLog).where(eq(auditLog.accountId, account.id))).length;
    const auditsBefore = await audits();
    for (const reason of ["", "  ", "ok", "x".repeat(501)])
      await expect(confirmWireTransfer(db(), { paymentId: p.id, received: dollars(100), reason, staffUserId: staff.id })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } });
    for (const received of [0n, -dollars(1), 1n])
      await expect(confirmWireTransfer(db(), { paymentId: p.id, received, reason: "Arrived", staffUserId: staff.id })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { received: ["payments.errors.received"] } });
    expect(await balance(account.id)).toBe(before);
    expect(await audits()).toBe(auditsBefore);
    expect((await db().select().from(payments).where(eq(payments.id, p.id)))[0]).toMatchObject({ status: "pending", receivedAmount: null, confirmedByUserId: null });
  });
});

describe("payment methods", () => {
  it("keeps one default and one primary; a removed method is never charged", async () => {
    const { accountId, payer, method: first } = await accountWithCard(TEST_CARDS.succeeds);
    const second = await saveProviderMethod(db(), { accountId, provider: "test", method: testProvider.connectWallet("paypal"), who: { userId: payer.id } });
    expect(second).toMatchObject({ isDefault: false, isPrimary: false, kind: "paypal" });
    const { markMethod, removeMethod } = await import("@/lib/payments/methods");
    await markMethod(db(), { accountId, methodId: second.id, role: "default", who: { userId: payer.id } });
    const rows = await db().select().from(paymentMethods).where(eq(paymentMethods.accountId, accountId));
    expect(rows.filter((m) => m.isDefault).map((m) => m.id)).toEqual([second.id]);
    expect(rows.filter((m) => m.isPrimary).map((m) => m.id)).toEqual([first.id]);
    await removeMethod(db(), { accountId, methodId: second.id, who: { userId: payer.id } });
    await expect(topUpWithMethod(db(), { accountId, methodId: second.id, amount: dollars(50), requestId: rid(), userId: payer.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
