import { createElement } from "react";
import type { DbOrTx } from "@/db/client";
import { getAccountPayment } from "@/db/queries/payments";
import { accounts } from "@/db/schema";
import { eq } from "drizzle-orm";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { getBillingProfile } from "@/lib/invoices/profile";
import { formatMoney } from "@/lib/money";
import { renderPdf } from "@/lib/pdf/render";
import { sellerConfig } from "@/lib/seller";
import { sellerView } from "@/lib/seller-view";
import { methodText } from "./history";
import { ReceiptDocument, type ReceiptViewModel } from "./receipt-pdf";
import { receiptNo } from "./settle";

/**
 * A successful top-up's receipt as a PDF, in the reader's language. It is made from the
 * settled payment row, which never changes after it succeeded (refunds live in their own
 * rows and are printed as of now), so it is rendered on request rather than stored.
 * Another account's payment, or one that is not a credited top-up, is null (not found).
 */
export async function receiptPdf(db: DbOrTx, { accountId, paymentId, locale }: { accountId: string; paymentId: string; locale: Locale }): Promise<{ number: string; pdf: Uint8Array } | null> {
  const vm = await receiptViewModel(db, { accountId, paymentId, locale });
  return vm ? { number: vm.number, pdf: await renderPdf(createElement(ReceiptDocument, { vm })) } : null;
}

export async function receiptViewModel(db: DbOrTx, { accountId, paymentId, locale }: { accountId: string; paymentId: string; locale: Locale }): Promise<ReceiptViewModel | null> {
  const p = await getAccountPayment(db, { accountId, paymentId });
  if (!p || p.status !== "succeeded" || (p.purpose !== "top_up" && p.purpose !== "auto_recharge")) return null;
  const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  const profile = await getBillingProfile(db, { accountId });
  const t = translator(locale);
  const r = (k: string) => t(`payments.receiptPdf.${k}` as "payments.receiptPdf.title");
  const money = (v: bigint) => formatMoney(v, locale);
  const at = p.settledAt ?? p.createdAt;
  return {
    locale,
    number: receiptNo(p.id),
    labels: {
      appName: t("common.appName"), title: r("title"), number: t("payments.receipt.receiptNo"), date: t("payments.receipt.date"), amount: t("payments.receipt.amount"),
      method: t("payments.receipt.method"), purpose: r("purpose"), status: t("payments.receipt.status"), receivedFrom: r("receivedFrom"),
      accountId: r("accountId"), taxId: r("taxId"), refunded: t("payments.receipt.refunded"), paymentId: r("paymentId"), footer: r("footer"), issuer: r("issuer"),
    },
    // The seller as configured now: a receipt is rendered on request, not stored (invoices keep theirs as issued).
    seller: sellerView(sellerConfig(), t("common.appName"), { taxId: t("invoices.taxId"), bank: t("invoices.bank") }),
    date: `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    amount: money(p.receivedAmount ?? p.amount),
    refunded: p.refundedAmount > 0n ? money(p.refundedAmount) : null,
    method: methodText({ provider: p.provider, methodKind: p.methodKind, methodLabel: p.methodLabel }, t),
    purpose: t(`payments.history.kinds.${p.purpose}`),
    status: t("payments.statuses.succeeded"),
    paymentId: p.id,
    accountId,
    accountName: account?.name ?? "",
    company: profile?.companyName || null,
    address: [profile?.address, profile?.country].filter(Boolean).join(", ") || null,
    taxId: profile?.taxId || null,
  };
}
