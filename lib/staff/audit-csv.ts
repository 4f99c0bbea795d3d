import "server-only";
import type { DbOrTx } from "@/db/client";
import { type AuditFilters, listAudit } from "@/db/queries/staff-console";
import { csvField as field } from "@/lib/csv";
import type { MoneyLocale } from "@/lib/money";

const HEADERS: Record<MoneyLocale, string[]> = {
  en: ["Time (UTC)", "Actor kind", "Actor", "Account ID", "Account", "Action", "Target type", "Target ID", "Reason", "Data", "IP", "Record ID"],
  "zh-CN": ["时间 (UTC)", "操作者类型", "操作者", "账户 ID", "账户", "操作", "对象类型", "对象 ID", "原因", "数据", "IP", "记录 ID"],
};

/** The filtered audit records as CSV lines (header first), newest first, fetched 500 at a time. */
export async function* auditCsvLines(db: DbOrTx, opts: AuditFilters & { locale?: MoneyLocale }): AsyncGenerator<string> {
  yield HEADERS[opts.locale ?? "en"].map((h) => field(h)).join(",");
  let before: bigint | undefined;
  for (;;) {
    const rows = await listAudit(db, { ...opts, limit: 500, before });
    for (const r of rows) {
      yield [
        field(r.at.toISOString()),
        field(r.actorKind),
        field(r.actorEmail ?? r.actorUserId ?? ""),
        field(r.accountId ?? ""),
        field(r.accountName ?? ""),
        field(r.action),
        field(r.targetType ?? ""),
        field(r.targetId ?? ""),
        field(r.reason ?? ""),
        field(r.data === null ? "" : JSON.stringify(r.data)),
        field(r.ip ?? ""),
        field(r.id.toString(), false),
      ].join(",");
    }
    if (rows.length < 500) return;
    before = rows[rows.length - 1]!.id;
  }
}
