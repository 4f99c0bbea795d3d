import { getDb } from "@/db/client";
import { accountRoute } from "@/lib/auth/route";
import { spendFromCharges } from "@/lib/billing/spend";
import { clockNow } from "@/lib/clock";
import { csvField } from "@/lib/csv";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { toDecimalString } from "@/lib/money";

export const runtime = "nodejs";

/**
 * The monthly spend of the chart as CSV, to the micro-dollar: summed from the charges
 * and subscription orders themselves (not the chart's rollup), for 6 or 12 months.
 */
export const GET = accountRoute("billing.read", async (req, { account }) => {
  const months = new URL(req.url).searchParams.get("range") === "12" ? 12 : 6;
  const t = translator(localeFromCookieHeader(req.headers.get("cookie")));
  const rows = await spendFromCharges(getDb(), account.id, months, clockNow());
  async function* lines() {
    const usd = (h: string) => `${h} (USD)`;
    yield [
      t("pages.overview.spend.month"),
      usd(t("pages.overview.spend.paid")),
      usd(t("pages.overview.spend.discount")),
      usd(t("pages.overview.spend.voucher")),
      usd(t("pages.overview.spend.total")),
    ]
      .map((h) => csvField(h))
      .join(",");
    for (const m of rows)
      yield [
        m.month,
        ...[m.cashPaid, m.discount, m.voucherPaid, m.gross].map((v) =>
          csvField(toDecimalString(v), false),
        ),
      ].join(",");
  }
  return csvResponse(lines(), "monthly-spend");
});
