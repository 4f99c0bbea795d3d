"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { deleteBudget } from "@/lib/budgets/manage";

/** Deletes one of the account's budgets; another account's is not found. */
export const deleteBudgetAction = accountAction(
  { schema: z.object({ budgetId: z.string().max(36) }), permission: "budgets.manage", revalidate: ["/a/[accountId]/billing/budgets"] },
  async ({ db, input, user, ip }) => {
    await deleteBudget(db, { accountId: input.accountId, budgetId: input.budgetId, userId: user.id, ip });
    return { id: input.budgetId };
  },
);
