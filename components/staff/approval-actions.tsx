"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { approveRequestAction, rejectRequestAction } from "@/lib/actions/staff/approvals";
import { STAFF_REASON_MAX, STAFF_REASON_MIN } from "@/lib/staff/reason";

/** Approve (posts the change) or reject (with a note) a four-eyes request; the requester only sees that it waits. */
export function ApprovalActions({ approvalId, own, summary, effect }: { approvalId: string; own: boolean; summary: string; effect: string[] }) {
  const t = useTranslations("staff.approvals");
  const te = useTranslations("errors");
  const router = useRouter();
  const [step, setStep] = useState<"idle" | "approve" | "reject">("idle");
  const [note, setNote] = useState("");
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  if (own) return <p className="text-sm text-gray-700">{t("waitingForSecond")}</p>;
  const failed = result && !result.ok ? result : null;
  const run = (fn: () => Promise<ActionResult>) =>
    startTransition(async () => {
      const r = await fn();
      setResult(r);
      if (r.ok) {
        setStep("idle");
        router.refresh();
      }
    });
  return (
    <div className="space-y-2">
      {step === "idle" && (
        <div className="flex gap-2">
          <Button type="button" onClick={() => setStep("approve")} data-testid="approval-approve">
            {t("approve")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setStep("reject")} data-testid="approval-reject">
            {t("reject")}
          </Button>
        </div>
      )}
      {step !== "idle" && (
        <div className="space-y-2" role="group" aria-label={t(step === "approve" ? "confirmApprove" : "confirmReject")}>
          <p className="text-sm font-medium text-gray-900">{t(step === "approve" ? "confirmApprove" : "confirmReject")}</p>
          <p className="text-sm text-gray-800">{summary}</p>
          {step === "approve" && (
            <ul className="list-disc space-y-1 pl-5 text-sm text-gray-800" data-testid="approval-effect">
              {effect.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          <Field label={step === "approve" ? t("noteOptional") : t("note")} name="note" id={`note-${approvalId}`} value={note} onChange={(e) => setNote(e.target.value)} required={step === "reject"} minLength={STAFF_REASON_MIN} maxLength={STAFF_REASON_MAX} />
          <div className="flex gap-2">
            <Button
              type="button"
              variant={step === "reject" ? "danger" : "primary"}
              disabled={pending}
              data-testid="approval-confirm"
              onClick={() => run(() => (step === "approve" ? approveRequestAction({ approvalId, note }) : rejectRequestAction({ approvalId, note })))}
            >
              {t(step === "approve" ? "approveNow" : "rejectNow")}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setStep("idle")}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
      {failed && <Alert tone="error">{failed.code === "VALIDATION" ? t("noteRequired") : te(failed.code)}</Alert>}
    </div>
  );
}
