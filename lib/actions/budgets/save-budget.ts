"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { createBudget, updateBudget } from "@/lib/budgets/manage";
import { evaluateBudget } from "@/lib/budgets/evaluate";
import { clockNow } from "@/lib/clock";
import { BudgetFormSchema, parseBudget } from "@/lib/budgets/validation";

const SaveBudgetSchema = BudgetFormSchema.extend({ budgetId: z.string().max(36).optional() });

/**
 * Creates a budget, or changes one of the account's (budgetId): a finance member's, owner's or
 * admin's. The saved budget is checked at once, so one already past a threshold warns now, not
 * at the hourly job's next run; if that check fails the budget stays saved and the job sends it.
 */
export const saveBudgetAction = accountAction(
  { schema: SaveBudgetSchema, permission: "budgets.manage", revalidate: ["/a/[accountId]/billing/budgets"] },
  async ({ db, input, user, ip }) => {
    const values = parseBudget(input);
    const id = input.budgetId
      ? (await updateBudget(db, { ...values, accountId: input.accountId, budgetId: input.budgetId, userId: user.id, ip }), input.budgetId)
      : (await createBudget(db, { ...values, accountId: input.accountId, userId: user.id, ip })).id;
    try {
      await evaluateBudget(db, id, clockNow());
    } catch (e) {
      console.error("budget check after saving failed; the budgets job will send it", e);
    }
    return { id, created: !input.budgetId };
  },
);
