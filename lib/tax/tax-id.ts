import { entityValidators, euVat, validateEntity } from "stdnum";
import { EU_COUNTRIES } from "./country";

/**
 * A customer's tax ID, checked for its country's format (and check digit) by stdnum, a
 * maintained port of python-stdnum: EU VAT numbers, Singapore's UEN, China's 统一社会信用代码
 * (USCC, 18 characters), the US EIN, and about half the world's other company numbers.
 * Singapore's GST registration numbers of bodies without a UEN (M + 8 characters + a
 * check letter) are added here. A country stdnum does not know keeps the plain rule.
 */
export type TaxIdCheck = { ok: true; compact: string; euVat: boolean } | { ok: false; expected: string };

const SG_GST = /^M[0-9A-Z]\d{7}[0-9A-Z]$/;

const compactOf = (taxId: string) => taxId.replace(/[\s.\-/]/g, "").toUpperCase();

/** What a tax ID of the country looks like, by the names its issuers use (UEN, USCC, EIN, n°TVA …); "" when it is not checked. */
export function expectedTaxIds(country: string): string {
  const names = (entityValidators[country] ?? []).map((v) => (v.abbreviation ?? v.name).trim());
  if (country === "SG") names.push("GST Reg. No.");
  return [...new Set(names)].join(" / ");
}

export function checkTaxId(country: string | null, taxId: string): TaxIdCheck {
  const compact = compactOf(taxId);
  if (!country || !entityValidators[country]) return { ok: true, compact, euVat: false };
  if (country === "SG" && SG_GST.test(compact)) return { ok: true, compact, euVat: false };
  const r = validateEntity(country, taxId.trim());
  if (!r.isValid) return { ok: false, expected: expectedTaxIds(country) };
  const vat = EU_COUNTRIES.has(country) && (r.matchedValidators ?? []).some((v) => (euVat[country] ?? []).includes(v));
  return { ok: true, compact, euVat: vat };
}
