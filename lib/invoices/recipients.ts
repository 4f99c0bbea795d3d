import type { DbOrTx } from "@/db/client";
import { listBillingContacts } from "@/db/queries/memberships";
import type { ProfileSnapshot } from "@/db/schema";

export type InvoiceRecipient = { name: string; locale: "en" | "zh-CN" };

/**
 * Who an invoice's documents are emailed to, each address once: every owner, admin and
 * finance member in their own language, and the billing email of the team info the invoice
 * was issued with, in the invoice's language.
 */
export async function invoiceRecipients(
  db: DbOrTx,
  invoice: { accountId: string; profile: ProfileSnapshot; locale: "en" | "zh-CN" },
): Promise<Map<string, InvoiceRecipient>> {
  const recipients = new Map<string, InvoiceRecipient>();
  for (const c of await listBillingContacts(db, { accountId: invoice.accountId })) recipients.set(c.email.toLowerCase(), { name: c.name, locale: c.locale });
  const billingEmail = invoice.profile.billingEmail?.trim().toLowerCase();
  if (billingEmail && !recipients.has(billingEmail)) recipients.set(billingEmail, { name: invoice.profile.companyName, locale: invoice.locale });
  return recipients;
}
