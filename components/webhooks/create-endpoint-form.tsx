"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { createEndpointAction } from "@/lib/actions/webhooks/create-endpoint";
import { EventTypeCheckboxes } from "./event-type-checkboxes";
import { fieldError, formError } from "./form-errors";
import { SecretBox } from "@/components/alerts/alert-settings-form";

type Created = ActionResult<{ id: string; secret: string }>;

/** URL, description and event types; on success the new secret, shown once, and the list refreshed beneath. */
export function CreateEndpointForm() {
  const t = useTranslations("webhooks.create");
  const tAll = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState<Created | null, FormData>(async (_s, fd) => {
    const result = await createEndpointAction({ url: String(fd.get("url") ?? ""), description: String(fd.get("description") ?? ""), eventTypes: fd.getAll("eventTypes").map(String) });
    if (result.ok) router.refresh();
    return result;
  }, null);
  return (
    <div className="space-y-4">
      {/* A new form after each creation, so the fields are empty for the next endpoint. */}
      <form key={state?.ok ? state.data.id : "new"} action={action} onSubmit={keepInput(action)} className="space-y-4" aria-label={t("title")}>
        <Field label={t("url")} name="url" type="text" inputMode="url" placeholder="https://" hint={t("urlHint")} error={fieldError(tAll, state, "url")} required />
        <Field label={t("description")} name="description" maxLength={200} error={fieldError(tAll, state, "description")} />
        <EventTypeCheckboxes legend={t("types")} hint={t("typesHint")} checked={[]} error={fieldError(tAll, state, "eventTypes")} />
        {formError(tAll, state) && <Alert tone="error">{formError(tAll, state)}</Alert>}
        <Button type="submit" disabled={pending} data-testid="create-endpoint">
          {t("submit")}
        </Button>
      </form>
      {state?.ok && (
        <>
          <Alert tone="success">{t("done")}</Alert>
          <SecretBox secret={state.data.secret} />
        </>
      )}
    </div>
  );
}
