import type { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/action";

type T = ReturnType<typeof useTranslations>;

/** A field's error from an action: our field errors are message keys (translated here); anything else is the code's generic message. */
export function fieldError(t: T, state: ActionResult<unknown> | null, field: string, vars: Record<string, string> = {}): string | undefined {
  if (!state || state.ok) return undefined;
  const key = state.fieldErrors?.[field]?.[0];
  if (!key) return undefined;
  // Keys are checked at run time (t.has); the typed overloads cannot know a key that arrives as data.
  const tr = t as unknown as { has(k: string): boolean; (k: string, v?: Record<string, string>): string };
  // Payment keys, and the staff reason rule the payment actions share with the other staff actions.
  return (key.startsWith("payments.") || key.startsWith("staff.confirm.")) && tr.has(key) ? tr(key, vars) : t("errors.VALIDATION");
}

/** The form-level message of a failed action, unless a field shows it. */
export function formError(t: T, state: ActionResult<unknown> | null, fields: string[]): string | undefined {
  if (!state || state.ok) return undefined;
  if (state.code === "VALIDATION" && fields.some((f) => state.fieldErrors?.[f]?.length)) return undefined;
  return t(`errors.${state.code}` as never);
}
