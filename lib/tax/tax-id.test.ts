import { describe, expect, it } from "vitest";
import { countryCode } from "./country";
import { checkTaxId } from "./tax-id";

describe("countryCode", () => {
  it.each([
    ["SG", "SG"], ["Singapore", "SG"], ["新加坡", "SG"], ["中国", "CN"], ["China", "CN"], ["United States", "US"], ["USA", "US"],
    ["Germany", "DE"], ["德国", "DE"], ["Hong Kong", "HK"], ["", null], ["Atlantis", null], ["EU", null],
  ])("%s → %s", (text, code) => expect(countryCode(text)).toBe(code));
});

describe("checkTaxId by country", () => {
  it.each([
    ["SG", "201912345R", true, "a UEN with its check letter"],
    ["SG", "M90312345A", true, "a GST registration number"],
    ["SG", "201912345W", false, "a UEN with the wrong check letter"],
    ["CN", "91110000600037341L", true, "an 18-character 统一社会信用代码"],
    ["CN", "91310000TEST", false, "too short"],
    ["CN", "91310115MA1K4XXXXX", false, "a wrong check character"],
    ["US", "94-1234567", true, "an EIN"],
    ["US", "US-94-1234567", false, "an EIN with a prefix"],
    ["DE", "DE136695976", true, "a German VAT number"],
    ["DE", "DE123", false, "a short one"],
    ["FR", "FR40303265045", true, "a French VAT number"],
    ["GB", "GB980780684", true, "a UK VAT number"],
    ["GB", "GB123", false, "a short UK VAT number"],
  ])("%s %s → %s (%s)", (country, id, ok) => expect(checkTaxId(country, id).ok).toBe(ok));

  it("says what the country expects", () => {
    expect(checkTaxId("SG", "123")).toEqual({ ok: false, expected: "UEN / GST Reg. No." });
    expect(checkTaxId("CN", "123")).toEqual({ ok: false, expected: "USCC" });
  });
  it("marks EU VAT numbers (the reverse charge needs one), and leaves unknown countries to the plain rule", () => {
    expect(checkTaxId("DE", "DE136695976")).toMatchObject({ ok: true, euVat: true });
    expect(checkTaxId("US", "94-1234567")).toMatchObject({ ok: true, euVat: false });
    expect(checkTaxId(null, "anything 1")).toMatchObject({ ok: true });
    expect(checkTaxId("AQ", "anything 1")).toMatchObject({ ok: true });
  });
});
