import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DiscountForm } from "@/components/staff/discount-form";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { RowHeader, Table, Td } from "@/components/ui/table";
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
            <Table frame="bare" testId="discount-rates" caption={t("current")} columns={[{ label: t("scope") }, { label: t("rate"), numeric: true }, { label: t("reason") }, { label: t("updated") }]}>
              {rates.map((r) => (
                <tr key={r.productId ?? "*"} data-testid="discount-rate">
                  <RowHeader>{productName(r.productId)}</RowHeader>
                  <Td numeric>{format.number(r.rateBps / 10_000, { style: "percent", maximumFractionDigits: 2 })}</Td>
                  <Td>{r.reason}</Td>
                  <Td nowrap>
                    <DateTime value={r.updatedAt} />
                  </Td>
                </tr>
              ))}
            </Table>
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
