import { z } from "zod";
import type { TaxRuleSnapshot } from "@/db/schema";
import { isDemoMode } from "@/lib/env";
import { divRoundHalfEven, MICROS_PER_CENT, type Micros } from "@/lib/money";
import { countryCode, EU_COUNTRIES } from "./country";
import { checkTaxId } from "./tax-id";

/**
 * Tax rules: a small validated table in TAX_RULES (JSON), none by default, so an invoice has
 * no tax unless the operator says so. Each rule names a customer country (an ISO code, or
 * "EU" for any member state), optionally only for customers with a valid VAT ID (B2B), and
 * either a rate in basis points (900 = 9 %) or a reverse charge with its note. The first
 * matching rule wins, so list the VAT-ID rules before a country's plain one. A rule change
 * applies to invoices issued after it: each invoice stores the rule it was issued under.
 */
const words = z.object({ en: z.string().trim().min(1).max(300), "zh-CN": z.string().trim().min(1).max(300) });

const RuleSchema = z
  .object({
    country: z.string().trim().toUpperCase().regex(/^([A-Z]{2})$/, "country must be an ISO 3166 code such as SG, or EU"),
    vatId: z.boolean().default(false),
    rateBps: z.number().int().min(0).max(10_000).default(0),
    reverseCharge: z.boolean().default(false),
    name: words,
    note: words.nullish(),
  })
  .refine((r) => !r.reverseCharge || (r.rateBps === 0 && r.note), "a reverse charge has rate 0 and a note in both languages");

export const TaxRulesSchema = z.array(RuleSchema).max(200);

/** The demo's rules: Singapore's 9 % GST, and the reverse charge for EU businesses with a VAT ID. */
export const DEMO_TAX_RULES: TaxRuleSnapshot[] = [
  {
    country: "EU", vatId: true, rateBps: 0, reverseCharge: true,
    name: { en: "VAT reverse charge", "zh-CN": "增值税反向征收" },
    note: {
      en: "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).",
      "zh-CN": "反向征收：增值税由收票方自行申报缴纳（欧盟理事会指令 2006/112/EC 第 196 条）。",
    },
  },
  { country: "SG", vatId: false, rateBps: 900, reverseCharge: false, name: { en: "GST", "zh-CN": "商品及服务税" }, note: null },
];

let cached: { raw: string | undefined; demo: boolean; rules: TaxRuleSnapshot[] } | undefined;

/** The configured rules; throws naming TAX_RULES and the first problem when the JSON is wrong. */
export function taxRules(): TaxRuleSnapshot[] {
  const raw = process.env.TAX_RULES?.trim() || undefined;
  const demo = isDemoMode();
  if (cached && cached.raw === raw && cached.demo === demo) return cached.rules;
  let rules: TaxRuleSnapshot[];
  if (raw === undefined) rules = demo ? DEMO_TAX_RULES : [];
  else {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error("TAX_RULES is not valid JSON: expected an array of rules such as [{\"country\":\"SG\",\"rateBps\":900,\"name\":{\"en\":\"GST\",\"zh-CN\":\"商品及服务税\"}}].");
    }
    const parsed = TaxRulesSchema.safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new Error(`TAX_RULES is invalid at ${i.path.join(".") || "the top"}: ${i.message}.`);
    }
    rules = parsed.data.map((r) => ({ ...r, note: r.note ?? null }));
  }
  cached = { raw, demo, rules };
  return rules;
}

/** The rule for a customer's country (free text, resolved to its code) and tax ID; null when none applies. */
export function matchTaxRule(rules: TaxRuleSnapshot[], customer: { country: string; taxId: string }): TaxRuleSnapshot | null {
  const code = countryCode(customer.country);
  if (!code) return null;
  const check = checkTaxId(code, customer.taxId);
  const hasVatId = customer.taxId.trim() !== "" && check.ok && (!EU_COUNTRIES.has(code) || check.euVat);
  return rules.find((r) => (r.country === code || (r.country === "EU" && EU_COUNTRIES.has(code))) && (!r.vatId || hasVatId)) ?? null;
}

/**
 * Tax on an invoice's taxable amount: amount × rate, rounded half-even to the cent once for
 * the whole invoice (never summed from rounded lines, which drifts by a cent per few lines).
 * Nothing is taxed on a zero or negative amount.
 */
export function taxOn(amount: Micros, rateBps: number): Micros {
  if (amount <= 0n || rateBps <= 0) return 0n;
  return divRoundHalfEven(amount * BigInt(rateBps), 10_000n * MICROS_PER_CENT) * MICROS_PER_CENT;
}

/** A rate in basis points as a percentage: 900 → "9%", 725 → "7.25%" (the same in both languages). */
export function formatRate(rateBps: number, locale: "en" | "zh-CN"): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(rateBps / 100)}%`;
}
