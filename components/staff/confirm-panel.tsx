"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The second step of every staff money action: what will happen (effect lines, before →
 * after), the reason given, and Confirm / Edit. Nothing is written before Confirm.
 * Each form keeps its own draft and calls its own action; this only draws the step.
 */
export function ConfirmPanel({
  title,
  lead,
  effects,
  reason,
  note,
  error,
  pending,
  confirmLabel,
  danger = false,
  onConfirm,
  onEdit,
  testId,
}: {
  title?: string;
  lead: ReactNode;
  effects: string[];
  reason: string;
  note?: ReactNode;
  error?: string | null;
  pending: boolean;
  confirmLabel?: string;
  danger?: boolean;
  onConfirm: () => void;
  onEdit: () => void;
  testId: string;
}) {
  const t = useTranslations("staff.confirm");
  const heading = title ?? t("title");
  return (
    <div className="space-y-3 rounded-md bg-gray-50 p-4 ring-1 ring-inset ring-gray-200" role="group" aria-label={heading} data-testid={`${testId}-confirm`}>
      <h3 className="text-sm font-semibold text-gray-900">{heading}</h3>
      <p className="text-sm text-gray-800">{lead}</p>
      {effects.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-gray-800" data-testid={`${testId}-effect`}>
          {effects.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      <p className="text-sm text-gray-700">
        {t("reasonIs")} <span data-testid={`${testId}-reason`}>{reason}</span>
      </p>
      <p className="text-sm text-gray-700">{note ?? t("auditNote")}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant={danger ? "danger" : "primary"} disabled={pending} onClick={onConfirm} data-testid={`${testId}-submit`}>
          {confirmLabel ?? t("confirm")}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={onEdit}>
          {t("edit")}
        </Button>
      </div>
    </div>
  );
}
