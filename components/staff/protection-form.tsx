"use client";
import { useTranslations } from "next-intl";
import { setProtectionAction } from "@/lib/actions/staff/set-protection";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { useConfirmStep } from "@/components/staff/use-confirm-step";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { STAFF_REASON_MAX, STAFF_REASON_MIN } from "@/lib/staff/reason";

/**
 * Staff-finance set the account's overdue protection period in two steps: hours (empty: each
 * product's own period) and a reason, then a confirmation showing before → after.
 */
export function ProtectionForm({ accountId, accountName, current }: { accountId: string; accountName: string; current: number | null }) {
  const t = useTranslations("staff.protection");
  const te = useTranslations("errors");
  const tc = useTranslations("staff.confirm");
  const reasonError = (key: string | undefined) => (key?.startsWith("staff.confirm.errors.") ? tc(`errors.${key.slice("staff.confirm.errors.".length)}` as "errors.reason") : key);
  const { draft, result, failed, pending, review, confirm, edit } = useConfirmStep((d: { hours: string; reason: string }) => setProtectionAction({ accountId, ...d }));
  const shown = (h: number | null) => (h === null ? t("productDefault") : t("hours", { hours: h }));

  if (draft) {
    return (
      <ConfirmPanel
        testId="protection"
        title={t("confirmTitle")}
        lead={accountName}
        note={t("effectNote")}
        effects={[t("effect", { account: accountName, before: shown(current), after: shown(draft.hours === "" ? null : Number(draft.hours)) })]}
        reason={draft.reason}
        error={failed ? (failed.code === "VALIDATION" ? (failed.fieldErrors?.hours?.[0] ?? reasonError(failed.fieldErrors?.reason?.[0]) ?? failed.message) : te(failed.code)) : null}
        pending={pending}
        confirmLabel={t("confirm")}
        onConfirm={confirm}
        onEdit={edit}
      />
    );
  }

  return (
    <form
      className="space-y-4"
      aria-label={t("title")}
      data-testid="protection-form"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        review({ hours: String(fd.get("hours") ?? "").trim(), reason: String(fd.get("reason") ?? "").trim() });
      }}
    >
      <Field key={`hours-${current}`} label={t("hoursLabel")} name="hours" defaultValue={current === null ? "" : String(current)} inputMode="numeric" pattern="\d{1,3}" hint={t("hoursHint")} error={failed?.fieldErrors?.hours?.[0]} />
      <Field label={t("reason")} name="reason" required minLength={STAFF_REASON_MIN} maxLength={STAFF_REASON_MAX} error={reasonError(failed?.fieldErrors?.reason?.[0])} />
      {result?.ok && <Alert tone="success">{t("saved", { before: shown(result.data.before), after: shown(result.data.after) })}</Alert>}
      {failed && !failed.fieldErrors && <Alert tone="error">{failed.code === "VALIDATION" ? failed.message : te(failed.code)}</Alert>}
      <Button type="submit">{t("review")}</Button>
    </form>
  );
}
