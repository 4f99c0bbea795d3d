import type { DbOrTx } from "@/db/client";
import { type TransactionFilters, listTransactions } from "@/db/queries/transactions";
import { csvField as field } from "@/lib/csv";
import { type MoneyLocale, toDecimalString } from "@/lib/money";

const HEADERS: Record<MoneyLocale, string[]> = {
  en: ["Time (UTC)", "Type", "Description", "Amount (USD)", "Balance after (USD)", "Frozen change (USD)", "Order number", "Resource ID", "Transaction ID"],
  "zh-CN": ["时间 (UTC)", "类型", "描述", "金额 (USD)", "交易后余额 (USD)", "冻结金变动 (USD)", "订单号", "资源 ID", "流水号"],
};


/**
 * The account's movements as CSV lines (header first), fetched page by page so a long
 * history never sits in memory at once. Amounts are exact decimals, not rounded.
 */
export async function* transactionsCsvLines(
  db: DbOrTx,
  opts: TransactionFilters & { locale?: MoneyLocale; typeLabel?: (type: string) => string },
): AsyncGenerator<string> {
  const label = opts.typeLabel ?? ((t: string) => t);
  yield HEADERS[opts.locale ?? "en"].map((h) => field(h)).join(",");
  let cursor: string | null = null;
  do {
    const page = await listTransactions(db, { ...opts, limit: 500, cursor });
    for (const r of page.rows) {
      yield [
        field(r.createdAt.toISOString()),
        field(label(r.type)),
        field(r.description),
        field(toDecimalString(r.amount), false),
        field(r.balanceAfter === null ? "" : toDecimalString(r.balanceAfter), false),
        field(toDecimalString(r.frozenAmount), false),
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
