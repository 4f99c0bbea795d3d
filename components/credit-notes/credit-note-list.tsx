import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { CreditNoteRow } from "@/lib/credit-notes/read";
import type { Locale } from "@/lib/i18n/config";
import { formatWallTime } from "@/lib/invoices/view-model";
import { outstandingAmount } from "@/lib/invoices/status";
import { formatMoney } from "@/lib/money";

type Note = CreditNoteRow;

/**
 * An invoice's credit notes (number, date, kind, reason, amount as a negative, PDF) and what
 * the invoice asks for after them. `pdfHref` gives each note's download.
 */
export async function CreditNoteList({ notes, invoice, locale, pdfHref }: { notes: Note[]; invoice: { amountDue: bigint; settled: bigint }; locale: Locale; pdfHref: (id: string) => string }) {
  if (notes.length === 0) return null;
  const t = await getTranslations("creditNotes");
  const money = (v: bigint) => formatMoney(v, locale);
  const credited = notes.reduce((s, n) => s + n.total, 0n);
  return (
    <Card title={t("title")} className="mt-4">
      <Table
        frame="bare"
        density="compact"
        testId="credit-notes"
        columns={[{ label: t("number") }, { label: t("issued") }, { label: t("kind") }, { label: t("reason") }, { label: t("amount"), numeric: true }, { label: "" }]}
      >
        {notes.map((n) => (
          <tr key={n.id} data-testid="credit-note-row">
            <Td tone="strong">{n.number}</Td>
            <Td>{formatWallTime(n.issuedAt, false)}</Td>
            <Td>{t(`kinds.${n.kind as "refund" | "adjustment" | "correction"}`)}</Td>
            <Td className="max-w-72 whitespace-normal">{n.reason}</Td>
            <Td numeric>{money(-n.total)}</Td>
            <Td>
              <a href={pdfHref(n.id)} download className="font-medium text-blue-700 underline" data-testid="credit-note-pdf">
                {t("downloadPdf")}
                <span className="sr-only"> {n.number}</span>
              </a>
            </Td>
          </tr>
        ))}
      </Table>
      <dl className="mt-3 space-y-1 text-sm">
        <div className="flex justify-between gap-4 text-gray-700">
          <dt>{t("credited")}</dt>
          <dd className="tabular-nums">{money(-credited)}</dd>
        </div>
        <div className="flex justify-between gap-4 font-semibold text-gray-900" data-testid="amount-due-after">
          <dt>{t("amountDueAfter")}</dt>
          <dd className="tabular-nums">{money(outstandingAmount(invoice))}</dd>
        </div>
      </dl>
    </Card>
  );
}
