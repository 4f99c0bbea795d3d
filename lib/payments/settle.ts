import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { accounts, paymentMethods, payments, users } from "@/db/schema";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { type Actor, topUp, type TopUpInput } from "@/lib/ledger";
import { recordInvoiceSettlement } from "@/lib/invoices/settlement";
import { emitEvent } from "@/lib/events/emit";
import { moneyJson } from "@/lib/events/catalogue";
import { formatMoney } from "@/lib/money";
import { autoRechargeOutcome } from "./auto-recharge-runs";
import { resumeIfFunded } from "@/lib/billing/overdue";
import { renewStoppedAutoRenew } from "@/lib/billing/renew-stopped";

export type Payment = typeof payments.$inferSelect;

const DESCRIPTIONS: Record<Payment["purpose"], string> = {
  top_up: "Top-up",
  auto_recharge: "Auto-recharge",
  overrun: "Automatic charge of the default payment method",
  invoice: "Invoice payment",
};

export async function lockPayment(tx: Tx, paymentId: string): Promise<Payment | undefined> {
  const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  return p;
}

export async function methodLabel(db: DbOrTx, p: Pick<Payment, "methodId" | "provider">): Promise<string> {
  if (p.provider === "bank_transfer") return "Bank transfer";
  if (!p.methodId) return p.provider;
  const [m] = await db.select({ label: paymentMethods.label }).from(paymentMethods).where(eq(paymentMethods.id, p.methodId));
  return m?.label ?? p.provider;
}

/**
 * The one place a payment's money reaches the ledger. Under the payment's row lock:
 * a payment already credited is left alone (a replayed webhook, a reconciliation racing
 * the request that charged); otherwise the top-up is posted with key `payment:<id>`
 * (itself idempotent), the payment marked succeeded, the payer's receipt queued and an
 * auto-recharge run closed, all in one transaction.
 */
export async function settlePayment(
  db: DbOrTx,
  paymentId: string,
  opts: { providerPaymentId?: string | null; actor?: Actor; now?: Date; audit?: TopUpInput["audit"] } = {},
): Promise<{ credited: boolean; payment: Payment }> {
  const now = opts.now ?? clockNow();
  const settled = await withTx(db, async (tx) => {
    const p = await lockPayment(tx, paymentId);
    if (!p) throw new Error(`payment ${paymentId} not found`);
    if (p.status === "succeeded") return { credited: false, payment: p };
    const amount = p.receivedAmount ?? p.amount;
    const label = await methodLabel(tx, p);
    const posted = await topUp(tx, {
      accountId: p.accountId,
      amount,
      provider: p.provider,
      idempotencyKey: `payment:${p.id}`,
      actor: opts.actor ?? (p.userId ? { kind: "user", userId: p.userId } : { kind: "system" }),
      description: p.purpose === "overrun" ? DESCRIPTIONS.overrun : `${DESCRIPTIONS[p.purpose]} by ${label}`,
      audit: opts.audit,
    });
    const [updated] = await tx
      .update(payments)
      .set({ status: "succeeded", providerPaymentId: opts.providerPaymentId ?? p.providerPaymentId, ledgerTransactionId: posted.transactionId, error: null, settledAt: now, updatedAt: now })
      .where(eq(payments.id, p.id))
      .returning();
    if (p.purpose === "auto_recharge") await autoRechargeOutcome(tx, p.id, { ok: true }, now);
    if (p.purpose === "invoice") await recordInvoiceSettlement(tx, updated!, now);
    if (p.userId) await queueReceipt(tx, updated!, label, amount);
    await emitEvent(tx, {
      accountId: p.accountId, type: "payment.succeeded", key: p.id, occurredAt: now,
      data: { payment: { ...(await paymentJson(tx, p, amount)), settledAt: now.toISOString() } },
    });
    return { credited: true, payment: updated! };
  });
  if (settled.credited) await resumeAfterPayment(db, settled.payment.accountId, now);
  return settled;
}

/**
 * An overdue account that a payment brought back to zero or above resumes at once, in a
 * transaction of its own after the payment's (the billing state is locked before the ledger
 * everywhere else); then its subscriptions stopped at expiry with auto-renew on are renewed
 * and resumed as far as funds cover them. If it fails the payment stands: the overdue job
 * resumes within 5 minutes, the subscriptions job renews within the hour.
 */
