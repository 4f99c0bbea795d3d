"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { countersignContractAction, returnContractAction, terminateContractAction } from "@/lib/actions/contracts/staff-steps";

type State = ActionResult<{ status: string }> | null;

function Failure({ state }: { state: State }) {
  const t = useTranslations("contracts");
  const tc = useTranslations();
  if (!state || state.ok) return null;
  const field = state.fieldErrors ? Object.values(state.fieldErrors)[0]?.[0] : undefined;
  const msg = state.code === "CONFLICT" ? t("errors.conflict") : field && t.has(`errors.${field}`) ? t(`errors.${field}` as "errors.comment") : tc(`errors.${state.code}`);
  return <Alert tone="error">{msg}</Alert>;
}

const textarea = "block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700";

/** Countersign, or return with a comment: for a submitted contract. */
export function ReviewActions({ contractId, staffName }: { contractId: string; staffName: string }) {
  const t = useTranslations("contracts");
  const [signState, sign, signing] = useActionState<State, FormData>((_s, fd) => countersignContractAction(fd), null);
  const [returnState, ret, returning] = useActionState<State, FormData>((_s, fd) => returnContractAction(fd), null);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form action={sign} className="space-y-3" aria-label={t("staff.countersign")}>
        <input type="hidden" name="contractId" value={contractId} />
        <p className="text-sm text-gray-700">{t("staff.countersignIntro", { name: staffName })}</p>
        <Field label={t("staff.yourTitle")} name="title" required maxLength={200} />
        <Failure state={signState} />
        <Button type="submit" disabled={signing || returning} data-testid="countersign">
          {t("staff.countersign")}
        </Button>
      </form>
      <form action={ret} className="space-y-3" aria-label={t("staff.return")}>
        <input type="hidden" name="contractId" value={contractId} />
        <label htmlFor="return-comment" className="block text-sm font-medium text-gray-800">
          {t("staff.comment")}
        </label>
        <textarea id="return-comment" name="comment" rows={3} required maxLength={2000} className={textarea} />
        <Failure state={returnState} />
        <Button type="submit" variant="secondary" disabled={signing || returning} data-testid="return-contract">
          {t("staff.return")}
        </Button>
      </form>
    </div>
  );
}

/** End a signed or active contract before its term, with a reason. */
export function TerminateForm({ contractId }: { contractId: string }) {
  const t = useTranslations("contracts");
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => terminateContractAction(fd), null);
  return (
    <form action={action} className="max-w-xl space-y-3" aria-label={t("staff.terminate")}>
      <input type="hidden" name="contractId" value={contractId} />
      <label htmlFor="terminate-reason" className="block text-sm font-medium text-gray-800">
        {t("staff.reason")}
      </label>
      <textarea id="terminate-reason" name="comment" rows={2} required maxLength={2000} className={textarea} />
      <Failure state={state} />
      <Button type="submit" variant="danger" disabled={pending} data-testid="terminate-contract">
        {t("staff.terminate")}
      </Button>
    </form>
  );
}
