import type { DbOrTx } from "@/db/client";
import { csvField, moneyFields, moneyHeaders } from "@/lib/csv";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { costExplorer } from "./cost-explorer";
import { nameGroups } from "./cost-explorer-model";
import { type CostView, periodsOf } from "./cost-view";

/** Enough to list every group of any account by itself: the CSV is for the spreadsheet, not the eye. */
const ALL_GROUPS = 1_000_000;

/**
 * The view as CSV: a line per period and group with spend (every group, none summed as
 * Other), gross and net each in dollars to the cent and in exact micro-dollars, then the
 * total of the range. Group names are the page's, in the reader's language.
 */
export async function* costCsvLines(db: DbOrTx, opts: { accountId: string; view: CostView; locale: Locale }): AsyncGenerator<string> {
  const { view, locale } = opts;
  const t = translator(locale);
  const data = await costExplorer(db, { accountId: opts.accountId, view, top: ALL_GROUPS });
  const groups = nameGroups(data, view, locale);
  const dimension = view.group.kind === "tag" ? t("pages.costs.tagKey", { key: view.group.key }) : t(`pages.costs.dimensions.${view.group.kind}`);
  yield [t("pages.costs.period"), dimension, t("pages.costs.groupKey"), ...moneyHeaders(t("pages.costs.gross"), locale), ...moneyHeaders(t("pages.costs.net"), locale)].map((h) => csvField(h)).join(",");
  for (const period of periodsOf(view)) {
    for (const g of groups) {
      const a = g.row.periods.get(period);
      if (a) yield [period, csvField(g.name), csvField(g.row.key ?? ""), ...moneyFields(a.gross), ...moneyFields(a.net)].join(",");
    }
  }
  yield [csvField(t("pages.costs.total")), "", "", ...moneyFields(data.total.gross), ...moneyFields(data.total.net)].join(",");
}
