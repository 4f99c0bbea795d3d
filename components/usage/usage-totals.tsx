import { getTranslations } from "next-intl/server";
import { Money } from "@/components/ui/money";

/** The filtered set's totals above the list: how many charges, gross, the deductions, and what was paid. */
export async function UsageTotalsCard({ totals }: { totals: { charges: number; gross: bigint; discount: bigint; voucherPaid: bigint; net: bigint } }) {
  const t = await getTranslations("usage");
  const figures = [
    { key: "gross", label: t("gross"), value: totals.gross },
    { key: "discount", label: t("discount"), value: -totals.discount },
    { key: "voucher", label: t("voucher"), value: -totals.voucherPaid },
    { key: "net", label: t("net"), value: totals.net },
  ];
  return (
    <section aria-labelledby="usage-totals-title" className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" data-testid="usage-totals">
      <h2 id="usage-totals-title" className="text-sm font-semibold text-gray-900">
        {t("totals")} <span className="font-normal text-gray-600">· {t("charges", { count: totals.charges })}</span>
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4">
        {figures.map((f) => (
          <div key={f.key} data-testid={`usage-total-${f.key}`}>
            <dt className="text-xs text-gray-600">{f.label}</dt>
            <dd className={`mt-1 text-lg tabular-nums ${f.key === "net" ? "font-semibold text-gray-900" : "text-gray-800"}`}>
              <Money value={f.value} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-gray-600">{t("netHint")}</p>
    </section>
  );
}
