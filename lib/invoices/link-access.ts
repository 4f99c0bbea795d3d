import "server-only";
import { getDb } from "@/db/client";
import { getInvoice } from "@/db/queries/invoices";
import { verifyInvoiceLink } from "./link";

/** The invoice a signed link opens, or null (expired, altered, or the invoice is not that account's). */
export async function invoiceFromLink(token: string) {
  const claims = verifyInvoiceLink(decodeURIComponent(token));
  if (!claims) return null;
  const data = await getInvoice(getDb(), { accountId: claims.accountId, invoiceId: claims.invoiceId });
  return data ? { ...data, claims } : null;
}
