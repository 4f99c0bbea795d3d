"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState, useTransition } from "react";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { STAFF_REASON_MAX, STAFF_REASON_MIN, StaffReason } from "@/lib/staff/reason";

type ReasonDialogProps<R> = {
  trigger: { label: string; variant: "danger" | "ghost" | "secondary"; className?: string; testId?: string };
  title: string;
  testId: string;
  intro: ReactNode;
  lead: ReactNode;
  effects: string[];
  confirmLabel?: string;
  danger?: boolean;
  run: (reason: string) => Promise<ActionResult<R>>;
  outcome: (data: R) => string;
  cancelLabel: string;
  closeLabel: string;
};

/** The first step: the reason, checked in the browser before the confirmation. */
function ReasonForm({
  title,
  testId,
  intro,
  reason,
  reasonError,
  cancelLabel,
  onReview,
  onCancel,
}: {
  title: string;
  testId: string;
  intro: ReactNode;
  reason: string;
  reasonError: string | null;
  cancelLabel: string;
  onReview: (e: React.FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
}) {
  const root = useTranslations();
  return (
    <form onSubmit={onReview} className="space-y-4" aria-label={title} noValidate>
      <p className="text-sm text-gray-800">{intro}</p>
      <Field
        label={root("staff.confirm.reasonLabel")}
        name="reason"
        id={`${testId}-reason-field`}
        defaultValue={reason}
        required
        minLength={STAFF_REASON_MIN}
        maxLength={STAFF_REASON_MAX}
        hint={root("staff.confirm.reasonHint")}
        error={reasonError ?? undefined}
        autoFocus
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit">{root("staff.confirm.review")}</Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
      </div>
    </form>
  );
}

/** The dialog's state: open or not, which step, the reason, and the action's result. */
function useReasonFlow<R>(run: (reason: string) => Promise<ActionResult<R>>) {
  const root = useTranslations();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<"reason" | "confirm">("reason");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult<R> | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  const done = result?.ok ? result : null;

  function closed() {
    setOpen(false);
    setStep("reason");
    if (done) {
      setReason("");
      setResult(null);
      router.refresh();
    }
  }

  function review(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
    setReason(next);
    setResult(null);
    const checked = StaffReason.safeParse(next);
    if (!checked.success) return setReasonError(root(checked.error.issues[0]?.message === "staff.confirm.errors.plainText" ? "staff.confirm.errors.plainText" : "staff.confirm.errors.reason"));
    setReasonError(null);
    setStep("confirm");
  }

  function confirm() {
    start(async () => {
      const r = await run(reason);
      setResult(r);
      if (!r.ok && r.fieldErrors?.reason) {
        setReasonError(root(r.fieldErrors.reason[0] === "staff.confirm.errors.plainText" ? "staff.confirm.errors.plainText" : "staff.confirm.errors.reason"));
        setStep("reason");
      }
    });
  }

  const failed = result && !result.ok ? result : null;
  return { root, dialog, open, setOpen, step, setStep, reason, reasonError, pending, done, failed, closed, review, confirm };
}

/**
 * A staff action on one row, in a dialog: the reason, then the confirmation of the effect
 * (the shared ConfirmPanel; nothing is written before Confirm, Edit keeps the reason), then
 * the outcome. The page is refreshed when the dialog closes after a success, so the outcome
 * stays readable even when the row itself changes or goes away.
 */
export function ReasonDialog<R>({
  trigger,
  title,
  testId,
  intro,
  lead,
  effects,
  confirmLabel,
  danger = false,
  run,
  outcome,
  cancelLabel,
  closeLabel,
}: ReasonDialogProps<R>) {
  const { root, dialog, open, setOpen, step, setStep, reason, reasonError, pending, done, failed, closed, review, confirm } =
    useReasonFlow(run);
  return (
    <>
      <Button type="button" variant={trigger.variant} className={trigger.className ?? ""} onClick={() => setOpen(true)} data-testid={trigger.testId}>
        {trigger.label}
      </Button>
      {open && (
        <dialog
          ref={dialog}
          onClose={closed}
          aria-label={title}
          data-testid={`${testId}-dialog`}
          className="m-auto w-[calc(100%-2rem)] max-w-lg whitespace-normal rounded-lg bg-white p-5 text-left font-normal shadow-xl ring-1 ring-gray-200 backdrop:bg-gray-900/40"
        >
          <div className="space-y-4">
            <h2 className="text-base font-semibold text-gray-900">{title}</h2>
            {done ? (
              <>
                <Alert tone="success">
                  <span data-testid={`${testId}-result`}>{outcome(done.data)}</span>
                </Alert>
                <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
                  {closeLabel}
                </Button>
              </>
            ) : step === "confirm" ? (
              <ConfirmPanel
                testId={testId}
                lead={lead}
                effects={effects}
                reason={reason}
                error={failed ? root(`errors.${failed.code}`) : null}
                pending={pending}
                confirmLabel={confirmLabel}
                danger={danger}
                onConfirm={confirm}
                onEdit={() => setStep("reason")}
              />
            ) : (
              <ReasonForm
                title={title}
                testId={testId}
                intro={intro}
                reason={reason}
                reasonError={reasonError}
                cancelLabel={cancelLabel}
                onReview={review}
                onCancel={() => dialog.current?.close()}
              />
            )}
          </div>
        </dialog>
      )}
    </>
  );
}
