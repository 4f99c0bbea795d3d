import { describe, expect, it } from "vitest";
import { isLocale, localeFromAcceptLanguage, localeFromCookieHeader } from "./config";
import { MESSAGES } from "./messages";

describe("locale", () => {
  it("maps any Chinese browser to 简体中文 and everything else to English", () => {
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-CN")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de-DE,en;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });
  it("reads the language cookie among others and ignores anything else", () => {
    const cases = [
      ["a=1; NEXT_LOCALE=zh-CN; b=2", "zh-CN"],
      ["XNEXT_LOCALE=zh-CN", "en"],
      ["NEXT_LOCALE=fr", "en"],
      [null, "en"],
    ] as const;
    for (const [header, locale] of cases) expect(localeFromCookieHeader(header)).toBe(locale);
  });
  it("accepts only the two locales", () => {
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("fr")).toBe(false);
  });
  it("has a Chinese string for every English one, and none left untranslated", () => {
    const keys = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(MESSAGES["zh-CN"]).sort()).toEqual(keys(MESSAGES.en).sort());
    const get = (o: unknown, k: string) => k.split(".").reduce((a, s) => (a as Record<string, unknown>)[s], o) as string;
    // Words, not addresses, brand names or placeholders ({count} {unit} reads the same in both), must be translated.
    const words = (k: string) => get(MESSAGES.en, k).replace(/\{[a-zA-Z]+\}/g, "");
    const same = keys(MESSAGES.en).filter((k) => /[a-z]{4,}/i.test(words(k)) && !get(MESSAGES.en, k).includes("@") && get(MESSAGES.en, k) === get(MESSAGES["zh-CN"], k));
    expect(same).toEqual([]);
  });
});
