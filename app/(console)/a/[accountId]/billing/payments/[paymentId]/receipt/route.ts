import { getDb } from "@/db/client";
import { accountRoute, jsonError } from "@/lib/auth/route";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { receiptPdf } from "@/lib/payments/receipt";
import { pdfResponse, sha256Hex } from "@/lib/pdf/delivery";

export const runtime = "nodejs";

/** A successful top-up's receipt as a PDF, in the reader's language; another account's payment is not found. */
export const GET = accountRoute("billing.read", async (req, { account, params }) => {
  const r = await receiptPdf(getDb(), { accountId: account.id, paymentId: params.paymentId ?? "", locale: localeFromCookieHeader(req.headers.get("cookie")) });
  if (!r) return jsonError("NOT_FOUND", "Not found.");
  return pdfResponse({ pdf: r.pdf, sha256: sha256Hex(r.pdf), stored: false }, r.number);
});
