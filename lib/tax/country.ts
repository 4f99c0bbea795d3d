/**
 * Team info's country is free text ("SG", "Singapore", "新加坡", "中国"); tax rules and tax-ID
 * formats need its ISO 3166 code. The names come from ICU (Intl.DisplayNames) in English
 * and Chinese, so every country the runtime knows is recognised without a table of ours.
 */
const names = new Map<string, string>();

function index() {
  if (names.size) return;
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const displays = ["en", "zh-CN", "zh-TW"].map((l) => new Intl.DisplayNames([l], { type: "region", fallback: "none" }));
  // Withdrawn codes ICU still names (DD is "Germany" too): never the answer.
  const withdrawn = new Set(["DD", "FX", "SU", "YU", "CS", "TP", "ZR", "BU", "NT", "YD", "QU"]);
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      if (withdrawn.has(code)) continue;
      const found = displays.map((d) => d.of(code)).filter((n): n is string => !!n && n !== code);
      if (!found.length) continue;
      names.set(code.toLowerCase(), code);
      for (const n of found) if (!names.has(norm(n))) names.set(norm(n), code);
    }
  for (const [alias, code] of [["usa", "US"], ["united states of america", "US"], ["uk", "GB"], ["great britain", "GB"], ["prc", "CN"], ["中华人民共和国", "CN"], ["美利坚合众国", "US"], ["hong kong", "HK"], ["香港", "HK"], ["macau", "MO"], ["macao", "MO"], ["澳门", "MO"], ["taiwan", "TW"], ["台湾", "TW"]] as const) names.set(alias, code);
  // Not countries: the EU and the UN's "world" regions have codes of their own in ICU.
  for (const notCountry of ["eu", "ez", "un", "qo", "zz", "xa", "xb"]) names.delete(notCountry);
}

const norm = (s: string) => s.normalize("NFKC").trim().toLowerCase().replace(/[.,]/g, "").replace(/\s+/g, " ");

/** The ISO code of a country written as a code or a name in English or Chinese; null when not recognised. */
export function countryCode(country: string): string | null {
  if (!country.trim()) return null;
  index();
  return names.get(norm(country)) ?? null;
}

/** The 27 member states, by their ISO codes (Greece's VAT prefix is EL, its ISO code GR). */
export const EU_COUNTRIES = new Set(["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]);
