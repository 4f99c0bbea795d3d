"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { CountersignConfirm, ReturnConfirm } from "./review-confirm";
import type { ActionResult } from "@/lib/actions/action";
import { terminateContractAction } from "@/lib/actions/contracts/staff-steps";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { STAFF_REASON_MAX, STAFF_REASON_MIN, StaffReason } from "@/lib/staff/reason";

type Result = ActionResult<{ status: string }>;
type Errors = Partial<Record<"title" | "reason" | "comment", string>>;

/** What the confirmation step names: the page reads it when it renders, the server checks the status again on Confirm. */
export interface ContractSummary {
  id: string;
  number: string;
  /** The template's name in the reader's language. */
  kind: string;
  customer: string;
  status: "submitted" | "signed" | "active";
  startsOn: string;
  endsOn: string;
  /** Term rows other than the scope ("Committed monthly spend: $4,200.00"), already in the reader's language. */
  terms: string[];
  /** Micro-dollars as decimal strings: a credit agreement's limit, and the one an active one's end restores. */
  creditLimit: string | null;
  restoreCreditLimit: { now: string; back: string } | null;
  /** Today on the server's clock (YYYY-MM-DD), for "active at once" and "terminate from". */
  today: string;
}

const COMMENT_MAX = 2000;

/** Field errors, from the form's own check or from the server, in the reader's language. */
function useErrorText() {
  const t = useTranslations("contracts");
  const tc = useTranslations("staff.confirm");
  return (key: string) => (key.startsWith("staff.confirm.errors.") ? tc(`errors.${key.slice("staff.confirm.errors.".length)}` as "errors.reason") : t.has(`errors.${key}`) ? t(`errors.${key}` as "errors.comment") : key);
}

/**
 * Confirm runs the action; on success the page reloads showing the new status and what was
 * done. A conflict (someone else acted first) reloads it too, saying so; a refused field goes
 * back to the form with the values kept.
 */
function useConfirm(contractId: string, onFieldErrors: (e: Errors) => void) {
  const router = useRouter();
  const te = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const errorText = useErrorText();
  const run = (done: string, call: () => Promise<Result>) =>
    startTransition(async () => {
      const r = await call();
      if (r.ok || r.code === "CONFLICT") {
        // Either way the page must show the contract as it is now, and say what happened.
        router.replace(`/staff/contracts/${contractId}?done=${r.ok ? done : "conflict"}`);
        return;
      }
      if (r.code === "VALIDATION" && r.fieldErrors) {
        onFieldErrors(Object.fromEntries(Object.entries(r.fieldErrors).map(([k, v]) => [k, errorText(v[0] ?? "")])));
        return;
      }
      setError(te(r.code));
    });
  return { pending, error, setError, run };
}


