import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DiscountForm } from "@/components/staff/discount-form";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listProducts } from "@/db/queries/billing";
import { isUuid } from "@/db/queries/memberships";
import { getAccountName } from "@/db/queries/staff";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { listAccountDiscounts } from "@/lib/billing/discounts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.discounts"))("title") };
}

/** A customer's negotiated discount rates; staff-finance change them, support staff read them. */
export default async function StaffDiscountsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { accountId } = await params;
  if (!isUuid(accountId)) notFound();
  const db = getDb();
  const [name, t, format, locale, rates, products] = await Promise.all([
    getAccountName(db, accountId),
    getTranslations("staff.discounts"),
    getFormatter(),
    getLocale(),
    listAccountDiscounts(db, accountId),
    listProducts(db),
  ]);
  if (name === null) notFound();
  const productName = (id: string | null) => {
    if (id === null) return t("allProducts");
    const p = products.find((x) => x.id === id);
    return p ? (locale === "zh-CN" ? p.nameZh : p.nameEn) : id;
  };
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/staff" className="text-blue-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeader title={t("titleFor", { account: name })} description={t("description")} />
      <div className="space-y-6">
        <Card title={t("current")}>
          {rates.length === 0 ? (
            <p className="text-sm text-gray-700" data-testid="no-discounts">
              {t("none")}
            </p>
          ) : (
            <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="discount-rates">
              <caption className="sr-only">{t("current")}</caption>
              <thead className="bg-gray-50">
                <tr>
                  <th scope="col" className={th}>{t("scope")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("rate")}</th>
                  <th scope="col" className={th}>{t("reason")}</th>
                  <th scope="col" className={th}>{t("updated")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {rates.map((r) => (
                  <tr key={r.productId ?? "*"} data-testid="discount-rate">
                    <th scope="row" className="px-4 py-3 text-left font-medium text-gray-900">{productName(r.productId)}</th>
                    <td className="px-4 py-3 text-right tabular-nums text-gray-900">{format.number(r.rateBps / 10_000, { style: "percent", maximumFractionDigits: 2 })}</td>
                    <td className="px-4 py-3 text-gray-700">{r.reason}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-gray-700">{format.dateTime(r.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-3 text-xs text-gray-600">{t("precedence")}</p>
        </Card>
        {staffCan(user.staffRole, "staff.money") ? (
          <Card title={t("formTitle")}>
            <DiscountForm
              accountId={accountId}
              accountName={name}
              products={products.filter((p) => p.billingMode !== "subscription").map((p) => ({ id: p.id, label: locale === "zh-CN" ? p.nameZh : p.nameEn }))}
              current={Object.fromEntries(rates.map((r) => [r.productId ?? "", { rateBps: r.rateBps, reason: r.reason }]))}
            />
          </Card>
        ) : (
          <p className="text-sm text-gray-700" data-testid="read-only">{t("readOnly")}</p>
        )}
      </div>
    </>
  );
}
