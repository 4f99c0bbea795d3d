"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { requestSignInLink } from "@/lib/actions/auth/request-magic-link";
import { signInWithPassword } from "@/lib/actions/auth/sign-in-password";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type State = ActionResult<unknown> | null;

export function PasswordForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => signInWithPassword(fd), null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" aria-label={t("auth.title")}>
      {failed && <Alert tone="error">{failed.code === "VALIDATION" ? t("errors.VALIDATION") : failed.code === "RATE_LIMITED" ? t("errors.RATE_LIMITED") : t("auth.invalid")}</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Field label={t("auth.email")} name="email" type="email" autoComplete="email" required error={failed?.fieldErrors?.email?.[0]} />
      <Field label={t("auth.password")} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("auth.submitting") : t("auth.submit")}
      </Button>
    </form>
  );
}

export function MagicLinkForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => requestSignInLink(fd), null);
  return (
    <form action={action} className="space-y-3" aria-label={t("auth.linkTitle")}>
      {state?.ok && <Alert tone="success">{t("auth.linkSent")}</Alert>}
      {state && !state.ok && <Alert tone="error">{t(`errors.${state.code}`)}</Alert>}
      <Field label={t("auth.email")} id="link-email" name="email" type="email" autoComplete="email" required />
      <Button type="submit" variant="secondary" disabled={pending} className="w-full">
        {t("auth.linkSubmit")}
      </Button>
    </form>
  );
}
