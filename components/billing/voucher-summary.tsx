import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardLink } from "@/components/ui/card";
import { RedeemForm } from "@/components/vouchers/redeem-form";
import { formatMoney, type MoneyLocale } from "@/lib/money";

/** The overview's vouchers block: what is available, what expires soon, View all, and the code field. */
export async function VoucherSummary({ accountId, vouchers }: { accountId: string; vouchers: { count: number; remaining: bigint; expiringSoon: number } }) {
  const [t, locale] = await Promise.all([getTranslations("pages.overview.vouchers"), getLocale() as Promise<MoneyLocale>]);
  const { count, remaining, expiringSoon } = vouchers;
  return (
    <Card
      title={t("title")}
      actions={
        <CardLink href={`/a/${accountId}/billing/vouchers`} label={t("viewAll")} card={t("title")} />
      }
    >
      <div data-testid="voucher-summary">
        {count === 0 ? (
          <p className="text-sm text-gray-700">{t("none")}</p>
        ) : (
          <p className="text-sm text-gray-800">
            {t.rich("summary", { count, amount: formatMoney(remaining, locale), b: (c) => <strong className="font-semibold tabular-nums text-gray-900">{c}</strong> })}
          </p>
        )}
        {expiringSoon > 0 && <p className="mt-1 text-sm text-amber-800">{t("expiringSoon", { count: expiringSoon })}</p>}
      </div>
      <div className="mt-4">
        <RedeemForm accountId={accountId} showLink />
      </div>
    </Card>
  );
}
