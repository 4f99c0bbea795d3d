"use server";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { z } from "zod";
import { users } from "@/db/schema";
import { userAction } from "@/lib/actions/action";
import { appUrl } from "@/lib/env";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

const SetLocaleSchema = z.object({ locale: z.enum(LOCALES) });

/** Saves the user's language and copies it into the cookie the i18n config reads. */
export const setLocale = userAction({ schema: SetLocaleSchema, revalidate: ["/"] }, async ({ input, user, db }) => {
  await db.update(users).set({ locale: input.locale }).where(eq(users.id, user.id));
  (await cookies()).set(LOCALE_COOKIE, input.locale, {
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    sameSite: "lax",
    httpOnly: true,
    // Secure is about the scheme the app is served on, not the mode: a cookie marked Secure is dropped over plain http.
    secure: appUrl().startsWith("https:"),
  });
  return { locale: input.locale };
});
