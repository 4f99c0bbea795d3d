"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { rotateEndpointSecretAction } from "@/lib/actions/webhooks/rotate-endpoint-secret";
import { setEndpointDisabledAction } from "@/lib/actions/webhooks/set-endpoint-disabled";
import { updateEndpointAction } from "@/lib/actions/webhooks/update-endpoint";
import { EventTypeCheckboxes } from "./event-type-checkboxes";
import { fieldError, formError } from "./form-errors";
import { SecretBox } from "@/components/alerts/alert-settings-form";

/** Runs an action from a form and refreshes the page when it succeeds. */
function useRefreshingAction<T>(run: (fd: FormData) => Promise<ActionResult<T>>) {
  const router = useRouter();
  return useActionState<ActionResult<T> | null, FormData>(async (_s, fd) => {
    const result = await run(fd);
    if (result.ok) router.refresh();
    return result;
  }, null);
}

/** The endpoint's event types and description. */
export function EditEndpointForm({ id, description, eventTypes }: { id: string; description: string; eventTypes: string[] }) {
  const t = useTranslations("webhooks");
  const tAll = useTranslations();
  const [state, action, pending] = useRefreshingAction((fd) => updateEndpointAction({ id, description: String(fd.get("description") ?? ""), eventTypes: fd.getAll("eventTypes").map(String) }));
  return (
    <form action={action} onSubmit={keepInput(action)} className="space-y-4" aria-label={t("endpoint.edit")}>
      <Field label={t("endpoint.description")} name="description" maxLength={200} defaultValue={description} error={fieldError(tAll, state, "description")} />
      <EventTypeCheckboxes legend={t("endpoint.types")} hint={t("create.typesHint")} checked={eventTypes} error={fieldError(tAll, state, "eventTypes")} />
      {formError(tAll, state) && <Alert tone="error">{formError(tAll, state)}</Alert>}
      {state?.ok && <Alert tone="success">{t("endpoint.saved")}</Alert>}
      <Button type="submit" disabled={pending} data-testid="save-endpoint">
        {t("endpoint.save")}
      </Button>
    </form>
  );
}

/** Rotate the secret (the new one shown once) and disable or enable the endpoint. */
export function EndpointSwitches({ id, disabled }: { id: string; disabled: boolean }) {
  const t = useTranslations("webhooks");
  const tAll = useTranslations();
  const [rotated, rotate, rotating] = useRefreshingAction(() => rotateEndpointSecretAction({ id }));
  const [toggled, toggle, toggling] = useRefreshingAction(() => setEndpointDisabledAction({ id, disabled: !disabled }));
  const error = formError(tAll, rotated) ?? formError(tAll, toggled);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <form action={rotate}>
          <Button type="submit" variant="secondary" disabled={rotating} data-testid="rotate-secret">
            {t("secret.rotate")}
          </Button>
        </form>
        <form action={toggle}>
          <Button type="submit" variant={disabled ? "secondary" : "danger"} disabled={toggling} data-testid="toggle-endpoint">
            {disabled ? t("endpoint.enable") : t("endpoint.disable")}
          </Button>
        </form>
        <span className="text-xs text-gray-600">{t("secret.rotateHint")}</span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {rotated?.ok && <SecretBox secret={rotated.data.secret} />}
    </div>
  );
}
