import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

/** A budget threshold crossed, to an account's owners, admins and finance members (lib/budgets/evaluate.ts). */
export interface BudgetThresholdProps {
  name: string;
  account: string;
  budget: string;
  /** What the budget covers; a product by its name in the recipient's language. */
  scope: { kind: "all" } | { kind: "product"; product: string } | { kind: "tag"; key: string; value: string };
  percent: number;
  kind: "actual" | "forecast";
  /** "YYYY-MM". */
  month: string;
  /** Formatted in the recipient's locale: the watched figure, the budget, and spend so far. */
  figure: string;
  amount: string;
  spend: string;
  budgetsUrl: string;
}

function vars(locale: Locale, p: BudgetThresholdProps) {
  const t = translator(locale);
  const [y, m] = p.month.split("-").map(Number);
  const month = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y!, m! - 1, 1)));
  const scope = p.scope.kind === "product" ? t("budgets.scope.product", { product: p.scope.product }) : p.scope.kind === "tag" ? t("budgets.scope.tag", { key: p.scope.key, value: p.scope.value }) : t("budgets.scope.all");
  return { name: p.name, account: p.account, budget: p.budget, scope, month, percent: p.percent, figure: p.figure, amount: p.amount, spend: p.spend, threshold: t(`budgets.threshold.${p.kind}`, { percent: p.percent }) };
}

export const budgetThresholdSubject = (locale: Locale, p: BudgetThresholdProps) => translator(locale)("budgets.emails.threshold.subject", vars(locale, p));

export default function BudgetThresholdEmail({ locale = "en", ...p }: BudgetThresholdProps & { locale?: Locale }) {
  const t = translator(locale);
  const v = vars(locale, p);
  return (
    <EmailLayout locale={locale} preview={t("budgets.emails.threshold.preview", v)}>
      <Text>{t("budgets.emails.threshold.greeting", v)}</Text>
      <Text>{t(`budgets.emails.threshold.${p.kind}`, v)}</Text>
      <Text style={{ color: "#6b7280" }}>{t("budgets.emails.threshold.never")}</Text>
      <EmailButton href={p.budgetsUrl}>{t("budgets.emails.threshold.button")}</EmailButton>
    </EmailLayout>
  );
}

BudgetThresholdEmail.PreviewProps = {
  name: "Ada Lovelace",
  account: "Analytical Engines Ltd",
  budget: "Compute",
  scope: { kind: "tag", key: "team", value: "ml" },
  percent: 80,
  kind: "actual",
  month: "2026-12",
  figure: "$812.40",
  amount: "$1,000.00",
  spend: "$812.40",
  budgetsUrl: "http://localhost:3000/a/preview/billing/budgets",
} satisfies BudgetThresholdProps;
