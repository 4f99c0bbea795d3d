import type { DbOrTx } from "@/db/client";
import { type TransactionFilters, listTransactions } from "@/db/queries/transactions";
import { csvField as field, moneyFields, moneyHeaders } from "@/lib/csv";
import type { MoneyLocale } from "@/lib/money";

const LABELS: Record<MoneyLocale, { time: string; type: string; description: string; amount: string; balanceAfter: string; frozen: string; rest: string[] }> = {
  en: { time: "Time (UTC)", type: "Type", description: "Description", amount: "Amount", balanceAfter: "Balance after", frozen: "Frozen change", rest: ["Order number", "Resource ID", "Transaction ID"] },
  "zh-CN": { time: "时间 (UTC)", type: "类型", description: "描述", amount: "金额", balanceAfter: "交易后余额", frozen: "冻结金变动", rest: ["订单号", "资源 ID", "流水号"] },
};

function headers(locale: MoneyLocale): string[] {
  const l = LABELS[locale];
  return [l.time, l.type, l.description, ...moneyHeaders(l.amount, locale), ...moneyHeaders(l.balanceAfter, locale), ...moneyHeaders(l.frozen, locale), ...l.rest];
}

/**
 * The account's movements as CSV lines (header first), fetched page by page so a long
 * history never sits in memory at once. Each amount twice: in dollars to the cent, as the
 * pages show it, and in exact micro-dollars.
 */
export async function* transactionsCsvLines(
  db: DbOrTx,
  opts: TransactionFilters & { locale?: MoneyLocale; typeLabel?: (type: string) => string },
): AsyncGenerator<string> {
  const label = opts.typeLabel ?? ((t: string) => t);
  yield headers(opts.locale ?? "en").map((h) => field(h)).join(",");
  let cursor: string | null = null;
  do {
    const page = await listTransactions(db, { ...opts, limit: 500, cursor });
    for (const r of page.rows) {
      yield [
        field(r.createdAt.toISOString()),
        field(label(r.type)),
        field(r.description),
        ...moneyFields(r.amount),
        ...(r.balanceAfter === null ? ["", ""] : moneyFields(r.balanceAfter)),
        ...moneyFields(r.frozenAmount),
        field(r.orderNo ?? ""),
        field(r.resourceId ?? ""),
        field(r.id),
      ].join(",");
    }
    cursor = page.nextCursor;
  } while (cursor);
}

export async function exportTransactionsCsv(
  db: DbOrTx,
  opts: TransactionFilters & { locale?: MoneyLocale; typeLabel?: (type: string) => string },
): Promise<string> {
  const lines: string[] = [];
  for await (const line of transactionsCsvLines(db, opts)) lines.push(line);
  return `${lines.join("\r\n")}\r\n`;
}
