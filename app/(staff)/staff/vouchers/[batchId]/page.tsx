import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { RowHeader, Table, Td } from "@/components/ui/table";
import { DownloadCodesLink, RevokeButton } from "@/components/vouchers/batch-actions";
import { FactsCard } from "@/components/vouchers/facts-card";
import { productList, utcDateTime } from "@/components/vouchers/format";
import { getDb } from "@/db/client";
import { isUuid } from "@/db/queries/memberships";
import { getVoucherBatch, productNames } from "@/db/queries/vouchers";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { isLocale } from "@/lib/i18n/config";
import { clockNow } from "@/lib/clock";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { unusedFaceValues } from "@/lib/vouchers/batches";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vouchers.staff"))("detailTitle") };
}

const STATE_TONE = { unused: "blue", redeemed: "emerald", revoked: "gray", lapsed: "amber" } as const;

type Translate = Awaited<ReturnType<typeof getTranslations<"vouchers.staff">>>;
type Batch = NonNullable<Awaited<ReturnType<typeof getVoucherBatch>>>;
type RevokeTarget = Parameters<typeof RevokeButton>[0]["target"];

export default async function StaffVoucherBatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { batchId } = await params;
  if (!isUuid(batchId)) notFound();
  const db = getDb();
  const now = clockNow();
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
      <CodesTable t={t} vouchers={vouchers} manage={manage} revokeTarget={revokeTarget} open={open} locale={locale} />
    </>
  );
}

/** Every code of the batch with its state, who redeemed it and what is left, and a revoke button per unused code. */
function CodesTable({ t, vouchers, manage, revokeTarget, open, locale }: { t: Translate; vouchers: Batch["vouchers"]; manage: boolean; revokeTarget: RevokeTarget; open: Map<string, bigint>; locale: MoneyLocale }) {
  const columns = [{ label: t("codeColumns.code") }, { label: t("codeColumns.state") }, { label: t("codeColumns.account") }, { label: t("codeColumns.redeemedAt") }, { label: t("codeColumns.remaining"), numeric: true }, manage && { label: t("codeColumns.actions") }];
  return (
    <Table testId="batch-codes" caption={t("detailTitle")} columns={columns}>
      {vouchers.map((v) => (
        <tr key={v.id} data-testid="batch-code-row">
          <RowHeader mono>••••{v.codeHint ?? "—"}</RowHeader>
          <Td>
            <Badge pill tone={STATE_TONE[v.state]} data-testid="batch-code-state">
              {t(`states.${v.state}`)}
            </Badge>
          </Td>
          <Td>{v.accountName ?? "—"}</Td>
          <Td nowrap>{v.redeemedAt ? utcDateTime(v.redeemedAt, locale) : "—"}</Td>
          <Td numeric>{v.remaining === null ? "—" : <Money value={v.remaining} />}</Td>
          {manage && <Td>{v.state === "unused" && <RevokeButton compact target={{ ...revokeTarget, voucher: { id: v.id, hint: v.codeHint ?? "" }, count: 1, total: String(open.get(v.id) ?? 0n) }} label={t("revoke", { hint: v.codeHint ?? "" })} />}</Td>}
        </tr>
      ))}
    </Table>
  );
}
