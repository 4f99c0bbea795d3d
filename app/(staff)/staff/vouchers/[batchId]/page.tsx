import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { DownloadCodesLink, RevokeButton } from "@/components/vouchers/batch-actions";
import { FactsCard } from "@/components/vouchers/facts-card";
import { productList, utcDateTime } from "@/components/vouchers/format";
import { getDb } from "@/db/client";
import { isUuid } from "@/db/queries/memberships";
import { getVoucherBatch, productNames } from "@/db/queries/vouchers";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";
import { unusedFaceValues } from "@/lib/vouchers/batches";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vouchers.staff"))("detailTitle") };
}

const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
const td = "px-4 py-3 text-gray-800";
const STATE_TONE = { unused: "bg-blue-50 text-blue-800", redeemed: "bg-emerald-50 text-emerald-800", revoked: "bg-gray-100 text-gray-700", lapsed: "bg-amber-50 text-amber-900" } as const;

export default async function StaffVoucherBatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { batchId } = await params;
  if (!isUuid(batchId)) notFound();
  const db = getDb();
  const now = new Date();
  const [found, open, names, t, tp, rawLocale] = await Promise.all([
    getVoucherBatch(db, { batchId, now }),
    unusedFaceValues(db, { batchId, now }),
    productNames(db),
    getTranslations("vouchers.staff"),
    getTranslations("vouchers.page"),
    getLocale(),
  ]);
  if (!found) notFound();
  const { batch, vouchers } = found;
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const manage = staffCan(user.staffRole, "staff.vouchers.manage");
  const money = (v: bigint) => formatMoney(v, locale);
  // What a revoke would withdraw, as its confirmation shows it (bigints cross to the client as decimal strings).
  const revokeTarget = { batchId: batch.id, batchName: batch.note || t("detailTitle"), count: open.size, total: [...open.values()].reduce((a, v) => a + v, 0n).toString(), redeemed: batch.redeemed };
  const facts: [string, string][] = [
    [t("columns.faceValue"), money(batch.faceValue)],
    [t("columns.products"), productList(batch.productIds, names, locale) ?? tp("allProducts")],
    [t("columns.validity"), t("validity", { from: utcDateTime(batch.validFrom, locale), until: utcDateTime(batch.validUntil, locale) })],
    [t("columns.codes"), String(batch.count)],
    [t("columns.redeemed"), String(batch.redeemed)],
    [t("columns.unused"), String(batch.unused)],
    [t("columns.revoked"), String(batch.revoked)],
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/staff/vouchers" className="font-medium text-blue-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeader
        title={batch.note || t("detailTitle")}
        description={t("createdBy", { date: utcDateTime(batch.createdAt, locale), name: batch.createdBy ?? "—" })}
        actions={
          manage && (
            <div className="flex flex-wrap items-start gap-2">
              {batch.downloadable && <DownloadCodesLink batchId={batch.id} label={t("download")} />}
              {batch.unused > 0 && <RevokeButton target={revokeTarget} label={t("revokeAll", { count: batch.unused })} />}
            </div>
          )
        }
      />
      {batch.downloadable ? (
        <div className="mb-4">
          <Alert tone="warning">{t("downloadOnce")}</Alert>
        </div>
      ) : batch.downloadedAt ? (
        <p className="mb-4 text-sm text-gray-700">{t("csvDownloaded", { date: utcDateTime(batch.downloadedAt, locale) })}</p>
      ) : null}
      <FactsCard facts={facts} columns={7} testId="batch-facts" />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="batch-codes">
          <caption className="sr-only">{t("detailTitle")}</caption>
          <thead className="bg-gray-50">
            <tr>
              <th scope="col" className={th}>{t("codeColumns.code")}</th>
              <th scope="col" className={th}>{t("codeColumns.state")}</th>
              <th scope="col" className={th}>{t("codeColumns.account")}</th>
              <th scope="col" className={th}>{t("codeColumns.redeemedAt")}</th>
              <th scope="col" className={`${th} text-right`}>{t("codeColumns.remaining")}</th>
              {manage && <th scope="col" className={th}>{t("codeColumns.actions")}</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {vouchers.map((v) => (
              <tr key={v.id} data-testid="batch-code-row">
                <th scope="row" className="px-4 py-3 text-left font-mono text-xs font-medium text-gray-900">••••{v.codeHint ?? "—"}</th>
                <td className={td}>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATE_TONE[v.state]}`} data-testid="batch-code-state">
                    {t(`states.${v.state}`)}
                  </span>
                </td>
                <td className={td}>{v.accountName ?? "—"}</td>
                <td className={`${td} whitespace-nowrap`}>{v.redeemedAt ? utcDateTime(v.redeemedAt, locale) : "—"}</td>
                <td className={`${td} text-right tabular-nums`}>{v.remaining === null ? "—" : money(v.remaining)}</td>
                {manage && (
                  <td className={td}>{v.state === "unused" && <RevokeButton compact target={{ ...revokeTarget, voucher: { id: v.id, hint: v.codeHint ?? "" }, count: 1, total: String(open.get(v.id) ?? 0n) }} label={t("revoke", { hint: v.codeHint ?? "" })} />}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
