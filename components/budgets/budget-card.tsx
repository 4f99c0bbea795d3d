import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Money } from "@/components/ui/money";
import type { BudgetState } from "@/lib/budgets/state";
import { DeleteBudgetButton } from "./delete-budget-button";

/** What a budget covers, in the viewer's language (a product by its name). */
export async function scopeLabel(state: BudgetState, productName: (id: string) => string): Promise<string> {
  const t = await getTranslations("budgets.scope");
  const s = state.budget.scope;
  return s.kind === "product" ? t("product", { product: productName(s.productId) }) : s.kind === "tag" ? t("tag", { key: s.key, value: s.value }) : t("all");
}

/** One budget: its spend against the amount (a bar), the forecast, and each threshold's state this month. */
export async function BudgetCard({ state, scope, month, accountId, canManage }: { state: BudgetState; scope: string; month: string; accountId: string; canManage: boolean }) {
  const [t, format] = await Promise.all([getTranslations("budgets"), getFormatter()]);
  const b = state.budget;
  const over = state.spend >= b.amount;
  const bar = Math.min(100, state.percent);
  return (
    <li className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" data-testid="budget" aria-labelledby={`budget-${b.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`budget-${b.id}`} className="text-base font-semibold text-gray-900">
            {b.name}
          </h2>
          <p className="text-sm text-gray-600" data-testid="budget-scope">
            {scope} · {t("list.month", { month })}
          </p>
        </div>
        {canManage && (
          <div className="flex items-center gap-1">
            <Link href={`/a/${accountId}/billing/budgets?edit=${b.id}`} className="rounded-md px-3 py-2 text-sm font-semibold text-blue-700 hover:bg-gray-100" aria-label={`${t("list.edit")}: ${b.name}`}>
              {t("list.edit")}
            </Link>
            <DeleteBudgetButton accountId={accountId} budgetId={b.id} name={b.name} />
          </div>
        )}
      </div>
      <dl className="mt-4 grid grid-cols-3 gap-4 text-sm">
        {(
          [
            ["spend", "list.spend", state.spend],
            ["forecast", "list.forecast", state.forecast],
            ["amount", "list.budget", b.amount],
          ] as const
        ).map(([id, label, value]) => (
          <div key={id}>
            <dt className="text-gray-600">{t(label)}</dt>
            <dd className="font-semibold tabular-nums text-gray-900" data-testid={`budget-${id}`}>
              <Money value={value} />
            </dd>
          </div>
        ))}
      </dl>
      <div
        className="mt-3 h-2.5 w-full overflow-hidden rounded-full bg-gray-100"
        role="progressbar"
        aria-label={t("list.progress", { percent: state.percent })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={bar}
      >
        <div className={`h-full rounded-full ${over ? "bg-red-600" : state.thresholds.some((x) => x.crossed) ? "bg-amber-500" : "bg-blue-600"}`} style={{ width: `${bar}%` }} />
      </div>
      <p className="mt-1 text-xs text-gray-600" data-testid="budget-progress">
        {t("list.progress", { percent: state.percent })}
      </p>
      <h3 className="mt-4 text-sm font-semibold text-gray-900">{t("list.thresholds")}</h3>
      <ul className="mt-2 space-y-1.5 text-sm" data-testid="budget-thresholds">
        {state.thresholds.map((x) => (
          <li key={`${x.percent}-${x.kind}`} className="flex flex-wrap items-center gap-2" data-testid="budget-threshold">
            <span className="text-gray-800">{t(`threshold.${x.kind}`, { percent: x.percent })}</span>
            <Badge tone={x.crossed ? "amber" : "gray"}>{x.crossed ? t("threshold.crossed") : t("threshold.ok")}</Badge>
            {x.notifiedAt && (
              <span className="text-xs text-gray-600">{t("threshold.notified", { at: format.dateTime(x.notifiedAt, { dateStyle: "medium", timeStyle: "short" }) })}</span>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}
