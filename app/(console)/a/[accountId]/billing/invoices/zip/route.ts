import { getDb } from "@/db/client";
import { accountRoute, jsonError } from "@/lib/auth/route";
import { periodDocuments, zipFilename, ZipPeriodSchema } from "@/lib/invoices/zip";
import { zipResponse } from "@/lib/zip/stream";

export const runtime = "nodejs";

/**
 * `?from=YYYY-MM&to=YYYY-MM`: the period's invoices (and credit notes) as one ZIP, streamed
 * a PDF at a time. Same guard as the invoice PDF: another account's is not found.
 */
export const GET = accountRoute("invoices.read", async (req, { account }) => {
  const parsed = ZipPeriodSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return jsonError("VALIDATION", parsed.error.issues[0]?.message ?? "Choose a period of months.");
  return zipResponse(periodDocuments(getDb(), { accountId: account.id, period: parsed.data }), zipFilename(parsed.data));
});
