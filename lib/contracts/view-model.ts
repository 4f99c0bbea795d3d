import { sellerConfig } from "@/lib/seller";
import { type SellerView, sellerView } from "@/lib/seller-view";
import type { getContract } from "@/db/queries/contracts";
import type { contracts } from "@/db/schema";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { formatWallTime } from "@/lib/invoices/view-model";
import { formatMoney } from "@/lib/money";
import { type Clause, type ContractKind, templateVersion } from "./templates";

type ContractRow = typeof contracts.$inferSelect;

/** A contract as its page shows it (components take it from here: they never import the data layer). */
export type ContractDetail = NonNullable<Awaited<ReturnType<typeof getContract>>>;

export interface ContractViewModel {
  locale: Locale;
  number: string;
  title: string;
  kind: ContractKind;
  templateVersion: number;
  status: ContractRow["status"];
  statusLabel: string;
  /** DRAFT until both sides signed; COPY on a copy rendered after signing; none on the signed original. */
  watermark: string | null;
  /** The platform's legal entity as configured (lib/seller.ts), in the seller block shared with invoices. */
  provider: SellerView;
  customer: { name: string; lines: string[] };
  terms: { label: string; value: string }[];
  items: { product: string; quantity: string; unit: string }[];
  clauses: Clause[];
  signatures: { party: string; name: string | null; title: string | null; date: string | null; address: string | null }[];
  footer: string;
  labels: Record<"number" | "template" | "status" | "provider" | "customer" | "terms" | "items" | "product" | "quantity" | "unit" | "signatures" | "name" | "jobTitle" | "date" | "address" | "notSigned" | "appName", string>;
}

export const fullySigned = (status: ContractRow["status"]) => ["signed", "active", "expired", "terminated"].includes(status);

/** The term's key figures as label/value pairs, in the given language (used by the page and the PDF). */
export function termRows(c: Pick<ContractRow, "kind" | "terms">, locale: Locale): { key: string; label: string; value: string }[] {
  const t = translator(locale);
  const money = (v: string) => formatMoney(BigInt(v), locale);
  const rows = [{ key: "period", label: t("contracts.detail.period"), value: `${c.terms.startsOn} – ${c.terms.endsOn}` }];
  if (c.terms.scope) rows.push({ key: "scope", label: t("contracts.detail.scope"), value: c.terms.scope });
  if (c.kind === "order_form") {
    rows.push({ key: "committed", label: t("contracts.detail.committedMonthlySpend"), value: money(c.terms.committedMonthlySpend ?? "0") });
    rows.push({ key: "discount", label: t("contracts.detail.discount"), value: `${((c.terms.discountBps ?? 0) / 100).toFixed(2).replace(/\.?0+$/, "")}%` });
  }
  if (c.kind === "credit_agreement") {
    rows.push({ key: "creditLimit", label: t("contracts.detail.creditLimit"), value: money(c.terms.creditLimit ?? "0") });
    rows.push({ key: "paymentTerms", label: t("contracts.detail.paymentTerms"), value: t("contracts.detail.paymentTermsDays", { days: c.terms.paymentTermsDays ?? 0 }) });
  }
  return rows;
}

/**
 * What the PDF shows, in the document's language. `copyOf` is the hash of the stored signed
 * original when this is a later copy (another language or a later status): its footer names
 * the original, so a reader can check the one they were given.
 */
export function buildContractViewModel(c: ContractRow, locale: Locale, opts: { copyOf?: string } = {}): ContractViewModel {
  const t = translator(locale);
  const tpl = templateVersion(c.kind, c.templateVersion);
  const signed = fullySigned(c.status);
  const p = c.party;
  const seller = sellerView(sellerConfig(), t("contracts.pdf.providerName"), { taxId: t("contracts.pdf.taxId"), bank: t("invoices.bank") });
  return {
    locale,
    number: c.number,
    title: tpl.title[locale],
    kind: c.kind,
    templateVersion: c.templateVersion,
    status: c.status,
    statusLabel: t(`contracts.statuses.${c.status}`),
    watermark: !signed ? t("contracts.pdf.draft") : opts.copyOf ? t("contracts.pdf.copy") : null,
    provider: seller,
    customer: {
      name: p.companyName || p.accountName,
      lines: [p.address, p.country, p.taxId ? `${t("contracts.pdf.taxId")}: ${p.taxId}` : "", p.billingEmail ?? "", `${t("contracts.pdf.accountId")}: ${c.accountId}`].filter(Boolean),
    },
    terms: termRows(c, locale).map(({ label, value }) => ({ label, value })),
    items: (c.terms.items ?? []).map((i) => ({ product: locale === "zh-CN" ? i.nameZh : i.nameEn, quantity: String(i.quantity), unit: i.unitLabel })),
    clauses: tpl.clauses(c.terms, locale),
    signatures: [
      {
        party: t("contracts.pdf.for", { party: seller.name }),
        name: c.countersignerName, title: c.countersignerTitle, date: c.countersignedAt ? `${formatWallTime(c.countersignedAt)} UTC` : null, address: null,
      },
      {
        party: t("contracts.pdf.for", { party: p.companyName || p.accountName }),
        name: c.signerName, title: c.signerTitle, date: c.signedAt ? `${formatWallTime(c.signedAt)} UTC` : null, address: c.signedAt ? (c.signerIp ?? t("contracts.detail.unknownIp")) : null,
      },
    ],
    footer: opts.copyOf ? t("contracts.pdf.copyFooter", { hash: opts.copyOf }) : signed ? t("contracts.pdf.signedFooter") : t("contracts.pdf.draftFooter"),
    labels: {
      number: t("contracts.pdf.number"), template: t("contracts.pdf.template"), status: t("contracts.pdf.status"), provider: t("contracts.pdf.provider"), customer: t("contracts.pdf.customer"),
      terms: t("contracts.pdf.terms"), items: t("contracts.pdf.items"), product: t("contracts.pdf.product"), quantity: t("contracts.pdf.quantity"), unit: t("contracts.pdf.unit"),
      signatures: t("contracts.pdf.signatures"), name: t("contracts.pdf.name"), jobTitle: t("contracts.pdf.jobTitle"), date: t("contracts.pdf.date"), address: t("contracts.pdf.address"),
      notSigned: t("contracts.pdf.notSigned"), appName: t("common.appName"),
    },
  };
}
