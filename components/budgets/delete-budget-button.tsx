"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action";
import { deleteBudgetAction } from "@/lib/actions/budgets/delete-budget";

/** Deletes one budget after the browser's confirmation. */
export function DeleteBudgetButton({ accountId, budgetId, name }: { accountId: string; budgetId: string; name: string }) {
  const t = useTranslations("budgets.list");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<{ id: string }> | null, FormData>((_s, fd) => deleteBudgetAction(fd), null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(t("deleteConfirm", { name }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="budgetId" value={budgetId} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`${t("delete")}: ${name}`}>
        {t("delete")}
      </Button>
      {state && !state.ok && <p className="text-xs text-red-700">{tAll(`errors.${state.code}` as never)}</p>}
    </form>
  );
}
