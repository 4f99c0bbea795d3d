import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/payments/status-badge";
import { BadPeriodAlert } from "@/components/ui/bad-period";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterRange, FilterSelect } from "@/components/ui/filter-form";
import { Money } from "@/components/ui/money";
import { CursorPagination, listQuery } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listPaymentHistory, PAYMENT_KINDS, PAYMENT_STATUSES, type PaymentHistoryRow } from "@/db/queries/payment-history";
import { requireAccountPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { hasReceipt, methodText, parseHistoryQuery } from "@/lib/payments/history";
import { receiptNo } from "@/lib/payments/settle";

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.history"))("title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"payments.history">>>;

export default async function PaymentsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  const { account } = await requireAccountPage(accountId, "billing.read");
  const [t, locale] = await Promise.all([getTranslations("payments.history"), getLocale() as Promise<Locale>]);
  const { query, filters, badPeriod } = parseHistoryQuery(await searchParams);
  const tr = translator(locale);
  const { rows, nextCursor } = await listPaymentHistory(getDb(), { accountId: account.id, ...filters, limit: PAGE_SIZE, cursor: query.cursor });
  const base = `/a/${account.id}/billing/payments`;
  const qs = (extra: Record<string, string | undefined> = {}) => listQuery({ from: query.from, to: query.to, kind: query.kind, status: query.status }, extra);
  const filtered = !!(query.from || query.to || query.kind || query.status || query.cursor);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`${base}/export?${qs()}`} className={buttonClass("secondary")} download data-testid="export-payments">
            {t("exportCsv")}
          </a>
        }
      />
      <FilterForm action={base} label={t("filter")} submit={t("filter")} reset={t("reset")}>
        <FilterRange type="date" labels={[t("from"), t("to")]} from={query.from} to={query.to} />
        <FilterSelect label={t("kind")} name="kind" value={query.kind} any={t("allKinds")} options={PAYMENT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        <FilterSelect label={t("status")} name="status" value={query.status} any={t("allStatuses")} options={PAYMENT_STATUSES.map((s) => ({ value: s, label: tr(`payments.statuses.${s}`) }))} />
      </FilterForm>
      <BadPeriodAlert show={badPeriod} text={t("badPeriod")} />
      {rows.length === 0 ? (
        <EmptyState icon="transactions" title={filtered ? t("noMatch") : t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <>
          <PaymentsTable t={t} locale={locale} base={base} accountId={account.id} rows={rows} />
          <CursorPagination
            label={t("shown", { count: rows.length })}
            navLabel={t("pages")}
            newest={query.cursor ? { href: `${base}?${qs()}`, text: t("newest") } : null}
            older={nextCursor ? { href: `${base}?${qs({ cursor: nextCursor })}`, text: t("older") } : null}
          />
        </>
      )}
    </>
  );
}

function PaymentsTable({ t, locale, base, accountId, rows }: { t: Translate; locale: Locale; base: string; accountId: string; rows: PaymentHistoryRow[] }) {
  const tr = translator(locale);
  const columns = [{ label: t("date") }, { label: t("kind") }, { label: t("method") }, { label: t("status") }, { label: t("amount"), numeric: true }, { label: t("receipt"), numeric: true }];
  return (
    <Table columns={columns} testId="payments-table">
      {rows.map((r) => (
        <tr key={r.id} data-testid="payment-row" data-kind={r.kind}>
          <Td nowrap>{`${r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}</Td>
          <Td nowrap>{t(`kinds.${r.kind}`)}</Td>
          <Td nowrap data-testid="payment-method">{methodText(r, tr)}</Td>
          <Td nowrap>
            <StatusBadge status={r.status} wire={r.provider === "bank_transfer" && r.kind !== "refund"} />
          </Td>
          <Td numeric>
            <Money value={r.amount} />
          </Td>
          <Td numeric nowrap>
            {hasReceipt(r) ? (
              <span className="flex justify-end gap-3">
                <Link href={`/a/${accountId}/billing/top-up/${r.id}`} className="font-medium text-blue-700 hover:underline">
                  {receiptNo(r.id)}
                </Link>
                <a href={`${base}/${r.id}/receipt`} className="font-medium text-blue-700 hover:underline" download data-testid="receipt-pdf">
                  {t("downloadReceipt")}
                  <span className="sr-only"> {receiptNo(r.id)}</span>
                </a>
              </span>
            ) : (
              "—"
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
