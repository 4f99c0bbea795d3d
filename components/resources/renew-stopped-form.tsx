"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { renewStoppedAction } from "@/lib/actions/resources/renew-stopped";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Renew a stopped subscription for the price shown beside it; refused, it says why and nothing changed. */
export function RenewStoppedForm({ accountId, resourceId, name, price, short }: { accountId: string; resourceId: string; name: string; price: string; short: string | null }) {
  const t = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(async (_s, fd) => {
    const result = await renewStoppedAction(fd);
    // The page reads the resource again: running now, the card gone.
    if (result.ok) router.refresh();
    return result;
  }, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="resourceId" value={resourceId} />
      {short && <Alert tone="warning">{t("resources.lapse.short", { available: short })}</Alert>}
      <Button type="submit" disabled={pending} aria-label={t("resources.lapse.renewOf", { name, price })}>
        {t("resources.lapse.renew", { price })}
      </Button>
      {failed && <Alert tone="error">{failed.code === "INSUFFICIENT_FUNDS" ? t("resources.insufficient") : t(`errors.${failed.code}`)}</Alert>}
    </form>
  );
}
