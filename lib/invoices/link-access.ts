import "server-only";
import { getDb } from "@/db/client";
import { getInvoice } from "./read";
import { decodeParam } from "@/lib/http/bad-path";
import { verifyInvoiceLink } from "./link";

/** The invoice a signed link opens, or null (expired, altered, or the invoice is not that account's). */
export async function invoiceFromLink(token: string) {
  // The router hands pages the segment as sent and route handlers decoded ("%25" arrives as "%"),
  // so decode once more only where that is possible; a token never needs encoding anyway.
  const decoded = decodeParam(token);
  const claims = decoded === null ? null : verifyInvoiceLink(decoded);
  if (!claims) return null;
  const data = await getInvoice(getDb(), { accountId: claims.accountId, invoiceId: claims.invoiceId });
  return data ? { ...data, claims } : null;
}
