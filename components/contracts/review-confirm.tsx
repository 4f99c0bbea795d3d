"use client";
import { useLocale, useTranslations } from "next-intl";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import type { ActionResult } from "@/lib/actions/action";
import { countersignContractAction, returnContractAction } from "@/lib/actions/contracts/staff-steps";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import type { ContractSummary } from "./staff-actions";

/** The confirm step's state, from the review's useConfirm. */
export interface ConfirmState {
  pending: boolean;
  error: string | null;
  run: (done: string, call: () => Promise<ActionResult<{ status: string }>>) => void;
}

interface StepProps {
  summary: ContractSummary;
  values: { title: string; reason: string; comment: string };
  confirm: ConfirmState;
  onEdit: () => void;
}

function useLead(summary: ContractSummary) {
  const t = useTranslations("contracts");
  return { t, lead: t("staff.confirm.contract", { kind: summary.kind, number: summary.number, customer: summary.customer }), terms: summary.terms.join(" · ") };
}

/** Countersign: what the signature does, before anything is written. */
export function CountersignConfirm({ summary, staffName, values, confirm, onEdit }: StepProps & { staffName: string }) {
  const { t, lead, terms } = useLead(summary);
  const locale = useLocale() as MoneyLocale;
  const title = values.title.trim();
  const effects = [
    t("staff.confirm.status", { before: t("statuses.submitted"), after: t("statuses.countersigned") }),
    terms,
    t("staff.confirm.signingAs", { name: staffName, title }),
    t("staff.confirm.emailedToSign"),
    t("staff.confirm.whenSigned", { before: t("statuses.countersigned"), after: t("statuses.signed") }),
    summary.startsOn <= summary.today ? t("staff.confirm.activeAtOnce", { date: summary.startsOn }) : t("staff.confirm.activeOn", { date: summary.startsOn }),
  ];
  if (summary.creditLimit) effects.push(t("staff.confirm.creditLimitWhenActive", { amount: formatMoney(BigInt(summary.creditLimit), locale) }));
  return (
    <ConfirmPanel
      title={t("staff.confirm.countersignTitle")}
      lead={lead}
      effects={effects}
      reason={values.reason.trim()}
      note={t("staff.confirm.countersignNote", { action: t("staff.countersign") })}
      error={confirm.error}
      pending={confirm.pending}
      confirmLabel={t("staff.countersign")}
      onConfirm={() => confirm.run("countersign", () => countersignContractAction({ contractId: summary.id, title, reason: values.reason }))}
      onEdit={onEdit}
      testId="countersign"
    />
  );
}

/** Return with a comment: what the return does, before anything is written. */
export function ReturnConfirm({ summary, values, confirm, onEdit }: StepProps) {
  const { t, lead, terms } = useLead(summary);
  return (
    <ConfirmPanel
      title={t("staff.confirm.returnTitle")}
      lead={lead}
      effects={[
        t("staff.confirm.status", { before: t("statuses.submitted"), after: t("statuses.returned") }),
        terms,
        t("staff.confirm.returnEditable"),
        t("staff.confirm.returnEmailed"),
      ]}
      reason={values.comment.trim()}
      note={t("staff.confirm.commentNote", { action: t("staff.return") })}
      error={confirm.error}
      pending={confirm.pending}
      confirmLabel={t("staff.return")}
      onConfirm={() => confirm.run("return", () => returnContractAction({ contractId: summary.id, comment: values.comment }))}
      onEdit={onEdit}
      testId="return"
    />
  );
}
