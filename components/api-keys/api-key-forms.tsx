"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createApiKeyAction } from "@/lib/actions/api-keys/create-api-key";
import { revokeApiKeyAction } from "@/lib/actions/api-keys/revoke-api-key";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldMessage } from "@/lib/validation/messages";

export function CreateKeyForm({ accountId }: { accountId: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<{ key: string; prefix: string }> | null, FormData>((_s, fd) => createApiKeyAction(fd), null);
  return (
    <form action={action} className="space-y-3" aria-label={t("resources.apiKeys.create")}>
      <input type="hidden" name="accountId" value={accountId} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-72">
          <Field label={t("resources.apiKeys.name")} id="api-key-name" name="name" maxLength={80} required error={state && !state.ok ? fieldMessage(t, state.fieldErrors?.name?.[0]) : undefined} />
        </div>
        <Button type="submit" disabled={pending}>
          {t("resources.apiKeys.create")}
        </Button>
      </div>
      {state?.ok && (
        <Alert tone="success">
          {t("resources.apiKeys.created")}
          <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-gray-900 ring-1 ring-emerald-200" data-testid="new-api-key">
            {state.data.key}
          </code>
        </Alert>
      )}
      {state && !state.ok && state.code !== "VALIDATION" && <Alert tone="error">{t(`errors.${state.code}`)}</Alert>}
    </form>
  );
}

export function RevokeKeyButton({ accountId, keyId, name }: { accountId: string; keyId: string; name: string }) {
  const t = useTranslations("resources.apiKeys");
  const [, action, pending] = useActionState<ActionResult<unknown> | null, FormData>((_s, fd) => revokeApiKeyAction(fd), null);
  return (
    <form action={action} onSubmit={(e) => { if (!confirm(t("revokeConfirm", { name }))) e.preventDefault(); }}>
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="keyId" value={keyId} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`${t("revoke")} ${name}`}>
        {t("revoke")}
      </Button>
    </form>
  );
}
