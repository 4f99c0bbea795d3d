export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Picks a locale from an Accept-Language header: any Chinese variant → zh-CN. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const first = header.split(",").map((p) => p.split(";")[0]!.trim().toLowerCase())[0] ?? "";
  return first.startsWith("zh") ? "zh-CN" : DEFAULT_LOCALE;
}

/** The locale a route handler should answer in: the cookie the language switch sets, else English. */
export function localeFromCookieHeader(cookie: string | null): Locale {
  const value = cookie?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`))?.[1];
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
