"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { createAccountAction } from "@/lib/actions/staff/create-account";

type Created = { id: string; name: string; ownerEmail: string; replayed: boolean };
type FieldName = "name" | "ownerEmail" | "locale";

/**
 * Staff-finance create a customer account: its name, the owner to invite and the language of
 * the invitation. A refused form keeps what was typed and says each field's rule; a created
 * account is shown with a link, and the form is empty again for the next one.
 */
export function NewAccountForm({ requestId: first }: { requestId: string }) {
  const t = useTranslations("staff.newAccount");
  const tc = useTranslations();
  const [requestId, setRequestId] = useState(first);
  const [state, action, pending] = useActionState<ActionResult<Created> | null, FormData>(async (_s, fd) => {
    const r = await createAccountAction(fd);
    // The next account is another request; this one stays answered by its account.
    if (r.ok) setRequestId(crypto.randomUUID());
    return r;
  }, null);
  const failed = state && !state.ok ? state : null;
  const err = (field: FieldName) => (failed?.fieldErrors?.[field]?.length ? t(`errors.${field}`) : undefined);
  return (
    <form key={requestId} action={action} onSubmit={keepInput(action)} className="space-y-3" aria-labelledby="new-account-title" data-testid="new-account-form" noValidate>
      <h2 id="new-account-title" className="text-base font-semibold text-gray-900">
        {t("title")}
      </h2>
      <p className="text-sm text-gray-600">{t("description")}</p>
      <input type="hidden" name="requestId" value={requestId} />
      <fieldset className="grid gap-4 sm:grid-cols-[1fr_1fr_12rem]" disabled={pending}>
        <Field label={t("name")} id="new-account-name" name="name" maxLength={120} required autoComplete="organization" hint={t("nameHint")} error={err("name")} />
        <Field label={t("ownerEmail")} id="new-account-owner" name="ownerEmail" type="email" required autoComplete="off" hint={t("ownerEmailHint")} error={err("ownerEmail")} />
        <Select label={t("locale")} id="new-account-locale" name="locale" defaultValue="en" error={err("locale")}>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </Select>
      </fieldset>
      <Button type="submit" disabled={pending} data-testid="new-account-submit">
        {t("submit")}
      </Button>
      {state?.ok && (
        <Alert tone="success">
          <span data-testid="new-account-created">{t("created", { name: state.data.name, email: state.data.ownerEmail })}</span>{" "}
          <Link href={`/staff/accounts/${state.data.id}`} className="font-medium underline" data-testid="new-account-link">
            {t("open", { name: state.data.name })}
          </Link>
        </Alert>
      )}
      {failed && <Alert tone="error">{failed.code === "VALIDATION" ? t("invalid") : tc(`errors.${failed.code}`)}</Alert>}
    </form>
  );
}
