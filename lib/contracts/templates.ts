import type { ContractTerms } from "@/db/schema";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";

export const CONTRACT_KINDS = ["service_agreement", "order_form", "credit_agreement"] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export interface Clause {
  heading: string;
  body: string;
}

/**
 * One version of a template: its title and clauses in both languages, as functions of the
 * terms the customer filled in. A contract records the version it was made from, and its
 * PDF is always rendered with that version; a new wording is a new version, never an edit.
 */
export interface TemplateVersion {
  version: number;
  title: Record<Locale, string>;
  clauses: (terms: ContractTerms, locale: Locale) => Clause[];
}

const money = (v: string | undefined, locale: Locale) => formatMoney(BigInt(v ?? "0"), locale);
const percent = (bps: number | undefined) => `${((bps ?? 0) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
const period = (t: ContractTerms, locale: Locale) => (locale === "zh-CN" ? `${t.startsOn} 至 ${t.endsOn}` : `${t.startsOn} to ${t.endsOn}`);

function common(t: ContractTerms, locale: Locale): Clause[] {
  const zh = locale === "zh-CN";
  const out: Clause[] = [
    zh
      ? { heading: "期限", body: `本合同自 ${t.startsOn} 起生效，至 ${t.endsOn} 止（UTC）。双方签署后方可生效；签署时间晚于开始日期的，自签署之日起生效。` }
      : { heading: "Term", body: `This contract runs from ${t.startsOn} to ${t.endsOn} (UTC). It takes effect only once both parties have signed; if signed after the start date, it takes effect on signature.` },
    zh
      ? { heading: "计费与账单", body: "费用以美元计，按平台价目表及本合同约定的条款计算，并记入客户在财务中心的账户；每月账单依据账户流水出具。" }
      : { heading: "Charges and invoices", body: "Charges are in US dollars, computed from the platform's price list and the terms of this contract, and recorded in the customer's Billing Center account; monthly invoices are issued from the account's ledger." },
  ];
  if (t.notes) out.push(zh ? { heading: "其他约定", body: t.notes } : { heading: "Other terms", body: t.notes });
  out.push(
    zh
      ? { heading: "电子签署", body: "双方同意以电子方式签署本合同。签署人输入的姓名、职务、签署时间、用户及网络地址均被记录，与手写签名具有同等效力。已签署的文件保存其 SHA-256 摘要，不再更改。" }
      : { heading: "Electronic signature", body: "The parties agree to sign this contract electronically. The name and title typed by each signatory, the time, the user and the network address are recorded and bind the parties as a handwritten signature would. The signed document is stored with its SHA-256 digest and never changed." },
  );
  return out;
}

export const TEMPLATES: Record<ContractKind, TemplateVersion[]> = {
  service_agreement: [
    {
      version: 1,
      title: { en: "Service agreement", "zh-CN": "服务协议" },
      clauses: (t, locale) => [
        locale === "zh-CN"
          ? { heading: "服务内容", body: `平台在合同期内（${period(t, locale)}）向客户提供云计算服务${t.scope ? `，范围：${t.scope}` : ""}。服务可用性与支持按平台公布的服务等级协议执行。` }
          : { heading: "Services", body: `The platform provides cloud services to the customer during the term (${period(t, locale)})${t.scope ? `, covering: ${t.scope}` : ""}. Availability and support follow the platform's published service level agreement.` },
        ...common(t, locale),
      ],
    },
  ],
  order_form: [
    {
      version: 1,
      title: { en: "Order form", "zh-CN": "订单" },
      clauses: (t, locale) => [
        locale === "zh-CN"
          ? {
              heading: "承诺消费与折扣",
              body: `客户承诺在合同期内每月消费不少于 ${money(t.committedMonthlySpend, locale)}。作为对价，上表所列产品按目录价给予 ${percent(t.discountBps)} 的折扣。某月实际消费低于承诺金额的，差额计入当月账单。`,
            }
          : {
              heading: "Committed spend and discount",
              body: `The customer commits to spend at least ${money(t.committedMonthlySpend, locale)} a month during the term. In return the products listed above are charged at ${percent(t.discountBps)} off the list price. A month whose spend falls short of the commitment is invoiced the difference.`,
            },
        ...common(t, locale),
      ],
    },
  ],
  credit_agreement: [
    {
      version: 1,
      title: { en: "Credit agreement", "zh-CN": "信用额度协议" },
      clauses: (t, locale) => [
        locale === "zh-CN"
          ? {
              heading: "信用额度",
              body: `合同生效期间，客户账户的信用额度为 ${money(t.creditLimit, locale)}：可用余额可低于零，但不超过该额度。合同终止或到期时，信用额度恢复为生效前的数值。`,
            }
          : {
              heading: "Credit limit",
              body: `While this contract is active the customer's account has a credit limit of ${money(t.creditLimit, locale)}: its available funds may go below zero by up to that amount. When the contract ends, the credit limit returns to what it was before.`,
            },
        locale === "zh-CN"
          ? { heading: "付款期限", body: `以信用额度支付的费用，客户应在账单出具后 ${t.paymentTermsDays ?? 0} 天内付清。逾期未付的，平台可按账户逾期规则停止服务。` }
          : { heading: "Payment terms", body: `Charges paid on credit are due within ${t.paymentTermsDays ?? 0} days of the invoice. If they remain unpaid, the platform may stop services under the account's overdue rules.` },
        ...common(t, locale),
      ],
    },
  ],
};

export function currentTemplate(kind: ContractKind): TemplateVersion {
  return TEMPLATES[kind].at(-1)!;
}

/** The version a contract was made from; a contract from an unknown version cannot be rendered (a bug, not bad input). */
export function templateVersion(kind: ContractKind, version: number): TemplateVersion {
  const v = TEMPLATES[kind].find((x) => x.version === version);
  if (!v) throw new Error(`no template ${kind} v${version}`);
  return v;
}
