"use server";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { z } from "zod";
import { users } from "@/db/schema";
import { userAction } from "@/lib/actions/action";
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
    secure: process.env.NODE_ENV === "production" && (process.env.AUTH_URL ?? "").startsWith("https:"),
  });
  return { locale: input.locale };
});
