import { afterEach, describe, expect, it, vi } from "vitest";
import { dollars } from "@/lib/money";
import { DEMO_TAX_RULES, matchTaxRule, taxOn, taxRules } from "./rules";

afterEach(() => vi.unstubAllEnvs());

describe("taxOn: once per invoice, half-even to the cent", () => {
  it.each([
    ["$123.45 at 9 % is $11.11 (11.1105)", 123_450_000n, 900, 11_110_000n],
    ["$0.50 at 9 % is $0.04 (0.045: half to even, down)", 500_000n, 900, 40_000n],
    ["$1.50 at 9 % is $0.14 (0.135: half to even, up)", 1_500_000n, 900, 140_000n],
    ["$1.00 at 9 % is $0.09, where two $0.50 lines rounded apart would give $0.08", 1_000_000n, 900, 90_000n],
    ["sub-cent amounts count: $100.004999 at 7.25 % is $7.25 (7.2503…)", 100_004_999n, 725, 7_250_000n],
    ["nothing on nothing", 0n, 900, 0n],
    ["nothing on a credit", -dollars(10), 900, 0n],
    ["nothing at rate 0", dollars(10), 0, 0n],
  ])("%s", (_name, amount, bps, tax) => {
    expect(taxOn(amount, bps)).toBe(tax);
  });
});

describe("matchTaxRule", () => {
  const rules = DEMO_TAX_RULES;
  it("Singapore by code or name in either language gets 9 % GST", () => {
    for (const country of ["SG", "Singapore", "新加坡", " singapore "]) expect(matchTaxRule(rules, { country, taxId: "" })?.rateBps).toBe(900);
  });
  it("an EU business with a valid VAT ID gets the reverse charge; without one, or with a malformed one, no rule", () => {
    expect(matchTaxRule(rules, { country: "Germany", taxId: "DE136695976" })).toMatchObject({ reverseCharge: true, rateBps: 0 });
    expect(matchTaxRule(rules, { country: "FR", taxId: "FR40303265045" })?.reverseCharge).toBe(true);
    expect(matchTaxRule(rules, { country: "Germany", taxId: "" })).toBeNull();
    expect(matchTaxRule(rules, { country: "Germany", taxId: "DE123" })).toBeNull();
  });
  it("no rule for a country without one, an unknown country, or the UK outside the EU", () => {
    for (const country of ["United States", "中国", "", "Atlantis", "GB"]) expect(matchTaxRule(rules, { country, taxId: "" })).toBeNull();
  });
  it("the first matching rule wins", () => {
    const vat = { country: "DE", vatId: true, rateBps: 0, reverseCharge: true, name: { en: "RC", "zh-CN": "反向" }, note: { en: "n", "zh-CN": "注" } };
    const plain = { country: "DE", vatId: false, rateBps: 1900, reverseCharge: false, name: { en: "VAT", "zh-CN": "增值税" }, note: null };
    expect(matchTaxRule([vat, plain], { country: "DE", taxId: "DE136695976" })?.name.en).toBe("RC");
    expect(matchTaxRule([vat, plain], { country: "DE", taxId: "" })?.name.en).toBe("VAT");
    expect(matchTaxRule([plain, vat], { country: "DE", taxId: "DE136695976" })?.name.en).toBe("VAT");
  });
});

describe("TAX_RULES", () => {
  it("none by default in production; the demo's SG and EU rules in demo mode", () => {
    vi.stubEnv("TAX_RULES", "");
    vi.stubEnv("BILLING_DEMO", "");
    expect(taxRules()).toEqual([]);
    vi.stubEnv("BILLING_DEMO", "on");
    expect(taxRules().map((r) => r.country)).toEqual(["EU", "SG"]);
  });
  it("parses a configured table, and refuses a bad one with the variable's name", () => {
    vi.stubEnv("TAX_RULES", JSON.stringify([{ country: "sg", rateBps: 800, name: { en: "GST", "zh-CN": "消费税" } }]));
    expect(taxRules()).toEqual([{ country: "SG", vatId: false, rateBps: 800, reverseCharge: false, name: { en: "GST", "zh-CN": "消费税" }, note: null }]);
    // The demo's table written out as JSON reads back the same (a rule without a note says null).
    vi.stubEnv("TAX_RULES", JSON.stringify(DEMO_TAX_RULES));
    expect(taxRules()).toEqual(DEMO_TAX_RULES);
    vi.stubEnv("TAX_RULES", "[{");
    expect(() => taxRules()).toThrow(/TAX_RULES is not valid JSON/);
    vi.stubEnv("TAX_RULES", JSON.stringify([{ country: "SG", rateBps: 9.5, name: { en: "GST", "zh-CN": "消费税" } }]));
    expect(() => taxRules()).toThrow(/TAX_RULES is invalid at 0\.rateBps/);
    vi.stubEnv("TAX_RULES", JSON.stringify([{ country: "DE", reverseCharge: true, name: { en: "RC", "zh-CN": "反向" } }]));
    expect(() => taxRules()).toThrow(/reverse charge has rate 0 and a note/);
  });
});
