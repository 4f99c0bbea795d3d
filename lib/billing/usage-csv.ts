import type { DbOrTx } from "@/db/client";
import { listUsage, type UsageCursor, type UsageFilters } from "@/db/queries/usage-detail";
import { csvField as field, moneyFields, moneyHeaders } from "@/lib/csv";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { chargedUnits } from "./usage-units";
import { usageLabels } from "./usage-labels";

/** Charges per read: the export holds one chunk in memory, however long the history. */
const CHUNK = 1000;

function headers(locale: Locale): string[] {
  const t = translator(locale);
  const h = (k: "recorded" | "start" | "end" | "resource" | "resourceId" | "product" | "productId" | "region" | "dataCenter" | "mode" | "quantity" | "unit" | "unitPrice" | "gross" | "discount" | "voucher" | "net" | "tags" | "chargeId") => t(`usage.csv.${k}`);
  return [
    h("recorded"), h("start"), h("end"), h("resource"), h("resourceId"), h("product"), h("productId"), h("region"), h("dataCenter"), h("mode"), h("quantity"), h("unit"),
    ...moneyHeaders(h("unitPrice"), locale), ...moneyHeaders(h("gross"), locale), ...moneyHeaders(h("discount"), locale), ...moneyHeaders(h("voucher"), locale), ...moneyHeaders(h("net"), locale),
    h("tags"), h("chargeId"),
  ];
}

/**
 * The filtered charges as CSV lines (header first, in the reader's language), newest
 * recorded first as the page lists them, read a chunk at a time along the page's keyset.
 * Each amount in dollars to the cent and in exact micro-dollars; discount and voucher are
 * negative, so gross + discount + voucher = net in every row.
 */
export async function* usageCsvLines(db: DbOrTx, filters: UsageFilters, locale: Locale, chunk = CHUNK): AsyncGenerator<string> {
  const labels = usageLabels(locale);
  const zh = locale === "zh-CN";
  yield headers(locale).map((h) => field(h)).join(",");
  let after: UsageCursor | null = null;
  do {
    const page: Awaited<ReturnType<typeof listUsage>> = await listUsage(db, { ...filters, limit: chunk, after });
    for (const r of page.rows) {
      yield [
        field(r.createdAt.toISOString()),
        field(r.periodStart.toISOString()),
        field(r.periodEnd.toISOString()),
        field(r.resourceName),
        field(r.resourceId),
        field(zh ? r.nameZh : r.nameEn),
        field(r.productId),
        field(r.region),
        field(r.dataCenter),
        field(labels.mode(r.billingMode)),
        field(String(chargedUnits(r)), false),
        field(labels.unit(r.unitLabel)),
        ...moneyFields(r.unitPrice),
        ...moneyFields(r.gross),
        ...moneyFields(-r.discount),
        ...moneyFields(-r.voucherPaid),
        ...moneyFields(r.net),
        field(Object.entries(r.tags).map(([k, v]) => `${k}:${v}`).join("; ")),
        field(r.id),
      ].join(",");
    }
    after = page.older;
  } while (after);
}