/** Countersign (title and an audited reason) or return with a comment: each through a confirmation of what it does. */
export function ReviewActions({ summary, staffName }: { summary: ContractSummary; staffName: string }) {
  const t = useTranslations("contracts");
  const tc = useTranslations("staff.confirm");
  const [values, setValues] = useState({ title: "", reason: "", comment: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [step, setStep] = useState<"countersign" | "return" | null>(null);
  const errorText = useErrorText();
  const confirm = useConfirm(summary.id, (e) => {
    setErrors(e);
    setStep(null);
  });
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const review = (which: "countersign" | "return") => (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    if (which === "countersign") {
      if (!values.title.trim()) next.title = errorText("title");
      // The server's own rule (trimmed length, no hidden text-direction characters), so the confirmation never shows a reason it will refuse.
      const reason = StaffReason.safeParse(values.reason);
      if (!reason.success) next.reason = errorText(reason.error.issues[0]?.message ?? "staff.confirm.errors.reason");
    } else if (values.comment.trim().length < STAFF_REASON_MIN) next.comment = errorText("comment");
    setErrors(next);
    confirm.setError(null);
    if (Object.keys(next).length === 0) setStep(which);
  };

  if (step === "countersign") return <CountersignConfirm summary={summary} staffName={staffName} values={values} confirm={confirm} onEdit={() => setStep(null)} />;
  if (step === "return") return <ReturnConfirm summary={summary} values={values} confirm={confirm} onEdit={() => setStep(null)} />;

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <form onSubmit={review("countersign")} className="space-y-3" aria-label={t("staff.countersign")} data-testid="countersign-form" noValidate>
        <p className="text-sm text-gray-700">{t("staff.countersignIntro", { name: staffName })}</p>
        <Field label={t("staff.yourTitle")} name="title" id="countersign-title" value={values.title} onChange={set("title")} required maxLength={200} error={errors.title} />
        <TextAreaField
          id="countersign-reason"
          name="reason"
          label={tc("reasonLabel")}
          hint={t("staff.countersignReasonHint")}
          rows={3}
          value={values.reason}
          onChange={set("reason")}
          required
          maxLength={STAFF_REASON_MAX}
          error={errors.reason}
        />
        <Button type="submit" data-testid="countersign-review">
          {t("staff.reviewCountersign")}
        </Button>
      </form>
      <form onSubmit={review("return")} className="space-y-3" aria-label={t("staff.return")} data-testid="return-form" noValidate>
        <p className="text-sm text-gray-700">{t("staff.returnIntro")}</p>
        <TextAreaField
          id="return-comment"
          name="comment"
          label={t("staff.comment")}
          hint={t("staff.commentHint")}
          rows={3}
          value={values.comment}
          onChange={set("comment")}
          required
          maxLength={COMMENT_MAX}
          error={errors.comment}
        />
        <Button type="submit" variant="secondary" data-testid="return-review">
          {t("staff.reviewReturn")}
        </Button>
      </form>
      {confirm.error && (
        <div className="md:col-span-2">
          <Alert tone="error">{confirm.error}</Alert>
        </div>
      )}
    </div>
  );
}

/** End a signed or active contract before its term: the reason, then a confirmation of what ends and from when. */
export function TerminateForm({ summary }: { summary: ContractSummary }) {
  const t = useTranslations("contracts");
  const locale = useLocale() as MoneyLocale;
  const [comment, setComment] = useState("");
  const [error, setFieldError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const errorText = useErrorText();
  const confirm = useConfirm(summary.id, (e) => {
    setFieldError(e.comment);
    setConfirming(false);
  });

  if (confirming) {
    const effects = [
      t("staff.confirm.status", { before: t(`statuses.${summary.status}`), after: t("statuses.terminated") }),
      summary.terms.join(" · "),
      t("staff.confirm.terminateFrom", { date: summary.today, endsOn: summary.endsOn }),
    ];
    if (summary.status === "signed") effects.push(t("staff.confirm.terminateNeverActive", { date: summary.startsOn }));
    if (summary.restoreCreditLimit) {
      effects.push(t("staff.confirm.terminateCreditLimit", { before: formatMoney(BigInt(summary.restoreCreditLimit.now), locale), after: formatMoney(BigInt(summary.restoreCreditLimit.back), locale) }));
    }
    effects.push(t("staff.confirm.terminateEmailed"));
    return (
      <ConfirmPanel
        title={t("staff.confirm.terminateTitle")}
        lead={t("staff.confirm.contract", { kind: summary.kind, number: summary.number, customer: summary.customer })}
        effects={effects}
        reason={comment.trim()}
        note={t("staff.confirm.commentNote", { action: t("staff.terminate") })}
        error={confirm.error}
        pending={confirm.pending}
        confirmLabel={t("staff.terminate")}
        danger
        onConfirm={() => confirm.run("terminate", () => terminateContractAction({ contractId: summary.id, comment }))}
        onEdit={() => setConfirming(false)}
        testId="terminate"
      />
    );
  }

  return (
    <form
      className="max-w-xl space-y-3"
      aria-label={t("staff.terminate")}
      data-testid="terminate-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const bad = comment.trim().length < STAFF_REASON_MIN ? errorText("comment") : undefined;
        setFieldError(bad);
        confirm.setError(null);
        if (!bad) setConfirming(true);
      }}
    >
      <TextAreaField
        id="terminate-reason"
        name="comment"
        label={t("staff.reason")}
        hint={t("staff.terminateHint")}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        required
        maxLength={COMMENT_MAX}
        error={error}
      />
      {confirm.error && <Alert tone="error">{confirm.error}</Alert>}
      <Button type="submit" variant="danger" data-testid="terminate-review">
        {t("staff.reviewTerminate")}
      </Button>
    </form>
  );
}
