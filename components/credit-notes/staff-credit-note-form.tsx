"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { issueCreditNoteAction } from "@/lib/actions/staff/issue-credit-note";
import { STAFF_REASON_MAX, STAFF_REASON_MIN } from "@/lib/staff/reason";

type Result = ActionResult<{ status: "posted" | "pending"; number: string | null }>;

/** An invoice line that can still be corrected: its position, its item in the reader's language, and what is left of it (formatted). */
export interface CorrectableLine {
  position: number;
  item: string;
  left: string;
}

/**
 * Staff-finance issue a credit note against this invoice: off the invoice as a whole or off
 * one of its lines (at most what is left of it), amount before tax, kind, reason (the
 * customer reads it). A refusal keeps what was typed: the form is reset only on success.
 */
export function StaffCreditNoteForm({ accountId, invoiceId, remaining, lines }: { accountId: string; invoiceId: string; remaining: string; lines: CorrectableLine[] }) {
  const t = useTranslations("creditNotes");
  const te = useTranslations("errors");
  const tm = useTranslations();
  const router = useRouter();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();
  const failed = result && !result.ok ? result : null;
  const fieldError = (f: string) => {
    const k = failed?.fieldErrors?.[f]?.[0];
    return k ? tm(k as "creditNotes.errors.tooLarge") : undefined;
  };
  return (
    <form
      className="space-y-4"
      aria-label={t("staff.heading")}
      data-testid="credit-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const form = e.currentTarget;
        startTransition(async () => {
          const r = await issueCreditNoteAction({ accountId, invoiceId, requestId, amount: String(fd.get("amount") ?? ""), line: String(fd.get("line") ?? ""), kind: String(fd.get("kind") ?? ""), reason: String(fd.get("reason") ?? "") });
          setResult(r);
          if (r.ok) {
            form.reset();
            setRequestId(crypto.randomUUID());
            router.refresh();
          }
        });
      }}
    >
      <p className="text-sm text-gray-700">{t("staff.intro", { remaining })}</p>
      {lines.length > 0 && (
        <Select label={t("staff.line")} name="line" id="credit-note-line" defaultValue="" hint={t("staff.lineHint")} error={fieldError("line")}>
          <option value="">{t("staff.whole")}</option>
          {lines.map((l) => (
            <option key={l.position} value={String(l.position)}>
              {t("staff.lineOption", { position: l.position, item: l.item, net: l.left })}
            </option>
          ))}
        </Select>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("staff.amount")} name="amount" id="credit-note-amount" inputMode="decimal" required error={fieldError("amount")} />
        <Select label={t("staff.kind")} name="kind" id="credit-note-kind" defaultValue="adjustment">
          <option value="adjustment">{t("kinds.adjustment")}</option>
          <option value="correction">{t("kinds.correction")}</option>
        </Select>
      </div>
      <Field label={t("staff.reason")} name="reason" id="credit-note-reason" required minLength={STAFF_REASON_MIN} maxLength={STAFF_REASON_MAX} error={fieldError("reason")} />
      {result?.ok && (
        <Alert tone={result.data.status === "pending" ? "info" : "success"}>
          <span data-testid="credit-note-result">{result.data.status === "pending" ? t("staff.pending") : t("staff.issued", { number: result.data.number ?? "" })}</span>
        </Alert>
      )}
      {failed && !failed.fieldErrors && <Alert tone="error">{te(failed.code)}</Alert>}
      <Button type="submit" disabled={pending}>
        {t("staff.submit")}
      </Button>
    </form>
  );
}
