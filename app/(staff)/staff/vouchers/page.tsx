import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { RowHeader, Table, Td } from "@/components/ui/table";
import { CreateBatchForm } from "@/components/vouchers/create-batch-form";
import { productList, utcDateTime } from "@/components/vouchers/format";
import { getDb } from "@/db/client";
import { listProducts } from "@/db/queries/billing";
import { listVoucherBatches, productNames } from "@/db/queries/vouchers";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { isLocale } from "@/lib/i18n/config";
import { clockNow } from "@/lib/clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vouchers.staff"))("title") };
}

export default async function StaffVouchersPage() {
  const user = await requireStaffPage("staff.read");
  const db = getDb();
  const [t, tp, rawLocale, batches, names, catalogue] = await Promise.all([getTranslations("vouchers.staff"), getTranslations("vouchers.page"), getLocale(), listVoucherBatches(db, { now: clockNow() }), productNames(db), listProducts(db)]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const manage = staffCan(user.staffRole, "staff.vouchers.manage");
  const date = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {manage ? (
        <Card title={t("create.title")} className="mb-6">
          <CreateBatchForm products={catalogue.map((p) => ({ id: p.id, label: locale === "zh-CN" ? p.nameZh : p.nameEn }))} today={clockNow().toISOString().slice(0, 10)} />
        </Card>
      ) : (
        <div className="mb-6">
          <Alert tone="info">{t("readOnly")}</Alert>
        </div>
      )}
      {batches.length === 0 ? (
        <EmptyState icon="vouchers" title={t("empty")} />
      ) : (
        <Table
          testId="voucher-batches"
          caption={t("title")}
          columns={[{ label: t("columns.note") }, { label: t("columns.faceValue"), numeric: true }, { label: t("columns.products") }, { label: t("columns.validity") }, { label: t("columns.codes"), numeric: true }, { label: t("columns.csv") }]}
        >
          {batches.map((b) => (
            <tr key={b.id} className="hover:bg-gray-50" data-testid="voucher-batch-row">
              <RowHeader>
                <Link href={`/staff/vouchers/${b.id}`} className="text-blue-700 hover:underline">
                  {b.note || b.id.slice(0, 8)}
                </Link>
                <span className="block text-xs font-normal text-gray-600">{t("createdOn", { date: date(b.createdAt) })}</span>
              </RowHeader>
              <Td numeric>
                <Money value={b.faceValue} />
              </Td>
              <Td className="max-w-56">{productList(b.productIds, names, locale) ?? tp("allProducts")}</Td>
              <Td>
                {/* Two lines, so the ten columns fit without scrolling sideways. */}
                <span className="block whitespace-nowrap">{t("validityStart", { from: utcDateTime(b.validFrom, locale) })}</span>
                <span className="block whitespace-nowrap">{utcDateTime(b.validUntil, locale)}</span>
              </Td>
              <Td numeric>
                {b.count}
                <span className="block whitespace-nowrap text-xs text-gray-600">{t("codeCounts", { redeemed: b.redeemed, unused: b.unused, revoked: b.revoked })}</span>
              </Td>
              <Td className="min-w-28">{b.downloadable ? t("csvReady") : b.downloadedAt ? t("csvDownloaded", { date: date(b.downloadedAt) }) : "—"}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
