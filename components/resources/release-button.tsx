"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { releaseResourceAction } from "@/lib/actions/resources/release-resource";
import type { ActionResult } from "@/lib/actions/action";
import { Button } from "@/components/ui/button";

export function ReleaseButton({ accountId, resourceId, name }: { accountId: string; resourceId: string; name: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>((_s, fd) => releaseResourceAction(fd), null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(t("resources.releaseConfirm", { name }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`${t("resources.release")} ${name}`}>
        {t("resources.release")}
      </Button>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t(`errors.${state.code}`)}
        </p>
      )}
    </form>
  );
}
