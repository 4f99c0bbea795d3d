"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

/** Before sign-in there is no user to save the choice on: the cookie is enough. */
export const setGuestLocale = publicAction({ schema: z.object({ locale: z.enum(LOCALES) }) }, async ({ input }) => {
  (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
});
