import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { BudgetCard, scopeLabel } from "@/components/budgets/budget-card";
import { BudgetForm, type BudgetFormValues } from "@/components/budgets/budget-form";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { listProducts } from "@/db/queries/billing";
import { can } from "@/lib/auth/permissions";
import { requireAccountPage } from "@/lib/auth/guards";
import { type Budget, listBudgets } from "@/lib/budgets/manage";
import { DEFAULT_THRESHOLDS } from "@/lib/budgets/rule";
import { budgetState } from "@/lib/budgets/state";
import { clockNow } from "@/lib/clock";
import { toDecimalString } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("budgets"))("title") };
}

function formValues(b: Budget | undefined): BudgetFormValues {
  if (!b) return { name: "", amount: "", scope: "all", productId: "", tagKey: "", tagValue: "", thresholds: DEFAULT_THRESHOLDS.map((x) => ({ percent: String(x.percent), kind: x.kind })) };
  return {
    id: b.id,
    name: b.name,
    amount: toDecimalString(b.amount, { minDecimals: 0 }),
    scope: b.scope.kind,
    productId: b.scope.kind === "product" ? b.scope.productId : "",
    tagKey: b.scope.kind === "tag" ? b.scope.key : "",
    tagValue: b.scope.kind === "tag" ? b.scope.value : "",
    thresholds: b.thresholds.map((x) => ({ percent: String(x.percent), kind: x.kind })),
  };
}

export default async function BudgetsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ edit?: string }> }) {
  const { account, role } = await requireAccountPage((await params).accountId, "billing.read");
  const { edit } = await searchParams;
  const db = getDb();
  const now = clockNow();
  const [t, locale, list, products] = await Promise.all([getTranslations("budgets"), getLocale(), listBudgets(db, { accountId: account.id }), listProducts(db)]);
  const states = await Promise.all(list.map((b) => budgetState(db, b, now)));
  const productName = (id: string) => {
    const p = products.find((x) => x.id === id);
    return p ? (locale === "zh-CN" ? p.nameZh : p.nameEn) : id;
  };
  const canManage = can(role, "budgets.manage");
  const editing = edit ? list.find((b) => b.id === edit) : undefined;
  const monthLabel = (m: string) => new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${m}-01T00:00:00Z`));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-3">
          {states.length ? (
            <ul className="space-y-4" aria-label={t("list.label")} data-testid="budgets">
              {await Promise.all(
                states.map(async (s) => (
                  <BudgetCard key={s.budget.id} state={s} scope={await scopeLabel(s, productName)} month={monthLabel(s.month)} accountId={account.id} canManage={canManage} />
                )),
              )}
            </ul>
          ) : (
            <EmptyState icon="budgets" title={t("title")} body={t("empty")} />
          )}
        </div>
        <div className="lg:col-span-2">
          {canManage ? (
            <Card title={editing ? t("form.editTitle", { name: editing.name }) : t("form.createTitle")}>
              <BudgetForm
                key={editing?.id ?? "new"}
                accountId={account.id}
                products={products.map((p) => ({ id: p.id, label: locale === "zh-CN" ? p.nameZh : p.nameEn }))}
                initial={formValues(editing)}
                cancelHref={editing ? `/a/${account.id}/billing/budgets` : undefined}
              />
            </Card>
          ) : (
            <p className="text-sm text-gray-600">{t("readOnly")}</p>
          )}
        </div>
      </div>
    </>
  );
}
