import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { type ContractDetail, termRows } from "@/lib/contracts/view-model";
import type { Locale } from "@/lib/i18n/config";
import { formatWallTime } from "@/lib/invoices/view-model";
import { otherLocale } from "@/lib/pdf/delivery";
import { ContractStatusBadge } from "./status-badge";

type Data = ContractDetail;
type Translate = Awaited<ReturnType<typeof getTranslations<"contracts">>>;
const at = (d: Date) => `${formatWallTime(d)} UTC`;

/** The contract page's body, shared by the customer's and the staff page: facts, terms, signatures, hash, timeline. */
export async function ContractView({ data, locale, actions, pdfHref }: { data: Data; locale: Locale; actions?: ReactNode; pdfHref: string }) {
  const t = await getTranslations("contracts");
  const c = data.contract;
  const other = otherLocale(c.locale);
  const party = c.party;
  return (
    <div className="space-y-4" data-testid="contract-view">
      <Card
        title={
          <span className="flex items-center gap-3">
            {t(`kinds.${c.kind}`)} {c.number}
            <ContractStatusBadge status={c.status} label={t(`statuses.${c.status}`)} />
          </span>
        }
        actions={
          <span className="flex flex-wrap gap-2">
            <a href={pdfHref} className="inline-flex items-center rounded-md bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800" download data-testid="download-pdf">
              {t("detail.downloadPdf")}
            </a>
            <a href={`${pdfHref}?copy=${other}`} className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-semibold text-gray-900 ring-1 ring-inset ring-gray-300 hover:bg-gray-50" download data-testid="download-copy">
              {t("detail.downloadCopy", { language: t(`detail.languages.${other}`) })}
            </a>
          </span>
        }
      >
        <p className="mb-4 text-sm text-gray-700" data-testid="status-hint">
          {t(`statusHints.${c.status}`)}
        </p>
        {c.status === "returned" && c.returnComment && (
          <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="return-comment">
            {t("detail.returned", { comment: c.returnComment })}
          </p>
        )}
        {c.endReason && <p className="mb-4 text-sm text-gray-700">{t("detail.ended", { reason: c.endReason })}</p>}
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-gray-600">{t("detail.party")}</dt>
            <dd className="font-medium text-gray-900">{party.companyName || party.accountName}</dd>
            <dd className="text-gray-700">{[party.address, party.country, party.taxId].filter(Boolean).join(" · ")}</dd>
          </div>
          <div>
            <dt className="text-gray-600">{t("detail.template")}</dt>
            <dd className="text-gray-900">{t("detail.templateVersion", { kind: t(`kinds.${c.kind}`), version: c.templateVersion })}</dd>
            <dt className="mt-2 text-gray-600">{t("detail.language")}</dt>
            <dd className="text-gray-900">{t(`detail.languages.${c.locale}`)}</dd>
          </div>
        </dl>
        <ContractTerms t={t} c={c} locale={locale} />
      </Card>

      <Signatures t={t} data={data} />

      {actions}

      <Timeline t={t} data={data} />
    </div>
  );
}

function Signatures({ t, data }: { t: Translate; data: Data }) {
  const c = data.contract;
  return (
    <Card title={t("detail.signatures")}>
      <ul className="space-y-1 text-sm text-gray-800">
        <li data-testid="countersignature">{c.countersignedAt ? t("detail.countersignedBy", { name: c.countersignerName ?? "", title: c.countersignerTitle ?? "", at: at(c.countersignedAt) }) : `${t("detail.provider")}: ${t("detail.notSigned")}`}</li>
        <li data-testid="signature">{c.signedAt ? t("detail.signedBy", { name: c.signerName ?? "", title: c.signerTitle ?? "", at: at(c.signedAt), ip: c.signerIp ?? t("detail.unknownIp") }) : `${t("detail.party")}: ${t("detail.notSigned")}`}</li>
      </ul>
      {data.sha256 ? (
        <div className="mt-4 rounded-md bg-gray-50 px-3 py-2 ring-1 ring-inset ring-gray-200">
          <p className="text-xs font-medium text-gray-700">{t("detail.hash")}</p>
          <p className="break-all font-mono text-xs text-gray-900" data-testid="contract-hash">
            {data.sha256}
          </p>
          <p className="mt-1 text-xs text-gray-600">{t("detail.hashHint")}</p>
        </div>
      ) : (
        <p className="mt-3 text-xs text-gray-600">{t("detail.draftNote")}</p>
      )}
    </Card>
  );
}

function Timeline({ t, data }: { t: Translate; data: Data }) {
  return (
    <Card title={t("detail.timeline")}>
      <ol className="relative space-y-3 border-l border-gray-200 pl-5" data-testid="timeline">
        {data.events.map((e) => (
          <li key={e.id} className="text-sm" data-testid="timeline-event" data-action={e.action}>
            <span className="absolute -left-1.5 mt-1.5 size-3 rounded-full bg-blue-700 ring-4 ring-white" aria-hidden />
            <p className="font-medium text-gray-900">{t(`events.${e.action as "create"}`)}</p>
            <p className="text-xs text-gray-600">
              {at(e.at)} · {e.actorKind === "system" ? t("system") : (e.actorName ?? "")}
              {e.ip ? ` · ${e.ip}` : ""}
            </p>
            {e.comment && <p className="mt-1 text-gray-700">“{e.comment}”</p>}
          </li>
        ))}
      </ol>
    </Card>
  );
}

function ContractTerms({ t, c, locale }: { t: Translate; c: Data["contract"]; locale: Locale }) {
  return (
    <>
      <h3 className="mt-5 text-sm font-semibold text-gray-900">{t("detail.terms")}</h3>
      <dl className="mt-2 divide-y divide-gray-100 text-sm" data-testid="contract-terms">
        {termRows(c, locale).map((r) => (
          <div key={r.key} className="flex justify-between gap-4 py-1.5">
            <dt className="text-gray-600">{r.label}</dt>
            <dd className="text-right tabular-nums text-gray-900" data-testid={`term-${r.key}`}>
              {r.value}
            </dd>
          </div>
        ))}
        {c.terms.notes && (
          <div className="flex justify-between gap-4 py-1.5">
            <dt className="text-gray-600">{t("detail.notes")}</dt>
            <dd className="text-right text-gray-900">{c.terms.notes}</dd>
          </div>
        )}
      </dl>
      {(c.terms.items?.length ?? 0) > 0 && (
        <div className="mt-4">
          <Table frame="bare" density="compact" caption={t("detail.items")} columns={[{ label: t("detail.product") }, { label: t("detail.quantity"), numeric: true }]}>
            {c.terms.items!.map((i) => (
              <tr key={i.productId}>
                <Td>{locale === "zh-CN" ? i.nameZh : i.nameEn}</Td>
                <Td numeric>
                  {i.quantity} <span className="text-gray-600">{i.unitLabel}</span>
                </Td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </>
  );
}
