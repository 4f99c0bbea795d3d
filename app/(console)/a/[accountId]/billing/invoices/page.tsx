import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import { InvoiceStatusBadge } from "@/components/invoices/status-badge";
import { ZipDownloadForm } from "@/components/invoices/zip-download";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterRange, FilterSelect } from "@/components/ui/filter-form";
import { Money } from "@/components/ui/money";
import { listQuery, Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { countInvoices, listInvoices } from "@/lib/invoices/read";
import { type CreditNoteRow, creditNotesOfInvoices } from "@/lib/credit-notes/read";
import { requireAccountPage } from "@/lib/auth/guards";
import { parseInvoiceQuery } from "@/lib/invoices/query";
import { INVOICE_STATUSES, outstandingAmount } from "@/lib/invoices/status";
import { formatWallTime } from "@/lib/invoices/view-model";
import { defaultZipPeriod, ZIP_MAX_MONTHS } from "@/lib/invoices/zip";
import { clockNow } from "@/lib/clock";

const PAGE_SIZE = 24;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"invoices">>>;
type InvoiceRow = Awaited<ReturnType<typeof listInvoices>>[number];
type InvoiceQuery = ReturnType<typeof parseInvoiceQuery>["query"];

export default async function InvoicesPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  await requireAccountPage(accountId, "invoices.read");
  const t = await getTranslations("invoices");
  const { query, filters, badPeriod } = parseInvoiceQuery(await searchParams);
  const db = getDb();
  const [total, rows] = await Promise.all([
    countInvoices(db, { accountId, ...filters }),
    listInvoices(db, { accountId, ...filters, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
  ]);
  // The page's invoices' credit notes, listed under each invoice (a page is PAGE_SIZE invoices: one bounded query).
  const [tc, notes] = await Promise.all([getTranslations("creditNotes"), creditNotesOfInvoices(db, { accountId, invoiceIds: rows.map((r) => r.id) })]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const qs = (extra: Record<string, string | number | undefined>) => listQuery({ from: query.from, to: query.to, status: query.status }, extra);
  const base = `/a/${accountId}/billing/invoices`;
  const filtered = !!(query.from || query.to || query.status);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`${base}/export?${qs({})}`} className={buttonClass("secondary")} download data-testid="export-list">
            {t("exportListCsv")}
          </a>
        }
      />
      <InvoiceFilters t={t} base={base} query={query} />
      <InvoiceZip t={t} base={base} query={query} />
      {badPeriod && (
        <div className="mb-4">
          <Alert tone="warning">{t("badPeriod")}</Alert>
        </div>
      )}
      {rows.length === 0 ? (
        <EmptyState icon="invoices" title={filtered ? t("noMatch") : t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <>
          <InvoicesTable t={t} tc={tc} base={base} rows={rows} notes={notes} />
          <Pagination page={query.page} pages={pages} label={t("pageOf", { page: query.page, pages, total })} href={(page) => `${base}?${qs({ page })}`} previous={t("previous")} next={t("next")} />
        </>
      )}
    </>
  );
}

function InvoiceFilters({ t, base, query }: { t: Translate; base: string; query: InvoiceQuery }) {
  return (
    <FilterForm action={base} label={t("filter")} submit={t("filter")} reset={t("reset")}>
      <FilterRange type="month" labels={[t("from"), t("to")]} from={query.from} to={query.to} />
      <FilterSelect label={t("status")} name="status" value={query.status} any={t("allStatuses")} options={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
    </FilterForm>
  );
}

function InvoiceZip({ t, base, query }: { t: Translate; base: string; query: InvoiceQuery }) {
  const fallback = defaultZipPeriod(clockNow());
  const labels = { title: t("zip.title"), hint: t("zip.hint", { max: ZIP_MAX_MONTHS }), from: t("zip.from"), to: t("zip.to"), submit: t("zip.submit") };
  return <ZipDownloadForm action={`${base}/zip`} from={query.from ?? fallback.from} to={query.to ?? fallback.to} labels={labels} />;
}

type Note = CreditNoteRow;
type TranslateNotes = Awaited<ReturnType<typeof getTranslations<"creditNotes">>>;

/** A credit note under its invoice: its number, the kind where the status is, its amount negative, its PDF. */
function CreditNoteRow({ tc, base, n, invoice }: { tc: TranslateNotes; base: string; n: Note; invoice: InvoiceRow }) {
  return (
    <tr data-testid="credit-note-row" data-number={n.number} className="bg-gray-50">
      <Td nowrap>
        <span className="pl-4 text-gray-900">{n.number}</span>
        <span className="block pl-4 text-xs text-gray-600">{tc("forInvoice", { invoice: invoice.number })}</span>
      </Td>
      <Td nowrap>{invoice.period}</Td>
      <Td nowrap>{formatWallTime(n.issuedAt, false)}</Td>
      <Td nowrap>{tc(`kinds.${n.kind as "refund" | "adjustment" | "correction"}`)}</Td>
      <Td numeric>
        <Money value={-n.total} />
      </Td>
      <Td numeric />
      <Td numeric>
        <a href={`${base}/${invoice.id}/credit-notes/${n.id}/pdf`} className="font-medium text-blue-700 hover:underline" download>
          {tc("downloadPdf")}
          <span className="sr-only"> {n.number}</span>
        </a>
      </Td>
    </tr>
  );
}

function InvoicesTable({ t, tc, base, rows, notes }: { t: Translate; tc: TranslateNotes; base: string; rows: InvoiceRow[]; notes: Note[] }) {
  const columns = [
    { label: t("number") },
    { label: t("period") },
    { label: t("issued") },
    { label: t("status") },
    { label: t("total"), numeric: true },
    { label: t("amountDue"), numeric: true },
    { label: t("actions"), numeric: true },
  ];
  return (
    <Table columns={columns} testId="invoices-table">
      {rows.map((r) => {
        const due = outstandingAmount(r);
        return (
          <Fragment key={r.id}>
            <tr data-testid="invoice-row" data-number={r.number}>
            <Td nowrap tone="strong">
              <Link href={`${base}/${r.id}`} className="text-blue-700 hover:underline">
                {r.number}
              </Link>
            </Td>
            <Td nowrap>{r.period}</Td>
            <Td nowrap>{formatWallTime(r.issuedAt, false)}</Td>
            <Td nowrap>
              <InvoiceStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
            </Td>
            <Td numeric>
              <Money value={r.total} />
            </Td>
            <Td numeric>
              <Money value={due} />
            </Td>
            <Td numeric>
              <a href={`${base}/${r.id}/pdf`} className="font-medium text-blue-700 hover:underline" download>
                {t("downloadPdf")}
                <span className="sr-only"> {r.number}</span>
              </a>
            </Td>
            </tr>
            {notes
              .filter((n) => n.invoiceId === r.id)
              .map((n) => (
                <CreditNoteRow key={n.id} tc={tc} base={base} n={n} invoice={r} />
              ))}
          </Fragment>
        );
      })}
    </Table>
  );
}
