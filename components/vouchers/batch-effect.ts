import { formatMoney, type MoneyLocale, parseMoney } from "@/lib/money";
import { utcDateTime } from "./format";

const DAY = 86_400_000;

/** A face value as people read it: cents, or every digit when it has fractions of a cent. */
export function voucherMoney(micros: bigint, locale: MoneyLocale): string {
  return formatMoney(micros, locale, { exact: micros % 10_000n !== 0n });
}

/**
 * What a batch about to be issued amounts to, as the confirmation shows it: count × face
 * value = total, and its validity as the action stores it — whole UTC days, the last one
 * included, so the codes stop at 00:00 UTC the day after.
 */
export function batchEffect(
  draft: { count: string; faceValue: string; productIds: string[]; validFrom: string; validUntil: string },
  products: { id: string; label: string }[],
  locale: MoneyLocale,
) {
  const count = Number(draft.count);
  const face = parseMoney(draft.faceValue);
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const date = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
  const names = draft.productIds.map((id) => products.find((p) => p.id === id)?.label ?? id);
  return {
    count,
    faceValue: voucherMoney(face, locale),
    total: voucherMoney(face * BigInt(count), locale),
    validity: { from: date(day(draft.validFrom)), until: date(day(draft.validUntil)), end: utcDateTime(new Date(day(draft.validUntil).getTime() + DAY), locale) },
    products: names.length ? names.join(locale === "zh-CN" ? "、" : ", ") : null,
  };
}
