import { useLocale } from "next-intl";
import { type FormatMoneyOptions, formatMoney, type Micros, type MoneyLocale } from "@/lib/money";

/** An amount in the viewer's locale (server or client component); `dash` shows "—" for zero. */
export function Money({ value, dash = false, ...opts }: { value: Micros; dash?: boolean } & FormatMoneyOptions) {
  const locale = useLocale() as MoneyLocale;
  return <>{dash && value === 0n ? "—" : formatMoney(value, locale, opts)}</>;
}
