import type { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/action";

type T = ReturnType<typeof useTranslations>;

/** A field's error: field errors are message keys (webhooks.errors.*, alerts.errors.*); anything else is the generic one. */
export function fieldError(t: T, state: ActionResult<unknown> | null, field: string): string | undefined {
  if (!state || state.ok) return undefined;
  const key = state.fieldErrors?.[field]?.[0];
  if (!key) return undefined;
  const tr = t as unknown as { has(k: string): boolean; (k: string): string };
  return tr.has(key) ? tr(key) : t("errors.VALIDATION");
}

/** The form's own error when no field carries it. */
export function formError(t: T, state: ActionResult<unknown> | null): string | undefined {
  if (!state || state.ok || (state.code === "VALIDATION" && state.fieldErrors && Object.keys(state.fieldErrors).length)) return undefined;
  // The only conflict these actions raise: the endpoint is disabled.
  return t(state.code === "CONFLICT" ? "webhooks.errors.disabled" : (`errors.${state.code}` as never));
}
