import type { MoneyLocale } from "@/lib/money";

/** Voucher validity is shown as exact instants in UTC: a voucher valid until T stops at T. */
export function utcDateTime(d: Date, locale: MoneyLocale): string {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" }).format(d)} UTC`;
}

/** Product names of a voucher's scope, in the reader's language; null means every product. */
export function productList(ids: string[], names: Map<string, { en: string; zh: string }>, locale: MoneyLocale): string | null {
  if (ids.length === 0) return null;
  return ids.map((id) => (locale === "zh-CN" ? names.get(id)?.zh : names.get(id)?.en) ?? id).join(locale === "zh-CN" ? "、" : ", ");
}
