"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { replayDeliveriesAction } from "@/lib/actions/webhooks/replay-deliveries";
import { resendDeliveryAction } from "@/lib/actions/webhooks/resend-delivery";
import { fieldError, formError } from "./form-errors";

/** "Resend" on a delivery row: back to pending now; the row shows it after the refresh. */
export function ResendButton({ id }: { id: string }) {
  const t = useTranslations("webhooks.deliveries");
  const tAll = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult<{ id: string }> | null, FormData>(async () => {
    const result = await resendDeliveryAction({ id });
    if (result.ok) router.refresh();
    return result;
  }, null);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <Button type="submit" variant="ghost" className="px-2 py-1" disabled={pending} data-testid="resend-delivery">
        {t("resend")}
      </Button>
      {state?.ok && <span className="text-xs text-emerald-800" role="status">{t("resent")}</span>}
      {state && !state.ok && <span className="text-xs text-red-700" role="alert">{formError(tAll, state)}</span>}
    </form>
  );
}

/** From–to (UTC) and Replay: every event of the range of the endpoint's types is queued again. */
export function ReplayForm({ endpointId, from, to }: { endpointId: string; from: string; to: string }) {
  const t = useTranslations("webhooks.replay");
  const tAll = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult<{ queued: number }> | null, FormData>(async (_s, fd) => {
    const result = await replayDeliveriesAction({ endpointId, from: String(fd.get("from") ?? ""), to: String(fd.get("to") ?? "") });
    if (result.ok) router.refresh();
    return result;
  }, null);
  return (
    <form action={action} onSubmit={keepInput(action)} className="space-y-3" aria-label={t("title")}>
      <p className="text-xs text-gray-600">{t("hint")}</p>
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-56">
          <Field label={t("from")} name="from" type="datetime-local" defaultValue={from} error={fieldError(tAll, state, "from")} />
        </div>
        <div className="w-56">
          <Field label={t("to")} name="to" type="datetime-local" defaultValue={to} error={fieldError(tAll, state, "to")} />
        </div>
      </div>
      {formError(tAll, state) && <Alert tone="error">{formError(tAll, state)}</Alert>}
      {state?.ok && <Alert tone="success">{t("done", { count: state.data.queued })}</Alert>}
      <Button type="submit" variant="secondary" disabled={pending} data-testid="replay">
        {t("submit")}
      </Button>
    </form>
  );
}