async function resumeAfterPayment(db: DbOrTx, accountId: string, now: Date) {
  try {
    await resumeIfFunded(db, accountId, now);
    await renewStoppedAutoRenew(db, now, [accountId]);
  } catch (e) {
    console.error("resume after payment failed; the overdue and subscriptions jobs will retry", e);
  }
}

/** A definite failure (declined, insufficient funds). A payment already credited stays credited. */
export async function failPayment(db: DbOrTx, paymentId: string, message: string, opts: { providerPaymentId?: string | null; now?: Date } = {}): Promise<Payment> {
  const now = opts.now ?? clockNow();
  return withTx(db, async (tx) => {
    const p = (await lockPayment(tx, paymentId))!;
    if (p.status === "succeeded" || p.status === "failed") return p;
    const [updated] = await tx
      .update(payments)
      .set({ status: "failed", error: message, providerPaymentId: opts.providerPaymentId ?? p.providerPaymentId, updatedAt: now })
      .where(eq(payments.id, p.id))
      .returning();
    if (p.purpose === "auto_recharge") await autoRechargeOutcome(tx, p.id, { ok: false, message }, now);
    await emitEvent(tx, { accountId: p.accountId, type: "payment.failed", key: p.id, occurredAt: now, data: { payment: { ...(await paymentJson(tx, p, p.amount)), failureReason: message.slice(0, 500) } } });
    return updated!;
  });
}

/** The provider has not decided (or did not answer): wait for its webhook or for reconciliation. */
export async function markUnknown(db: DbOrTx, paymentId: string, opts: { providerPaymentId?: string | null; error?: string; now?: Date } = {}): Promise<void> {
  const now = opts.now ?? clockNow();
  await withTx(db, async (tx) => {
    const p = (await lockPayment(tx, paymentId))!;
    if (p.status === "succeeded" || p.status === "failed") return;
    await tx
      .update(payments)
      .set({ status: "unknown", providerPaymentId: opts.providerPaymentId ?? p.providerPaymentId, error: opts.error ?? null, updatedAt: now })
      .where(eq(payments.id, p.id));
    if (p.purpose === "auto_recharge") await autoRechargeOutcome(tx, p.id, { ok: null }, now);
  });
}

/** A payment as its events carry it: the method's kind (card, paypal, …), never its token. */
async function paymentJson(tx: Tx, p: Payment, amount: bigint) {
  const [m] = p.methodId ? await tx.select({ kind: paymentMethods.kind }).from(paymentMethods).where(eq(paymentMethods.id, p.methodId)) : [];
  return { id: p.id, amount: moneyJson(amount), purpose: p.purpose, provider: p.provider, methodKind: m?.kind ?? (p.provider === "bank_transfer" ? "bank_transfer" : null) };
}

/** The receipt, to the person who paid, in their language; once per payment. */
async function queueReceipt(tx: Tx, p: Payment, label: string, amount: bigint) {
  const [payer] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, p.userId!));
  if (!payer) return;
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, p.accountId));
  const b = await getBalances(tx, { accountId: p.accountId });
  await sendEmail(tx, {
    to: payer.email,
    locale: payer.locale,
    template: "payment-receipt",
    props: {
      name: payer.name,
      account: account?.name ?? "",
      amount: formatMoney(amount, payer.locale),
      method: label,
      receiptNo: receiptNo(p.id),
      paidAt: `${(p.settledAt ?? clockNow()).toISOString().slice(0, 16).replace("T", " ")} UTC`,
      available: formatMoney(b.available, payer.locale),
      url: `${appUrl()}/a/${p.accountId}/billing/top-up/${p.id}`,
      // Top-ups have a PDF receipt; an invoice payment's document is the invoice.
      ...(p.purpose === "top_up" || p.purpose === "auto_recharge" ? { pdfUrl: `${appUrl()}/a/${p.accountId}/billing/payments/${p.id}/receipt` } : {}),
    },
    idempotencyKey: `receipt:${p.id}`,
    accountId: p.accountId,
  });
}

/** What a person reads and quotes: the payment id's first 12 hex digits, grouped. */
export function receiptNo(paymentId: string): string {
  const hex = paymentId.replace(/-/g, "").slice(0, 12).toUpperCase();
  return `R-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}
