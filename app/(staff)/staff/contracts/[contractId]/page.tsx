import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ContractView } from "@/components/contracts/contract-view";
import { type ContractSummary, ReviewActions, TerminateForm } from "@/components/contracts/staff-actions";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { getContract } from "@/db/queries/contracts";
import { requireStaffPage } from "@/lib/auth/guards";
import { clockNow } from "@/lib/clock";
import { staffCan } from "@/lib/auth/permissions";
import { termRows } from "@/lib/contracts/view-model";
import { isLocale } from "@/lib/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contracts"))("staff.title") };
}

/** What the page says after a staff step (`?done=`), or that someone else acted first. */
const DONE = ["countersign", "return", "terminate", "conflict"] as const;

/** Finance staff countersign or return a submitted contract and may terminate a signed one; support staff read. */
export default async function StaffContractPage({ params, searchParams }: { params: Promise<{ contractId: string }>; searchParams: Promise<{ done?: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { contractId } = await params;
  const doneParam = (await searchParams).done;
  const done = DONE.find((d) => d === doneParam);
  const data = await getContract(getDb(), { accountId: null, contractId });
  if (!data) notFound();
  const [t, rawLocale] = await Promise.all([getTranslations("contracts"), getLocale()]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const c = data.contract;
  const finance = staffCan(user.staffRole, "staff.money");
  const actionable = finance && (c.status === "submitted" || c.status === "signed" || c.status === "active");
  // The confirmation names the contract and, for an active credit agreement, the limit its end puts back.
  const restore = actionable && c.status === "active" && c.kind === "credit_agreement" && c.previousCreditLimit !== null;
  const summary: ContractSummary | null = actionable
    ? {
        id: c.id,
        number: c.number,
        kind: t(`kinds.${c.kind}`),
        customer: c.party.companyName || c.party.accountName || data.accountName,
        status: c.status as ContractSummary["status"],
        startsOn: c.terms.startsOn,
        endsOn: c.terms.endsOn,
        terms: termRows(c, locale)
          .filter((r) => r.key !== "scope")
          .map((r) => t("staff.confirm.term", { label: r.label, value: r.value })),
        creditLimit: c.kind === "credit_agreement" ? (c.terms.creditLimit ?? null) : null,
        today: clockNow().toISOString().slice(0, 10),
        restoreCreditLimit: restore ? { now: (await getBalances(getDb(), { accountId: c.accountId })).creditLimit.toString(), back: c.previousCreditLimit! } : null,
      }
    : null;
  return (
    <>
      <PageHeader
        title={`${t(`kinds.${c.kind}`)} ${c.number}`}
        description={`${data.accountName} · ${c.terms.startsOn} – ${c.terms.endsOn}`}
        actions={
          <span className="flex gap-2">
            <Link href={`/staff/accounts/${c.accountId}`} className={buttonClass("secondary")}>
              {t("staff.openAccount")}
            </Link>
            <Link href="/staff/contracts" className={buttonClass("ghost")}>
              ← {t("detail.back")}
            </Link>
          </span>
        }
      />
      {done && (
        <div className="mb-4" data-testid="staff-contract-done">
          <Alert tone={done === "conflict" ? "warning" : "success"}>{done === "conflict" ? t("errors.conflict") : t(`done.${done}`)}</Alert>
        </div>
      )}
      <ContractView
        data={data}
        locale={locale}
        pdfHref={`/staff/contracts/${contractId}/pdf`}
        actions={
          !finance ? (
            <Alert tone="info">{t("staff.readOnly")}</Alert>
          ) : summary && c.status === "submitted" ? (
            <Card title={t("staff.review")}>
              <ReviewActions summary={summary} staffName={user.name} />
            </Card>
          ) : summary ? (
            <Card title={t("staff.terminate")}>
              <TerminateForm summary={summary} />
            </Card>
          ) : null
        }
      />
    </>
  );
}
