"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { savedKey, useSavedState } from "@/components/ui/saved-values";
import type { ActionResult } from "@/lib/actions/action";
import { rotateWebhookSecretAction } from "@/lib/actions/alerts/rotate-webhook-secret";
import { saveAlertSettingsAction } from "@/lib/actions/alerts/save-alert-settings";

type T = ReturnType<typeof useTranslations>;
const MAX = 5;

/** A field's error: our field errors are message keys under alerts.errors; anything else is the generic message. */
function fieldError(t: T, state: ActionResult<unknown> | null, field: string): string | undefined {
  if (!state || state.ok) return undefined;
  const key = state.fieldErrors?.[field]?.[0];
  if (!key) return undefined;
  const tr = t as unknown as { has(k: string): boolean; (k: string): string };
  return key.startsWith("alerts.errors.") && tr.has(key) ? tr(key) : t("errors.VALIDATION");
}

function formError(t: T, state: ActionResult<unknown> | null): string | undefined {
  if (!state || state.ok || (state.code === "VALIDATION" && state.fieldErrors && Object.keys(state.fieldErrors).length)) return undefined;
  return t(`errors.${state.code}` as never);
}

/** A new signing secret, shown this once (also the platform endpoints' on the staff console). */
export function SecretBox({ secret }: { secret: string }) {
  const t = useTranslations("alerts.secret");
  return (
    <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" role="status" data-testid="new-secret">
      <p className="font-semibold">{t("newTitle")}</p>
      <p className="mt-1">{t("newBody")}</p>
      <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-gray-900 select-all">{secret}</code>
    </div>
  );
}

/** The thresholds, one field each, with remove and add buttons. */
function ThresholdsFieldset({ thresholds, setThresholds, state }: { thresholds: string[]; setThresholds: (next: (shown: string[]) => string[]) => void; state: ActionResult<unknown> | null }) {
  const t = useTranslations("alerts");
  const tAll = useTranslations();
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-gray-900">{t("form.thresholds")}</legend>
      <p className="text-xs text-gray-600">{t("form.thresholdsHint", { max: MAX })}</p>
      {thresholds.map((value, i) => (
        <div key={i} className="flex items-end gap-2">
          <div className="w-48">
            <Field
              label={t("form.threshold", { n: i + 1 })}
              name={`threshold_${i}`}
              inputMode="decimal"
              value={value}
              onChange={(e) => setThresholds((list) => list.map((v, j) => (j === i ? e.target.value : v)))}
              error={fieldError(tAll, state, `threshold_${i}`)}
            />
          </div>
          {thresholds.length > 1 && (
            <Button type="button" variant="ghost" aria-label={t("form.removeThreshold", { n: i + 1 })} onClick={() => setThresholds((list) => list.filter((_, j) => j !== i))}>
              ✕
            </Button>
          )}
        </div>
      ))}
      {thresholds.length < MAX && (
        <Button type="button" variant="secondary" onClick={() => setThresholds((list) => [...list, ""])}>
          {t("form.addThreshold")}
        </Button>
      )}
    </fieldset>
  );
}

export function AlertSettingsForm(props: { accountId: string; enabled: boolean; thresholds: string[]; webhookUrl: string; secretHint: string | null }) {
  const t = useTranslations("alerts");
  const tAll = useTranslations();
  const [thresholds, setThresholds] = useSavedState<string[]>(props.thresholds.length ? props.thresholds : [""]);
  const [state, action, pending] = useActionState<ActionResult<{ enabled: boolean; newSecret: string | null }> | null, FormData>((_s, fd) => saveAlertSettingsAction(fd), null);
  const [rotated, rotate, rotating] = useActionState<ActionResult<{ newSecret: string }> | null, FormData>((_s, fd) => rotateWebhookSecretAction(fd), null);
  const newSecret = (rotated?.ok && rotated.data.newSecret) || (state?.ok && state.data.newSecret) || null;
  const hasWebhook = !!props.webhookUrl;
  return (
    <div className="space-y-6">
      {/* Keyed by the saved values: the page comes back with them (thresholds sorted) after a save, and the fields show them. */}
      <form key={savedKey([props.enabled, props.thresholds, props.webhookUrl])} action={action} onSubmit={keepInput(action)} className="space-y-5" aria-label={t("form.label")}>
        <input type="hidden" name="accountId" value={props.accountId} />
        <label className="flex items-center gap-3 text-sm font-medium text-gray-900">
          <input type="checkbox" name="enabled" defaultChecked={props.enabled} className="size-4" />
          {t("form.enabled")}
        </label>
        <ThresholdsFieldset thresholds={thresholds} setThresholds={setThresholds} state={state} />
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-gray-900">{t("form.webhookTitle")}</legend>
          <Field label={t("form.webhookUrl")} name="webhookUrl" type="text" inputMode="url" defaultValue={props.webhookUrl} placeholder="https://" hint={t("form.webhookHint")} error={fieldError(tAll, state, "webhookUrl")} />
        </fieldset>
        {formError(tAll, state) && <Alert tone="error">{formError(tAll, state)}</Alert>}
        {state?.ok && <Alert tone="success">{t("form.saved")}</Alert>}
        <Button type="submit" disabled={pending}>
          {t("form.save")}
        </Button>
      </form>
      {newSecret && <SecretBox secret={newSecret} />}
      <section aria-labelledby="secret-heading" className="border-t border-gray-100 pt-4">
        <h3 id="secret-heading" className="text-sm font-semibold text-gray-900">
          {t("secret.title")}
        </h3>
        {hasWebhook && props.secretHint ? (
          <form action={rotate} className="mt-2 space-y-2">
            <input type="hidden" name="accountId" value={props.accountId} />
            <p className="text-sm text-gray-700" data-testid="secret-hint">
              {t("secret.current", { hint: props.secretHint })}
            </p>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" variant="secondary" disabled={rotating}>
                {t("secret.regenerate")}
              </Button>
              <span className="text-xs text-gray-600">{t("secret.regenerateHint")}</span>
            </div>
            {rotated && !rotated.ok && <Alert tone="error">{fieldError(tAll, rotated, "webhookUrl") ?? formError(tAll, rotated)}</Alert>}
          </form>
        ) : (
          <p className="mt-2 text-sm text-gray-600">{t("secret.none")}</p>
        )}
      </section>
    </div>
  );
}
