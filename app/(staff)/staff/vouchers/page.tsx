import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { CreateBatchForm } from "@/components/vouchers/create-batch-form";
import { productList, utcDateTime } from "@/components/vouchers/format";
import { getDb } from "@/db/client";
import { listProducts } from "@/db/queries/billing";
import { listVoucherBatches, productNames } from "@/db/queries/vouchers";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vouchers.staff"))("title") };
}

const th = "whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
const td = "px-4 py-3 text-gray-800";

export default async function StaffVouchersPage() {
  const user = await requireStaffPage("staff.read");
  const db = getDb();
  const [t, tp, rawLocale, batches, names, catalogue] = await Promise.all([getTranslations("vouchers.staff"), getTranslations("vouchers.page"), getLocale(), listVoucherBatches(db), productNames(db), listProducts(db)]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const manage = staffCan(user.staffRole, "staff.vouchers.manage");
  const date = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {manage ? (
        <Card title={t("create.title")} className="mb-6">
          <CreateBatchForm products={catalogue.map((p) => ({ id: p.id, label: locale === "zh-CN" ? p.nameZh : p.nameEn }))} today={new Date().toISOString().slice(0, 10)} />
        </Card>
      ) : (
        <div className="mb-6">
          <Alert tone="info">{t("readOnly")}</Alert>
        </div>
      )}
      {batches.length === 0 ? (
        <EmptyState icon="vouchers" title={t("empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="voucher-batches">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className={th}>{t("columns.note")}</th>
                <th scope="col" className={`${th} text-right`}>{t("columns.faceValue")}</th>
                <th scope="col" className={th}>{t("columns.products")}</th>
                <th scope="col" className={th}>{t("columns.validity")}</th>
                <th scope="col" className={`${th} text-right`}>{t("columns.codes")}</th>
                <th scope="col" className={th}>{t("columns.csv")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {batches.map((b) => (
                <tr key={b.id} className="hover:bg-gray-50" data-testid="voucher-batch-row">
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    <Link href={`/staff/vouchers/${b.id}`} className="text-blue-700 hover:underline">
                      {b.note || b.id.slice(0, 8)}
                    </Link>
                    <span className="block text-xs font-normal text-gray-600">{t("createdOn", { date: date(b.createdAt) })}</span>
                  </th>
                  <td className={`${td} text-right tabular-nums`}>{formatMoney(b.faceValue, locale)}</td>
                  <td className={`${td} max-w-56`}>{productList(b.productIds, names, locale) ?? tp("allProducts")}</td>
                  <td className={td}>
                    {/* Two lines, so the ten columns fit without scrolling sideways. */}
                    <span className="block whitespace-nowrap">{t("validityStart", { from: utcDateTime(b.validFrom, locale) })}</span>
                    <span className="block whitespace-nowrap">{utcDateTime(b.validUntil, locale)}</span>
                  </td>
                  <td className={`${td} text-right tabular-nums`}>
                    {b.count}
                    <span className="block whitespace-nowrap text-xs text-gray-600">{t("codeCounts", { redeemed: b.redeemed, unused: b.unused, revoked: b.revoked })}</span>
                  </td>
                  <td className={`${td} min-w-28`}>{b.downloadable ? t("csvReady") : b.downloadedAt ? t("csvDownloaded", { date: date(b.downloadedAt) }) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
