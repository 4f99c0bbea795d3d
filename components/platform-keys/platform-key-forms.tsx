"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ReasonDialog } from "@/components/staff/reason-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { createPlatformKeyAction } from "@/lib/actions/platform-keys/create-platform-key";
import { revokePlatformKeyAction } from "@/lib/actions/platform-keys/revoke-platform-key";
import { fieldMessage } from "@/lib/validation/messages";

type Created = { id: string; key: string; prefix: string; name: string };

/** Name and optional expiry date; after creating, the full key once (it is not stored, so it cannot be shown again). */
export function CreatePlatformKeyForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<Created> | null, FormData>((_s, fd) => createPlatformKeyAction(fd), null);
  const err = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-3" aria-label={t("platformKeys.createTitle")} data-testid="platform-key-create">
      <h2 className="text-base font-semibold text-gray-900">{t("platformKeys.createTitle")}</h2>
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-72">
          <Field label={t("platformKeys.name")} id="platform-key-name" name="name" maxLength={80} required hint={t("platformKeys.nameHint")} error={fieldMessage(t, err?.fieldErrors?.name?.[0])} />
        </div>
        <div className="w-56">
          <Field label={t("platformKeys.expires")} id="platform-key-expires" name="expiresOn" type="date" hint={t("platformKeys.expiresHint")} error={fieldMessage(t, err?.fieldErrors?.expiresOn?.[0])} />
        </div>
        <Button type="submit" disabled={pending} className="mt-6">
          {t("platformKeys.create")}
        </Button>
      </div>
      {state?.ok && (
        <Alert tone="success">
          <span data-testid="platform-key-created">{t("platformKeys.created", { name: state.data.name })}</span>
          <code className="mt-1 block select-all break-all rounded bg-white px-2 py-1 font-mono text-gray-900 ring-1 ring-emerald-200" data-testid="new-platform-key">
            {state.data.key}
          </code>
          <span className="mt-1 block text-xs">{t("platformKeys.copyHint")}</span>
        </Alert>
      )}
      {err && err.code !== "VALIDATION" && <Alert tone="error">{t(`errors.${err.code}`)}</Alert>}
    </form>
  );
}

/** Revoke with the staff console's reason → confirmation → outcome dialog; the reason goes to the audit log. */
export function RevokePlatformKeyButton({ keyId, name, prefix }: { keyId: string; name: string; prefix: string }) {
  const t = useTranslations("platformKeys");
  return (
    <ReasonDialog
      trigger={{ label: t("revoke"), variant: "ghost", className: "whitespace-nowrap px-2 py-1 text-red-700", testId: "platform-key-revoke" }}
      title={t("revokeTitle", { name })}
      testId="platform-key-revoke"
      intro={t("revokeIntro", { name, prefix })}
      lead={t("revokeLead", { name, prefix })}
      effects={[t("revokeEffectStop"), t("revokeEffectFinal")]}
      confirmLabel={t("revoke")}
      danger
      run={(reason) => revokePlatformKeyAction({ keyId, reason })}
      outcome={() => t("revokeDone", { name })}
      cancelLabel={t("cancel")}
      closeLabel={t("close")}
    />
  );
}
