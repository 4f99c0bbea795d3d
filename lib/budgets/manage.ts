import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { accounts, budgetThresholds, budgets, products } from "@/db/schema";
import { withTx } from "@/db/tx";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { sortThresholds, type Threshold } from "./rule";
import type { BudgetScope, BudgetValues } from "./validation";

/** Budgets one account may have: the page shows each with its forecast, so it stays a page. */
export const MAX_BUDGETS = 50;

export interface Budget {
  id: string;
  accountId: string;
  name: string;
  amount: bigint;
  scope: BudgetScope;
  thresholds: Threshold[];
  createdAt: Date;
  updatedAt: Date;
}

type BudgetRow = typeof budgets.$inferSelect;

export function scopeOf(r: Pick<BudgetRow, "scope" | "productId" | "tagKey" | "tagValue">): BudgetScope {
  if (r.scope === "product") return { kind: "product", productId: r.productId! };
  if (r.scope === "tag") return { kind: "tag", key: r.tagKey!, value: r.tagValue! };
  return { kind: "all" };
}

/** The scope as monthForecast takes it. */
export function costScope(s: BudgetScope) {
  return s.kind === "product" ? { productId: s.productId } : s.kind === "tag" ? { tag: { key: s.key, value: s.value } } : undefined;
}

const scopeColumns = (s: BudgetScope) => ({
  scope: s.kind,
  productId: s.kind === "product" ? s.productId : null,
  tagKey: s.kind === "tag" ? s.key : null,
  tagValue: s.kind === "tag" ? s.value : null,
});

/** Budgets with their thresholds, from rows already read (one query for the thresholds of all of them). */
export async function withThresholds(db: DbOrTx, rows: BudgetRow[]): Promise<Budget[]> {
  if (!rows.length) return [];
  const ts = await db
    .select()
    .from(budgetThresholds)
    .where(sql`${budgetThresholds.budgetId} = any(${sql.param(rows.map((r) => r.id))}::uuid[])`);
  return rows.map((r) => ({
    id: r.id,
    accountId: r.accountId,
    name: r.name,
    amount: r.amount,
    scope: scopeOf(r),
    thresholds: sortThresholds(ts.filter((t) => t.budgetId === r.id).map((t) => ({ percent: t.percent, kind: t.kind }))),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

/** The account's budgets, oldest first (deleted ones are gone). */
export async function listBudgets(db: DbOrTx, { accountId }: { accountId: string }): Promise<Budget[]> {
  const rows = await db
    .select()
    .from(budgets)
    .where(and(eq(budgets.accountId, accountId), isNull(budgets.deletedAt)))
    .orderBy(asc(budgets.createdAt), asc(budgets.id))
    .limit(MAX_BUDGETS);
  return withThresholds(db, rows);
}

/** One budget of the account; another account's (or a deleted one) is not found. */
export async function getBudget(db: DbOrTx, { accountId, budgetId }: { accountId: string; budgetId: string }): Promise<Budget> {
  if (!/^[0-9a-f-]{36}$/i.test(budgetId)) throw new AppError("NOT_FOUND", "Not found.");
  const rows = await db
    .select()
    .from(budgets)
    .where(and(eq(budgets.id, budgetId), eq(budgets.accountId, accountId), isNull(budgets.deletedAt)));
  const [b] = await withThresholds(db, rows);
  if (!b) throw new AppError("NOT_FOUND", "Not found.");
  return b;
}

async function checkProduct(tx: Tx, scope: BudgetScope) {
  if (scope.kind !== "product") return;
  const [p] = await tx.select({ id: products.id }).from(products).where(eq(products.id, scope.productId));
  if (!p) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { productId: ["budgets.errors.product"] });
}

async function writeThresholds(tx: Tx, budgetId: string, thresholds: Threshold[]) {
  await tx.delete(budgetThresholds).where(eq(budgetThresholds.budgetId, budgetId));
  await tx.insert(budgetThresholds).values(thresholds.map((t) => ({ budgetId, percent: t.percent, kind: t.kind })));
}

const auditView = (v: { name: string; amount: bigint; scope: BudgetScope; thresholds: Threshold[] }) => ({
  name: v.name,
  amount: v.amount,
  scope: v.scope,
  thresholds: sortThresholds(v.thresholds).map((t) => `${t.percent}% ${t.kind}`),
});

interface Actor {
  accountId: string;
  userId: string;
  ip?: string | null;
  now?: Date;
}

/** Creates a budget, audited. At most MAX_BUDGETS per account (counted under the account's row lock, so two at once cannot pass it). */
export async function createBudget(db: DbOrTx, input: BudgetValues & Actor): Promise<{ id: string }> {
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId)).for("update");
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(budgets)
      .where(and(eq(budgets.accountId, input.accountId), isNull(budgets.deletedAt)));
    if (n >= MAX_BUDGETS) throw new AppError("VALIDATION", `An account has at most ${MAX_BUDGETS} budgets: delete one first.`, { form: ["budgets.errors.tooMany"] });
    await checkProduct(tx, input.scope);
    const [row] = await tx
      .insert(budgets)
      .values({ accountId: input.accountId, name: input.name, amount: input.amount, ...scopeColumns(input.scope), createdByUserId: input.userId, createdAt: now, updatedAt: now })
      .returning({ id: budgets.id });
    await writeThresholds(tx, row!.id, input.thresholds);
    await audit(tx, { actorUserId: input.userId, actorKind: "user", accountId: input.accountId, action: "budget.create", targetType: "budget", targetId: row!.id, ip: input.ip, data: auditView(input) });
    return { id: row!.id };
  });
}

/** Changes a budget, audited with before and after. Crossings already notified this month stay notified for thresholds it keeps. */
export async function updateBudget(db: DbOrTx, input: BudgetValues & Actor & { budgetId: string }): Promise<void> {
  const now = input.now ?? clockNow();
  await withTx(db, async (tx) => {
    const before = await getBudget(tx, { accountId: input.accountId, budgetId: input.budgetId });
    await tx.select({ id: budgets.id }).from(budgets).where(eq(budgets.id, before.id)).for("update");
    await checkProduct(tx, input.scope);
    await tx
      .update(budgets)
      .set({ name: input.name, amount: input.amount, ...scopeColumns(input.scope), updatedAt: now })
      .where(eq(budgets.id, before.id));
    await writeThresholds(tx, before.id, input.thresholds);
    await audit(tx, {
      actorUserId: input.userId, actorKind: "user", accountId: input.accountId, action: "budget.update", targetType: "budget", targetId: before.id, ip: input.ip,
      data: { before: auditView(before), after: auditView(input) },
    });
  });
}

/** Deletes a budget (it stops being evaluated at once; its row stays for the records), audited. */
export async function deleteBudget(db: DbOrTx, input: Actor & { budgetId: string }): Promise<void> {
  const now = input.now ?? clockNow();
  await withTx(db, async (tx) => {
    const before = await getBudget(tx, { accountId: input.accountId, budgetId: input.budgetId });
    await tx.update(budgets).set({ deletedAt: now, updatedAt: now }).where(eq(budgets.id, before.id));
    await audit(tx, { actorUserId: input.userId, actorKind: "user", accountId: input.accountId, action: "budget.delete", targetType: "budget", targetId: before.id, ip: input.ip, data: auditView(before) });
  });
}
