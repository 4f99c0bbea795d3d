import { describe, expect, it } from "vitest";
import { csvField } from "./csv";
import { localeFromCookieHeader } from "./i18n/config";

describe("csvField", () => {
  it("quotes separators and quotes, and defuses formulas in text but not in numbers", () => {
    expect(csvField('Bare metal, "c6"')).toBe('"Bare metal, ""c6"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-37.214861", false)).toBe("-37.214861");
  });
});

describe("localeFromCookieHeader", () => {
  it("reads the language cookie among others and ignores anything else", () => {
    expect(localeFromCookieHeader("a=1; NEXT_LOCALE=zh-CN; b=2")).toBe("zh-CN");
    expect(localeFromCookieHeader("XNEXT_LOCALE=zh-CN")).toBe("en");
    expect(localeFromCookieHeader("NEXT_LOCALE=fr")).toBe("en");
    expect(localeFromCookieHeader(null)).toBe("en");
  });
});
