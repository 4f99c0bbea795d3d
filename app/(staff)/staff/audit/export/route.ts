import { getDb } from "@/db/client";
import { staffRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { auditCsvLines } from "@/lib/staff/audit-csv";
import { parseAuditQuery } from "@/lib/staff/audit-query";

export const runtime = "nodejs";

/** The filtered audit log as CSV, streamed page by page; both staff roles may read it. */
export const GET = staffRoute("staff.read", async (req) => {
  const { filters } = parseAuditQuery(Object.fromEntries(new URL(req.url).searchParams));
  return csvResponse(auditCsvLines(getDb(), { ...filters, locale: localeFromCookieHeader(req.headers.get("cookie")) }), "audit-log");
});
