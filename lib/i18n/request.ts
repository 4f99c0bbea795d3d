import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "./config";
import { MESSAGES } from "./messages";

/**
 * The language comes from the user's saved choice, which sign-in and the language
 * switch copy into a cookie; before sign-in, from the browser's Accept-Language.
 */
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: MESSAGES[locale], timeZone: process.env.PLATFORM_TIME_ZONE ?? "UTC" };
});
