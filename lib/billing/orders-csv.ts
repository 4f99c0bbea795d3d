import type { DbOrTx } from "@/db/client";
import { listOrders, type OrderFilter } from "@/db/queries/billing";
import { csvField } from "@/lib/csv";
import { toDecimalString } from "@/lib/money";

const field = (v: string) => csvField(v);

const HEADERS = {
  en: ["Order number", "Time (UTC)", "Type", "Product", "Resource ID", "Quantity", "Term (months)", "Gross (USD)", "Discount (USD)", "Net (USD)", "Created by"],
  "zh-CN": ["订单号", "时间 (UTC)", "类型", "产品", "资源 ID", "数量", "时长（月）", "原价 (USD)", "优惠 (USD)", "应付 (USD)", "创建人"],
} as const;


export async function* ordersCsvLines(db: DbOrTx, f: OrderFilter & { locale: "en" | "zh-CN"; typeLabel: (t: string) => string; creatorName: (id: string | null) => string }) {
  yield HEADERS[f.locale].map(field).join(",");
  for (let offset = 0; ; offset += 500) {
    const rows = await listOrders(db, { ...f, limit: 500, offset });
    for (const { order: o, productNameEn, productNameZh } of rows) {
      yield [
        field(o.orderNo),
        field(o.createdAt.toISOString()),
        field(f.typeLabel(o.type)),
        field(f.locale === "zh-CN" ? productNameZh : productNameEn),
        field(o.resourceId ?? ""),
        o.quantity.toString(),
        o.termMonths?.toString() ?? "",
        toDecimalString(o.gross),
        toDecimalString(o.discount),
        toDecimalString(o.net),
        field(f.creatorName(o.createdByUserId)),
      ].join(",");
    }
    if (rows.length < 500) return;
  }
}
