import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/card";
import { RowHeader, Table, Td } from "@/components/ui/table";
import { FactsCard } from "@/components/vouchers/facts-card";
import { productList, utcDateTime } from "@/components/vouchers/format";
import { getDb } from "@/db/client";
import { isUuid } from "@/db/queries/memberships";
import { listAccountVouchers, productNames, voucherSpending } from "@/db/queries/vouchers";
import { requireAccountPage } from "@/lib/auth/guards";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";
import { clockNow } from "@/lib/clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.vouchers"))("title") };
}

/** One voucher: its terms and figures, and the charges it paid, by billing run. */
export default async function VoucherPage({ params }: { params: Promise<{ accountId: string; voucherId: string }> }) {
  const { accountId, voucherId } = await params;
  const { account } = await requireAccountPage(accountId, "billing.read");
  if (!isUuid(voucherId)) notFound();
  const db = getDb();
  const [vouchers, spending, names, t, tp, rawLocale] = await Promise.all([
    listAccountVouchers(db, { accountId: account.id, now: clockNow() }),
    voucherSpending(db, { accountId: account.id, voucherId }),
    productNames(db),
    getTranslations("vouchers"),
    getTranslations("vouchers.page"),
    getLocale(),
  ]);
  const voucher = vouchers.find((v) => v.id === voucherId);
  if (!voucher || !spending) notFound();
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const money = (v: bigint) => formatMoney(v, locale);
  const base = `/a/${account.id}/billing/vouchers`;
  const facts: [string, string][] = [
    [tp("columns.faceValue"), money(voucher.faceValue)],
    [tp("columns.remaining"), money(voucher.remaining)],
    [tp("columns.products"), productList(voucher.productIds, names, locale) ?? tp("allProducts")],
    [tp("columns.validFrom"), utcDateTime(voucher.validFrom, locale)],
    [tp("columns.validUntil"), utcDateTime(voucher.validUntil, locale)],
  ];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`${base}?tab=${voucher.tab}`} className="font-medium text-blue-700 hover:underline">
          ← {t("detail.back")}
        </Link>
      </p>
      <PageHeader title={voucher.codeHint ? t("detail.title", { hint: voucher.codeHint }) : t("detail.titleNoCode")} description={tp(`status.${voucher.tab}`)} />
      <FactsCard facts={facts} columns={5} testId="voucher-facts" />
      <h2 className="mb-3 text-base font-semibold text-gray-900">{t("detail.spentTitle")}</h2>
      {spending.length === 0 ? (
        <EmptyState icon="vouchers" title={t("detail.none")} />
      ) : (
        <div className="space-y-4">
          {spending.map((run) => (
            <Table
              key={run.transactionId}
              testId="voucher-spend"
              caption={t("detail.run", { time: utcDateTime(run.at, locale), amount: money(run.amount) })}
              captionVisible
              columns={[{ label: t("detail.columns.resource") }, { label: t("detail.columns.product") }, { label: t("detail.columns.period") }, { label: t("detail.columns.gross"), numeric: true }, { label: t("detail.columns.voucherPaid"), numeric: true }]}
            >
              {run.charges.map((c) => (
                <tr key={c.id} data-testid="voucher-charge">
                  <RowHeader>
                    <Link href={`/a/${account.id}/resources/orders?resourceId=${c.resourceId}`} className="text-blue-700 hover:underline">
                      {c.resourceName}
                    </Link>
                  </RowHeader>
                  <Td>{productList([c.productId], names, locale)}</Td>
                  <Td nowrap>
                    {utcDateTime(c.periodStart, locale)} – {utcDateTime(c.periodEnd, locale)}
                  </Td>
                  <Td numeric>{money(c.gross)}</Td>
                  <Td numeric>{money(c.voucherPaid)}</Td>
                </tr>
              ))}
            </Table>
          ))}
        </div>
      )}
    </>
  );
}
