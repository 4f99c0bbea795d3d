import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { parseMoney } from "@/lib/money";
import { StaffReason } from "@/lib/staff/reason";
import { plainText } from "@/lib/validation/text";
import { CONTRACT_KINDS } from "./templates";

/** How many product rows the order form offers. */
export const MAX_ITEMS = 5;

const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "date").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "date");
// Contract text is shown to the other party and printed: no hidden text-direction characters (key under contracts.errors).
const party = () => plainText("plainText");
const optText = (max: number) => party().trim().max(max, "tooLong").optional().default("");

/**
 * A contract as the form sends it (flat fields, every value a string). The messages are
 * keys under contracts.errors; the server turns the money and percent strings into exact
 * integers and checks the products against the catalogue itself.
 */
export const ContractFormSchema = z
  .looseObject({
    kind: z.enum(CONTRACT_KINDS, "kind"),
    locale: z.enum(["en", "zh-CN"], "locale"),
    startsOn: date,
    endsOn: date,
    scope: optText(500),
    notes: optText(2000),
    committedMonthlySpend: optText(32),
    discountPercent: optText(16),
    creditLimit: optText(32),
    paymentTermsDays: optText(8),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.startsOn && v.endsOn && v.endsOn <= v.startsOn) issue("endsOn", "endsBeforeStart");
    const money = (field: "committedMonthlySpend" | "creditLimit") => {
      try {
        parseMoney(v[field] ?? "");
      } catch (e) {
        if (!isAppError(e)) throw e;
        issue(field, "amount");
      }
    };
    if (v.kind === "order_form") {
      money("committedMonthlySpend");
      if (!/^\d{1,2}(\.\d{1,2})?$|^100(\.0{1,2})?$/.test(v.discountPercent ?? "")) issue("discountPercent", "percent");
      let any = false;
      for (let i = 0; i < MAX_ITEMS; i++) {
        const product = field(v, `productId_${i}`);
        if (!product) continue;
        any = true;
        if (product.length > 64) issue(`productId_${i}`, "product");
        if (!/^[1-9]\d{0,5}$/.test(field(v, `quantity_${i}`))) issue(`quantity_${i}`, "quantity");
      }
      if (!any) issue("productId_0", "noProducts");
    }
    if (v.kind === "credit_agreement") {
      money("creditLimit");
      if (!/^\d{1,3}$/.test(v.paymentTermsDays ?? "") || Number(v.paymentTermsDays) > 180) issue("paymentTermsDays", "paymentTerms");
    }
  });
export type ContractFormInput = z.infer<typeof ContractFormSchema>;

/** Percent with up to two decimals ("7.5") to basis points (750), without floats. */
export function percentToBps(s: string): number {
  const [whole, frac = ""] = s.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

/** A product row's field (productId_0, quantity_0, …): the form's rows are not in the typed shape. */
function field(v: Record<string, unknown>, key: string): string {
  const x = v[key];
  return typeof x === "string" ? x.trim() : "";
}

export function itemsOf(v: ContractFormInput): { productId: string; quantity: number }[] {
  const out: { productId: string; quantity: number }[] = [];
  for (let i = 0; i < MAX_ITEMS; i++) if (field(v, `productId_${i}`)) out.push({ productId: field(v, `productId_${i}`), quantity: Number(field(v, `quantity_${i}`)) });
  return out;
}

export const SignSchema = z.object({
  contractId: z.string().uuid(),
  fullName: party().trim().min(2, "fullName").max(200, "tooLong"),
  title: party().trim().min(1, "title").max(200, "tooLong"),
  consent: z.preprocess((v) => v === "on" || v === "true" || v === true, z.literal(true, "consent")),
});

/** Staff countersign under their own name with the title they give, and say why (audit log only: the customer never sees it). */
export const CountersignSchema = z.object({
  contractId: z.string().uuid(),
  title: party().trim().min(1, "title").max(200, "tooLong"),
  reason: StaffReason,
});

/** The shortest comment staff may return or terminate a contract with: it is the audited reason, so the staff rule's minimum applies. */
export const MIN_COMMENT = 3;
export const MAX_COMMENT = 2000;

/**
 * Return or terminate: the comment is the reason. It is recorded in the audit log and shown to
 * the customer, so it keeps its own longer limit (2,000) but needs the staff rule's 3 characters.
 */
export const CommentSchema = z.object({
  contractId: z.string().uuid(),
  comment: party().trim().min(MIN_COMMENT, "comment").max(MAX_COMMENT, "tooLong"),
});
