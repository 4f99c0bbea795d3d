"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signInWithLink } from "@/lib/actions/auth/sign-in-link";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function LinkSignInForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>((_s, fd) => signInWithLink(fd), null);
  return (
    <form action={action} className="space-y-4">
      {state && !state.ok && <Alert tone="error">{t("linkInvalid")}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending} className="w-full">
        {t("linkPageButton")}
      </Button>
    </form>
  );
}
