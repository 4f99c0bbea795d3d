import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { listBillingContacts } from "@/db/queries/memberships";
import { accounts, budgetNotifications, budgets, products } from "@/db/schema";
import { withTx } from "@/db/tx";
import type { BudgetThresholdProps } from "@/emails/budget-threshold";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { moneyJson } from "@/lib/events/catalogue";
import { emitEvent } from "@/lib/events/emit";
import { formatMoney } from "@/lib/money";
import { withThresholds } from "./manage";
import type { Threshold } from "./rule";
import { budgetState, type BudgetState } from "./state";

export interface BudgetEvaluation {
  /** Thresholds newly crossed and notified (each: one email per billing contact and one event). */
  notified: number;
  emails: number;
  events: number;
}

/**
 * Checks one budget at `now`, in one transaction under its row lock, so two job instances
 * take turns: each threshold crossed this month and not yet notified gets its notification
 * row (unique per budget, threshold and month), an email to every owner, admin and finance
 * member in their language, and a `budget.threshold_crossed` event, all committed together
 * or not at all. A crossing already notified this month sends nothing, even if spend fell
 * back under it (a refund) and rose again. A deleted budget is skipped.
 */
export async function evaluateBudget(db: DbOrTx, budgetId: string, now: Date): Promise<BudgetEvaluation> {
  const result: BudgetEvaluation = { notified: 0, emails: 0, events: 0 };
  await withTx(db, async (tx) => {
    result.notified = result.emails = result.events = 0;
    const rows = await tx.select().from(budgets).where(and(eq(budgets.id, budgetId), isNull(budgets.deletedAt))).for("update");
    const [budget] = await withThresholds(tx, rows);
    if (!budget) return;
    const state = await budgetState(tx, budget, now);
    const due = state.thresholds.filter((t) => t.crossed && !t.notifiedAt);
    if (!due.length) return;
    let contacts: Awaited<ReturnType<typeof listBillingContacts>> | null = null;
    for (const t of due) {
      const [row] = await tx
        .insert(budgetNotifications)
        .values({ budgetId, accountId: budget.accountId, percent: t.percent, kind: t.kind, month: state.month, budgetAmount: budget.amount, spend: state.spend, forecast: state.forecast, recipients: 0, sentAt: now })
        .onConflictDoNothing()
        .returning({ id: budgetNotifications.id });
      if (!row) continue;
      contacts ??= await listBillingContacts(tx, { accountId: budget.accountId });
      result.emails += await mail(tx, state, t, contacts);
      await tx.update(budgetNotifications).set({ recipients: contacts.length }).where(eq(budgetNotifications.id, row.id));
      if (await emitCrossed(tx, state, t, now)) result.events++;
      result.notified++;
    }
  });
  return result;
}

const figureOf = (s: BudgetState, t: Threshold) => (t.kind === "actual" ? s.spend : s.forecast);

async function mail(tx: Tx, s: BudgetState, t: Threshold, contacts: Awaited<ReturnType<typeof listBillingContacts>>): Promise<number> {
  const b = s.budget;
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, b.accountId));
  const [product] = b.scope.kind === "product" ? await tx.select({ en: products.nameEn, zh: products.nameZh }).from(products).where(eq(products.id, b.scope.productId)) : [];
  for (const c of contacts) {
    const scope: BudgetThresholdProps["scope"] =
      b.scope.kind === "product" ? { kind: "product", product: (c.locale === "zh-CN" ? product?.zh : product?.en) ?? b.scope.productId } : b.scope;
    await sendEmail(tx, {
      to: c.email,
      locale: c.locale,
      template: "budget-threshold",
      props: {
        name: c.name,
        account: account?.name ?? "",
        budget: b.name,
        scope,
        percent: t.percent,
        kind: t.kind,
        month: s.month,
        figure: formatMoney(figureOf(s, t), c.locale),
        amount: formatMoney(b.amount, c.locale),
        spend: formatMoney(s.spend, c.locale),
        budgetsUrl: `${appUrl()}/a/${b.accountId}/billing/budgets`,
      },
      idempotencyKey: `budget:${b.id}:${t.percent}:${t.kind}:${s.month}:${c.userId}`,
      accountId: b.accountId,
    });
  }
  return contacts.length;
}

/** The event's key is the budget, threshold and month: one event per crossing, whoever runs the job. */
function emitCrossed(tx: Tx, s: BudgetState, t: Threshold, now: Date) {
  const b = s.budget;
  return emitEvent(tx, {
    accountId: b.accountId,
    type: "budget.threshold_crossed",
    key: `${b.id}:${t.percent}:${t.kind}:${s.month}`,
    occurredAt: now,
    data: {
      budget: { id: b.id, name: b.name, amount: moneyJson(b.amount), basis: "net", scope: b.scope },
      threshold: { percent: t.percent, kind: t.kind },
      month: s.month,
      amount: moneyJson(figureOf(s, t)),
      spend: moneyJson(s.spend),
      forecast: moneyJson(s.forecast),
    },
  });
}
