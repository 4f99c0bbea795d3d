"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { createBudget, updateBudget } from "@/lib/budgets/manage";
import { BudgetFormSchema, parseBudget } from "@/lib/budgets/validation";

const SaveBudgetSchema = BudgetFormSchema.extend({ budgetId: z.string().max(36).optional() });

/** Creates a budget, or changes one of the account's (budgetId): a finance member's, owner's or admin's. */
export const saveBudgetAction = accountAction(
  { schema: SaveBudgetSchema, permission: "budgets.manage", revalidate: ["/a/[accountId]/billing/budgets"] },
  async ({ db, input, user, ip }) => {
    const values = parseBudget(input);
    if (input.budgetId) {
      await updateBudget(db, { ...values, accountId: input.accountId, budgetId: input.budgetId, userId: user.id, ip });
      return { id: input.budgetId, created: false };
    }
    const { id } = await createBudget(db, { ...values, accountId: input.accountId, userId: user.id, ip });
    return { id, created: true };
  },
);
